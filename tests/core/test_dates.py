import pytest

from docket.cases.models import Event
from docket.cases.selectors.persons import events_ordered
from docket.core.dates import edtf_columns, q_overlaps, q_within

pytestmark = pytest.mark.django_db

DATES = ["2024-08-23", "2024", "2010/2016", "../2019", "2024-01", "", "201X", "2019/.."]


@pytest.fixture
def events(person, fact):
    someone = person()
    for when in DATES:
        fact(someone, "event", {"type": "detention", "date": when or None})
    return {e.date: e for e in Event.objects.all()}


def test_edtf_columns_for_unknown_date():
    assert edtf_columns("date", None) == {
        "date": "",
        "date_lower": None,
        "date_upper": None,
        "date_precision": "",
    }


def test_sql_within(events):
    inside = set(Event.objects.filter(q_within("date", "2024")).values_list("date", flat=True))
    assert inside == {"2024", "2024-01", "2024-08-23"}


def test_sql_overlaps(events):
    found = set(Event.objects.filter(q_overlaps("date", "2012")).values_list("date", flat=True))
    assert found == {"2010/2016", "../2019", "201X"}
    later = set(Event.objects.filter(q_overlaps("date", "2030")).values_list("date", flat=True))
    assert later == {"2019/.."}


def test_sql_order_open_start_first_undated_last(events):
    ordered = list(events_ordered(Event.objects.all()).values_list("date", flat=True))
    assert ordered == [
        "../2019",
        "2010/2016",
        "201X",
        "2019/..",
        "2024-01",
        "2024",
        "2024-08-23",
        "",
    ]
