import pytest

from docket.names import InvalidNameError, parse
from docket.names.parse import ALIAS, FAMILY, GIVEN, MARKER, PATRONYMIC, TITLE


def roles(name: str) -> list[tuple[str, str]]:
    return [(t.latin, t.role) for t in parse(name).tokens]


def test_parse_azerbaijani_patronymic_and_family():
    assert roles("Parviz Kamran oglu Hashimli") == [
        ("parviz", GIVEN),
        ("kamran", PATRONYMIC),
        ("oglu", MARKER),
        ("hashimli", FAMILY),
    ]


def test_parse_russian_patronymic_by_suffix():
    assert roles("Ivan Petrovich Sidorov") == [
        ("ivan", GIVEN),
        ("petrovich", PATRONYMIC),
        ("sidorov", FAMILY),
    ]


def test_parse_kyrgyz_uulu_marks_father():
    assert roles("Azamat Bolot uulu")[1] == ("bolot", PATRONYMIC)


def test_parse_religious_titles_are_not_name_parts():
    name = parse("Trulku Lobsang Tenzin Rinpoche")
    assert [t.latin for t in name.core] == ["lobsang", "tenzin"]
    assert name.parts(TITLE) == ("Trulku", "Rinpoche")
    assert parse("Hajim Abdureshit Memet").tokens[0].role == TITLE
    assert parse("Qari Ablimit").core[0].latin == "ablimit"


def test_parse_title_alone_stays_a_name():
    assert [t.latin for t in parse("Lama").core] == ["lama"]


def test_parse_han_name_has_surname_and_one_given_name():
    name = parse("Liu Xian Tong")
    assert name.han
    assert [(t.latin, t.role) for t in name.core] == [("liu", FAMILY), ("xiantong", GIVEN)]


def test_parse_han_characters_split_surname():
    name = parse("欧阳修")
    assert name.han and [t.latin for t in name.core] == ["ouyang", "xiu"]


def test_parse_minority_name_in_characters_is_not_han():
    name = parse("艾力江·马木提")
    assert not name.han
    assert [t.latin for t in name.core] == ["ailijiang", "mamuti"]
    assert not parse("买买提").han


def test_parse_wade_giles_han_name_reads_pinyin():
    name = parse("Teng Hsiao-ping")
    assert name.han
    assert "deng" in name.core[0].readings and "xiaoping" in name.core[1].readings


def test_parse_baptismal_name_beside_han_name():
    name = parse("Peter Liu Guandong")
    assert name.han
    assert [(t.latin, t.role) for t in name.core] == [
        ("peter", ALIAS),
        ("liu", FAMILY),
        ("guandong", GIVEN),
    ]


def test_parse_alternates_and_notes():
    name = parse("Tursunjan Emet; Tursunjan Amat")
    assert name.latin == "tursunjan emet"
    assert [a.latin for a in name.alternates] == ["tursunjan amat"]
    assert parse("Apha Jamyang (father Jamyang)").alternates == ()
    assert parse("(Rui Zhaoyang)").latin == "rui zhaoyang"


def test_parse_other_scripts_romanised():
    assert parse("Парвиз Гашимли").latin == "parviz gashimli"
    assert parse("ئىلھام توختى").latin == "ilham toxti"
    assert parse("བསྟན་འཛིན་རྒྱ་མཚོ").latin == "tendzin gyatsho"
    assert parse("bstan 'dzin rgya mtsho").latin == "tendzin gyatsho"


def test_parse_rejects_too_long_and_empty():
    with pytest.raises(InvalidNameError):
        parse("a" * 400)
    with pytest.raises(InvalidNameError):
        parse("   ")
