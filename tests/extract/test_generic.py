"""People in general: background that is about no one in particular."""

from __future__ import annotations

import pytest

from docket.extract.generic import (
    object_is_generic,
    speaks_of_people_in_general,
    subject_is_generic,
)


@pytest.mark.parametrize(
    ("before", "generic"),
    [
        ("Uyghurs who have been abroad, or have family there, have been ", True),
        ("During the campaign, many Tibetans were ", True),
        ("Hundreds of thousands of Uyghurs have been ", True),
        ("The monks were ", False),
        ("Four other Uyghurs whose identities are unknown were also ", False),
        ("Some relatives received notices saying that those ", False),
    ],
)
def test_generic_subject(before: str, generic: bool) -> None:
    assert subject_is_generic(before) is generic


@pytest.mark.parametrize(
    ("after", "generic"),
    [
        (" petitioners in advance of the meeting", True),
        (" several other monks earlier that month", True),
        (" monks Gedun Dragpa and Choeying Kalden", False),
        (" several monks, including Tenzin Deleg", False),
        (" citizen journalists and partners Lu Yuyu and Li Tingyu", False),
        (" were leaders of the church", False),
    ],
)
def test_generic_object(after: str, generic: bool) -> None:
    assert object_is_generic(after, 0, len(after)) is generic


def test_generic_subject_anywhere_in_a_clause() -> None:
    assert speaks_of_people_in_general(
        "The government dismisses allegations, yet Uyghurs continue to go to prison after "
    )
    assert not speaks_of_people_in_general("The four Uyghurs went to prison after ")
