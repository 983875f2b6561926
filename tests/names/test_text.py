from docket.names.text import clean, dominant_script, fold


def test_fold_strips_accents_and_spells_out_special_letters():
    assert fold("Həşimli") == "heshimli"
    assert fold("Ğeyret") == "gheyret"
    assert fold("Özer") == "oezer"
    assert fold("Çelik") == "chelik"
    assert fold("Abdukérim") == "abdukerim"


def test_clean_unifies_apostrophes_and_space():
    assert clean("Xian’gao   Zhang ") == "Xian'gao Zhang"


def test_dominant_script_of_each_writing_system():
    assert dominant_script("艾力江·马木提") == "Hani"
    assert dominant_script("Парвиз") == "Cyrl"
    assert dominant_script("ئىلھام") == "Arab"
    assert dominant_script("བཀྲ་ཤིས") == "Tibt"
    assert dominant_script("Tashi") == "Latn"
