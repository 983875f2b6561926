from docket.names import translit


def test_cyrillic_russian_romanisation():
    assert translit.cyrillic_to_latin("Гусейнов") == "Guseynov"
    assert translit.cyrillic_to_latin("Алиев") == "Aliyev"


def test_cyrillic_language_is_guessed_from_letters():
    assert translit.cyrillic_language("Пәрвиз Һәшимли ҹ") == "az"
    assert translit.cyrillic_language("Серікжан Білаш") == "kk"
    assert translit.cyrillic_language("Илһам Җүмә") == "ug"
    assert translit.cyrillic_language("Иван") == "ru"


def test_azerbaijani_cyrillic_g_is_latin_q():
    assert translit.cyrillic_to_latin("Гасымов", "az") == "Qasımov"


def test_uyghur_arabic_script_to_uly():
    assert translit.arabic_to_latin("ئىلھام توختى") == "ilham toxti"


def test_wylie_read_by_thl_phonetics():
    assert translit.wylie_to_phonetic("bstan 'dzin rgya mtsho") == ["ten", "dzin", "gya", "tsho"]
    assert translit.wylie_to_phonetic("blo bzang") == ["lob", "zang"]
    assert translit.wylie_to_phonetic("rdo rje") == ["dor", "je"]
    assert translit.wylie_to_phonetic("bsod nams") == ["soe", "nam"]


def test_looks_like_wylie_needs_prefix_clusters():
    assert translit.looks_like_wylie("bkra shis don grub")
    assert not translit.looks_like_wylie("li ze")
    assert not translit.looks_like_wylie("tashi dorje")


def test_tibetan_script_to_wylie():
    assert translit.tibetan_to_wylie("བསྟན་འཛིན་རྒྱ་མཚོ") == "bstan 'dzin rgya mtsho"
    assert translit.tibetan_to_wylie("བཀྲ་ཤིས") == "bkra shis"
