from docket.names import blocking_keys, keys


def shares_key(a: str, b: str) -> bool:
    return bool(blocking_keys(a) & blocking_keys(b))


def test_keys_fold_and_skeleton():
    name_keys = keys("Geshe Tsultrim Gyatso")
    assert name_keys.folded == "tsultrim gyatso"
    assert name_keys.tokens == ("tsultrim", "gyatso")
    assert len(name_keys.skeletons) == 2


def test_blocking_keys_shared_across_scripts_and_spellings():
    assert shares_key("Tashi Dorje", "Zhaxi Duojie")
    assert shares_key("Tashi Dorje", "扎西·多吉")
    assert shares_key("Abdureshit Memet", "Abudurexiti Maimaiti")
    assert shares_key("Abdukiram Abduveli", "Abdukerim Abduwali")
    assert shares_key("Drolma Kyab", "Zhuomajia")
    assert shares_key("Parviz Kamran oglu Hashimli", "Hashimli")
    assert shares_key("Liu Xiaobo", "刘晓波")
    assert shares_key("Liu Xiaobo", "Xiaobo Liu")


def test_blocking_keys_separate_unrelated_names():
    assert not shares_key("Tashi Dorje", "Abdureshit Memet")
    assert not shares_key("Liu Xiaobo", "Wang Quanzhang")
