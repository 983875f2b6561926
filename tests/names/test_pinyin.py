from docket.names import pinyin


def test_split_finds_pinyin_syllables():
    assert pinyin.split("abudurexiti") == ("a", "bu", "du", "re", "xi", "ti")
    assert pinyin.split("zhaxi") == ("zha", "xi")


def test_split_rejects_romanisations_that_are_not_pinyin():
    assert pinyin.split("tsering") is None
    assert pinyin.split("phuntsog") is None


def test_split_honours_apostrophe_boundary():
    assert pinyin.split("xi'an") == ("xi", "an")


def test_han_to_pinyin_keeps_runs_between_dots():
    assert pinyin.han_to_pinyin("艾力江·马木提") == [["ai", "li", "jiang"], ["ma", "mu", "ti"]]


def test_han_readings_include_heteronyms():
    assert "zhisheng" in pinyin.han_readings("智晟")


def test_surname_reading_uses_the_surname_pronunciation():
    assert pinyin.surname_reading("单") == "shan"
    assert pinyin.han_surname_split("欧阳修") == 2


def test_wade_giles_reads_as_pinyin():
    assert "xiaoping" in pinyin.wade_giles_to_pinyin("hsiao-ping")
    assert "deng" in pinyin.wade_giles_to_pinyin("teng")
    assert "zedong" in pinyin.wade_giles_to_pinyin("tse-tung")
    assert "zhou" in pinyin.wade_giles_to_pinyin("chou")


def test_wade_giles_rejects_other_words():
    assert pinyin.wade_giles_to_pinyin("tsultrim") == ()
