from carnet.lib.names import first_free


def test_the_wanted_name_when_free_else_the_first_free_numbered_one():
    taken = {"maria", "maria-2"}
    assert first_free("ana", taken.__contains__) == "ana"
    assert first_free("maria", taken.__contains__) == "maria-3"


def test_a_numbered_name_is_cut_to_fit():
    assert first_free("abcdef", {"abcdef"}.__contains__, max_length=6) == "abcd-2"
