import pytest

from docket.cases.spans import Finder, check_span, locate
from docket.core.errors import ApplicationError

TEXT = "Xinjiang’s Urumqi Intermediate People’s Court convicted Nurmehmet, 33,\nin January 2024"


def test_locate_exact():
    start, end = locate(TEXT, "Nurmehmet, 33")
    assert TEXT[start:end] == "Nurmehmet, 33"


def test_locate_tolerates_quotes_case_and_spacing():
    start, end = locate(TEXT, "urumqi intermediate people's court")
    assert TEXT[start:end] == "Urumqi Intermediate People’s Court"
    start, end = locate(TEXT, "33, in January")
    assert TEXT[start:end] == "33,\nin January"


def test_locate_after_offset_finds_next_occurrence():
    text = "one two one"
    assert locate(text, "one", after=1) == (8, 11)


@pytest.mark.parametrize(("quote", "message"), [("", "empty"), ("Kashgar", "do not occur")])
def test_locate_rejects(quote, message):
    with pytest.raises(ApplicationError, match=message):
        locate(TEXT, quote)


def test_check_span_bounds():
    check_span(TEXT, 0, 5)
    with pytest.raises(ApplicationError, match="outside the source"):
        check_span(TEXT, 5, 4)
    with pytest.raises(ApplicationError, match="outside the source"):
        check_span(TEXT, 0, len(TEXT) + 1)


def test_finder_matches_whole_words_only():
    finder = Finder("The Hanzhong court tried Han Lin, a Han Chinese writer’s friend.")
    start, end = finder.find("Han")
    assert (start, end) == (25, 28)
    assert finder.text[start:end] == "Han"
    start, end = finder.find("writer's")
    assert finder.text[start:end] == "writer’s"
    assert finder.find("court tried Han Lin") == (13, 32)
    assert finder.find("Hanz") is None
    assert finder.find("  ") is None
