"""Generate realistic name records with variants, for the dedupe benchmark.

    python bench/gen_names.py --count 1000000 --output /tmp/names.jsonl

Each person gets one to several written forms the way reports write them: romanisation
variants (Uyghur q/k, x/sh, w/v, e/a, -jan; Tibetan -g/-k, ph/p, oe/o, -e/-ey), the Chinese
transcription in pinyin and in characters, Uyghur Arabic script, Russian Cyrillic for
Azerbaijani names, Wade-Giles for Han names, titles and patronymics. Lines are
{"id", "name", "person"}; "person" is the truth, which dedupe does not read.

Element tables are common name parts with their usual Chinese transcriptions (general
reference usage, e.g. Tashi 扎西 Zhaxi); they are the generator's own and independent of the
matcher's rules.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

# Tibetan elements: romanisation, pinyin, characters.
TIBETAN = [
    ("Tashi", "Zhaxi", "扎西"),
    ("Dorje", "Duoji", "多吉"),
    ("Tsering", "Ciren", "次仁"),
    ("Lobsang", "Luosang", "洛桑"),
    ("Tenzin", "Danzeng", "丹增"),
    ("Kalsang", "Gesang", "格桑"),
    ("Phuntsog", "Pingcuo", "平措"),
    ("Sonam", "Suolang", "索朗"),
    ("Gyatso", "Jiacuo", "嘉措"),
    ("Drolma", "Zhuoma", "卓玛"),
    ("Lhamo", "Lamu", "拉姆"),
    ("Dawa", "Dawa", "达瓦"),
    ("Nyima", "Nima", "尼玛"),
    ("Dondrub", "Dunzhu", "顿珠"),
    ("Wangdu", "Wangdui", "旺堆"),
    ("Jampa", "Qiangba", "强巴"),
    ("Ngawang", "Awang", "阿旺"),
    ("Gonpo", "Gongbao", "贡保"),
    ("Thubten", "Tudeng", "土登"),
    ("Yeshe", "Yixi", "益西"),
    ("Choephel", "Qunpei", "群培"),
    ("Jigme", "Jinmei", "晋美"),
    ("Penpa", "Bianba", "边巴"),
    ("Pasang", "Basang", "巴桑"),
    ("Pema", "Baima", "白玛"),
    ("Rinchen", "Renqing", "仁青"),
    ("Gyaltsen", "Jianzan", "坚赞"),
    ("Yangchen", "Yangjin", "央金"),
    ("Dekyi", "Deji", "德吉"),
    ("Sanggye", "Sangjie", "桑杰"),
    ("Tsultrim", "Chuchen", "楚臣"),
    ("Namgyal", "Langjie", "朗杰"),
    ("Lhundrub", "Lunzhu", "伦珠"),
    ("Migmar", "Mima", "米玛"),
    ("Norbu", "Luobu", "罗布"),
    ("Samten", "Sangdan", "桑旦"),
    ("Palden", "Baidan", "白丹"),
    ("Tseten", "Cidan", "次旦"),
    ("Dechen", "Deqing", "德庆"),
    ("Khedrub", "Kezhu", "克珠"),
    ("Jamyang", "Jiangyang", "降央"),
    ("Kunga", "Gongga", "贡嘎"),
    ("Lodroe", "Luozhu", "洛珠"),
    ("Sherab", "Xirao", "喜饶"),
    ("Tsewang", "Ciwang", "次旺"),
    ("Rigzin", "Renzeng", "仁增"),
    ("Geleg", "Gelie", "格列"),
    ("Dargye", "Dajie", "达杰"),
    ("Yonten", "Yundan", "云丹"),
    ("Choedron", "Quzhen", "曲珍"),
    ("Choekyi", "Quji", "曲吉"),
    ("Wangmo", "Wangmu", "旺姆"),
    ("Yangzom", "Yangzong", "央宗"),
    ("Nyandrag", "Nianzha", "念扎"),
    ("Trinle", "Chilie", "赤列"),
    ("Oezer", "Weise", "维色"),
    ("Tobgyal", "Duojie", "多杰"),
    ("Gedun", "Gendun", "根敦"),
    ("Losel", "Luose", "洛色"),
    ("Chime", "Qimei", "其美"),
]
# Tibetan syllables: romanisation, pinyin, character. Names are built from two-syllable
# elements, as real ones are (Tashi = bkra shis, Dondrub = don grub).
TIBETAN_SYLLABLES = [
    ("Ta", "zha", "扎"),
    ("shi", "xi", "西"),
    ("Dor", "duo", "多"),
    ("je", "jie", "杰"),
    ("Tse", "ci", "次"),
    ("ring", "ren", "仁"),
    ("Lob", "luo", "洛"),
    ("sang", "sang", "桑"),
    ("Ten", "dan", "丹"),
    ("dzin", "zeng", "增"),
    ("Kal", "ge", "格"),
    ("Phun", "ping", "平"),
    ("tsog", "cuo", "措"),
    ("So", "suo", "索"),
    ("nam", "lang", "朗"),
    ("Gya", "jia", "嘉"),
    ("tso", "cuo", "错"),
    ("Drol", "zhuo", "卓"),
    ("ma", "ma", "玛"),
    ("Lha", "la", "拉"),
    ("mo", "mu", "姆"),
    ("Da", "da", "达"),
    ("wa", "wa", "瓦"),
    ("Nyi", "ni", "尼"),
    ("Don", "dun", "顿"),
    ("drub", "zhu", "珠"),
    ("Wang", "wang", "旺"),
    ("du", "dui", "堆"),
    ("Jam", "qiang", "强"),
    ("pa", "ba", "巴"),
    ("Nga", "a", "阿"),
    ("Gon", "gong", "贡"),
    ("po", "bao", "保"),
    ("Thub", "tu", "土"),
    ("ten", "deng", "登"),
    ("Ye", "yi", "益"),
    ("she", "xi", "希"),
    ("Choe", "qu", "曲"),
    ("phel", "pei", "培"),
    ("Jig", "jin", "晋"),
    ("me", "mei", "美"),
    ("Pen", "bian", "边"),
    ("Pe", "bai", "白"),
    ("Rin", "ren", "仁"),
    ("chen", "qing", "青"),
    ("Gyal", "jian", "坚"),
    ("tsen", "zan", "赞"),
    ("Yang", "yang", "央"),
    ("De", "de", "德"),
    ("kyi", "ji", "吉"),
    ("gye", "jie", "结"),
    ("Tsul", "chu", "楚"),
    ("trim", "chen", "臣"),
    ("Lhun", "lun", "伦"),
    ("Mig", "mi", "米"),
    ("mar", "ma", "玛"),
    ("Nor", "luo", "罗"),
    ("bu", "bu", "布"),
    ("Sam", "sang", "桑"),
    ("den", "dan", "旦"),
    ("Khe", "ke", "克"),
    ("Kun", "gong", "贡"),
    ("ga", "ga", "嘎"),
    ("Lo", "luo", "洛"),
    ("droe", "zhu", "珠"),
    ("Rab", "rao", "饶"),
    ("Rig", "ren", "仁"),
    ("zin", "zeng", "增"),
    ("Dar", "da", "达"),
    ("Yon", "yun", "云"),
    ("dron", "zhen", "珍"),
    ("zom", "zong", "宗"),
    ("Nyan", "nian", "念"),
    ("drag", "zha", "扎"),
    ("Trin", "chi", "赤"),
    ("le", "lie", "列"),
    ("Oe", "wei", "维"),
    ("zer", "se", "色"),
    ("Tob", "duo", "多"),
    ("Ge", "ge", "格"),
    ("dun", "dun", "敦"),
    ("sel", "se", "色"),
    ("Chi", "qi", "其"),
    ("Ngo", "a", "阿"),
    ("Pa", "ba", "巴"),
    ("Sher", "xi", "喜"),
    ("rab", "rao", "饶"),
    ("Tsom", "cong", "聪"),
    ("Lung", "long", "隆"),
    ("tog", "duo", "多"),
    ("Shon", "xun", "旬"),
    ("nu", "nu", "努"),
]
UYGHUR = [
    ("Abdureshit", "Abudurexiti", "阿不都热西提"),
    ("Memet", "Maimaiti", "买买提"),
    ("Ilham", "Yilihamu", "伊力哈木"),
    ("Tohti", "Tuheti", "土赫提"),
    ("Elijan", "Ailijiang", "艾力江"),
    ("Mamut", "Mamuti", "马木提"),
    ("Tursun", "Tuerxun", "吐尔逊"),
    ("Abdukerim", "Abudukelimu", "阿不都克里木"),
    ("Nurmemet", "Nuermaimaiti", "努尔买买提"),
    ("Gulnar", "Gulinaer", "古丽娜尔"),
    ("Perhat", "Paerhati", "帕尔哈提"),
    ("Ekber", "Aikebaier", "艾克拜尔"),
    ("Sattar", "Shataer", "沙塔尔"),
    ("Rehman", "Rehemann", "热合曼"),
    ("Yusup", "Yusufu", "玉素甫"),
    ("Tahir", "Tayier", "塔依尔"),
    ("Turghun", "Tuerhong", "吐尔洪"),
    ("Yasin", "Yasen", "亚森"),
    ("Qahar", "Kahaer", "卡哈尔"),
    ("Ehmet", "Aihemaiti", "艾合买提"),
    ("Imin", "Yiming", "依明"),
    ("Aygul", "Ayiguli", "阿依古丽"),
    ("Mihrigul", "Mirigul", "米日古丽"),
    ("Abduweli", "Abuduwaili", "阿不都外力"),
    ("Rebiye", "Rebiya", "热比娅"),
    ("Qadir", "Kadeer", "卡德尔"),
    ("Qurban", "Kurban", "库尔班"),
    ("Obul", "Wubuli", "吾布力"),
    ("Niyaz", "Niyazi", "尼亚孜"),
    ("Osman", "Wusiman", "吾斯曼"),
    ("Ablimit", "Abulimiti", "阿不力米提"),
    ("Hoshur", "Wushouer", "吾守尔"),
    ("Ismail", "Yisimayi", "依斯马伊"),
    ("Enwer", "Anwaer", "安瓦尔"),
    ("Zulpiye", "Zulipiye", "祖力皮亚"),
    ("Patigul", "Patiguli", "帕提古丽"),
    ("Mutellip", "Mutalifu", "木塔力甫"),
    ("Yalqun", "Yalikun", "亚力坤"),
    ("Rozi", "Rouzi", "肉孜"),
    ("Adil", "Adili", "阿迪力"),
    ("Xalmurat", "Halimulati", "哈力木拉提"),
    ("Sadir", "Sadier", "沙迪尔"),
    ("Nurmuhemmet", "Nuermuhanmaiti", "努尔穆罕麦提"),
    ("Abla", "Abula", "阿布拉"),
    ("Gheyret", "Hailaite", "海来提"),
    ("Ehet", "Aihaiti", "艾海提"),
]
HAN_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力波宁志永晓东海林峰春雷斌鹏飞宇浩凯健俊帆成坤亮"  # noqa: E501
AZERI_GIVEN = [
    ("Parviz", "Pərviz", "Парвиз"),
    ("Ilgar", "İlqar", "Ильгар"),
    ("Emin", "Emin", "Эмин"),
    ("Rasul", "Rəsul", "Расул"),
    ("Intigam", "İntiqam", "Интигам"),
    ("Bakhtiyar", "Bəxtiyar", "Бахтияр"),
    ("Anar", "Anar", "Анар"),
    ("Tofig", "Tofiq", "Тофиг"),
    ("Leyla", "Leyla", "Лейла"),
    ("Khadija", "Xədicə", "Хадиджа"),
    ("Afgan", "Əfqan", "Афган"),
    ("Mehman", "Mehman", "Мехман"),
    ("Arif", "Arif", "Ариф"),
    ("Elchin", "Elçin", "Эльчин"),
    ("Javid", "Cavid", "Джавид"),
    ("Rauf", "Rauf", "Рауф"),
    ("Gunel", "Günel", "Гюнель"),
    ("Nijat", "Nicat", "Ниджат"),
]
AZERI_FAMILY = [
    ("Hashimli", "Həşimli", "Гашимли"),
    ("Mammadov", "Məmmədov", "Мамедов"),
    ("Huseynov", "Hüseynov", "Гусейнов"),
    ("Aliyev", "Əliyev", "Алиев"),
    ("Jafarov", "Cəfərov", "Джафаров"),
    ("Hajiyev", "Hacıyev", "Гаджиев"),
    ("Yunusov", "Yunusov", "Юнусов"),
    ("Mukhtarli", "Muxtarlı", "Мухтарлы"),
    ("Ismayilov", "İsmayılov", "Исмаилов"),
    ("Gasimov", "Qasımov", "Касумов"),
    ("Rzayev", "Rzayev", "Рзаев"),
    ("Guliyev", "Quliyev", "Кулиев"),
    ("Mammadli", "Məmmədli", "Мамедли"),
    ("Babayev", "Babayev", "Бабаев"),
]
TITLES = {"tibetan": ["Geshe", "Lama", "Trulku", "Khenpo"], "uyghur": ["Hajim", "Qari", "Imam"]}
_ARABIC = {
    "a": "ا",
    "e": "ە",
    "b": "ب",
    "p": "پ",
    "t": "ت",
    "j": "ج",
    "d": "د",
    "r": "ر",
    "z": "ز",
    "s": "س",
    "f": "ف",
    "q": "ق",
    "k": "ك",
    "g": "گ",
    "l": "ل",
    "m": "م",
    "n": "ن",
    "h": "ھ",
    "o": "و",
    "u": "ۇ",
    "w": "ۋ",
    "i": "ى",
    "y": "ي",
    "x": "خ",
}


def _uyghur_spelling(name: str, rng: random.Random) -> str:
    rules = [("q", "k"), ("x", "kh"), ("w", "v"), ("e", "a"), ("gh", "g"), ("u", "o"), ("i", "e")]
    for old, new in rng.sample(rules, 2):
        name = name.replace(old, new, 1)
    if rng.random() < 0.2:
        name += "jan"
    return name[0].upper() + name[1:]


def _tibetan_spelling(name: str, rng: random.Random) -> str:
    rules = [("g", "k"), ("ph", "p"), ("oe", "o"), ("Tr", "Thr"), ("b", "p"), ("dr", "d")]
    for old, new in rng.sample(rules, 2):
        if old in name:
            name = name.replace(old, new, 1)
    if name.endswith("e") and rng.random() < 0.5:
        name += "y"
    return name


def _arabic(name: str) -> str:
    out = "ئ" if name[:1].lower() in "aeiou" else ""
    lower = name.lower().replace("sh", "ش").replace("ch", "چ").replace("gh", "غ").replace("ng", "ڭ")
    return out + "".join(_ARABIC.get(c, c) for c in lower)


def _zipf_choice(rng: random.Random, items: list[tuple[str, str, str]]) -> tuple[str, str, str]:
    """Pick with frequencies falling off like real name parts (a few very common)."""
    return items[int(rng.expovariate(1 / 12)) % len(items)]


def _tibetan_element(rng: random.Random) -> tuple[str, str, str]:
    if rng.random() < 0.4:
        return _zipf_choice(rng, TIBETAN)
    first = rng.choice([s for s in TIBETAN_SYLLABLES if s[0][0].isupper()])
    second = rng.choice([s for s in TIBETAN_SYLLABLES if s[0][0].islower()])
    return first[0] + second[0], (first[1] + second[1]).capitalize(), first[2] + second[2]


def tibetan_person(rng: random.Random) -> list[str]:
    """Forms of one Tibetan name: spellings, pinyin, characters, with a title."""
    parts: list[tuple[str, str, str]] = []
    while len(parts) < (3 if rng.random() < 0.1 else 2):
        part = _tibetan_element(rng)
        if part not in parts:
            parts.append(part)
    latin = " ".join(p[0] for p in parts)
    forms = [latin]
    for _ in range(rng.randint(0, 2)):
        forms.append(" ".join(_tibetan_spelling(p[0], rng) for p in parts))
    if rng.random() < 0.6:
        forms.append(" ".join(p[1] for p in parts))
    if rng.random() < 0.3:
        forms.append(("·" if rng.random() < 0.3 else "").join(p[2] for p in parts))
    if rng.random() < 0.15:
        forms.append(f"{rng.choice(TITLES['tibetan'])} {latin}")
    return forms


def uyghur_person(rng: random.Random) -> list[str]:
    """Forms of one Uyghur name (given + father's name)."""
    given, father = rng.sample(UYGHUR, 2)
    forms = [f"{given[0]} {father[0]}"]
    for _ in range(rng.randint(0, 2)):
        forms.append(f"{_uyghur_spelling(given[0], rng)} {_uyghur_spelling(father[0], rng)}")
    if rng.random() < 0.6:
        forms.append(f"{given[1]} {father[1]}")
    if rng.random() < 0.3:
        forms.append(f"{given[2]}·{father[2]}")
    if rng.random() < 0.2:
        forms.append(f"{_arabic(given[0])} {_arabic(father[0])}")
    if rng.random() < 0.1:
        forms.append(f"{rng.choice(TITLES['uyghur'])} {given[0]} {father[0]}")
    return forms


def han_person(rng: random.Random, surnames: list[tuple[str, str]]) -> list[str]:
    """Forms of one Han name: pinyin, characters, spacing and order, Wade-Giles, baptismal."""
    from pypinyin import lazy_pinyin

    surname, chars = rng.choice(surnames)
    given_chars = "".join(rng.sample(HAN_GIVEN, rng.choice((1, 2, 2, 2))))
    given = "".join(lazy_pinyin(given_chars))
    full = f"{surname.capitalize()} {given.capitalize()}"
    forms = [full]
    if rng.random() < 0.5:
        forms.append(chars[0] + given_chars)
    if rng.random() < 0.2:
        forms.append(f"{given.capitalize()} {surname.capitalize()}")
    if rng.random() < 0.1:
        forms.append(f"{rng.choice(['Peter', 'Joseph', 'Paul', 'John'])} {full}")
    if rng.random() < 0.3:
        forms.append(
            full.upper() if rng.random() < 0.5 else f"{surname.upper()} {given.capitalize()}"
        )
    return forms


def azeri_person(rng: random.Random) -> list[str]:
    """Forms of one Azerbaijani name: English, Azerbaijani Latin, Russian, with patronymic."""
    given, family = rng.choice(AZERI_GIVEN), rng.choice(AZERI_FAMILY)
    father = rng.choice(AZERI_GIVEN)
    forms = [f"{given[0]} {family[0]}"]
    if rng.random() < 0.5:
        forms.append(f"{given[1]} {family[1]}")
    if rng.random() < 0.5:
        forms.append(f"{given[2]} {family[2]}")
    if rng.random() < 0.3:
        forms.append(f"{given[0]} {father[0]} oglu {family[0]}")
    return forms


def generate(count: int, seed: int) -> list[dict[str, str]]:
    """count records of persons with their variant forms."""
    rng = random.Random(seed)
    from docket.names.pinyin import surnames

    surname_table = [(k, v) for k, v in surnames().items() if len(k) <= 6]
    makers = [
        (0.45, tibetan_person),
        (0.3, uyghur_person),
        (0.2, lambda r: han_person(r, surname_table)),
        (0.05, azeri_person),
    ]
    records: list[dict[str, str]] = []
    person = 0
    cumulative = [sum(w for w, _ in makers[: i + 1]) for i in range(len(makers))]
    while len(records) < count:
        pick = rng.random()
        maker = next(
            (m for (_, m), c in zip(makers, cumulative, strict=True) if pick <= c), makers[-1][1]
        )
        person += 1
        for form in maker(rng):
            records.append({"id": f"r{len(records)}", "name": form, "person": f"p{person}"})
    return records[:count]


def main() -> int:
    """Write the generated records as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()
    out = args.output.open("w", encoding="utf-8") if args.output else sys.stdout
    for record in generate(args.count, args.seed):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if args.output:
        out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
