"""Forms of the case pages: they parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms

from docket.cases.selectors import CaseFilterChoices
from docket.core.confidentiality import Level
from docket.vocab import terms

ANY = ("", "Any")


def _choices(pairs: Any, blank: tuple[str, str] | None = ANY) -> list[tuple[str, str]]:
    return ([blank] if blank else []) + [(str(k), str(v)) for k, v in pairs]


def level_field(*, required: bool = False, help_text: str = "") -> forms.ChoiceField:
    blank = None if required else ("", "Default")
    return forms.ChoiceField(
        label="Who may see it",
        choices=_choices(Level.choices, blank),
        required=required,
        help_text=help_text
        or "Public: anyone once published; internal: staff; restricted: editors and admins.",
    )


class CaseFilterForm(forms.Form):
    """The case list's filters; the choices come from what the reader may see."""

    case_status = forms.ChoiceField(label="Case", required=False)
    status = forms.ChoiceField(label="Person status", required=False)
    ethnicity = forms.ChoiceField(required=False)
    charge_category = forms.ChoiceField(label="Charge", required=False)
    court = forms.ChoiceField(required=False)
    facility = forms.ChoiceField(required=False)
    year = forms.ChoiceField(required=False)

    def __init__(self, data: Any, *, choices: CaseFilterChoices) -> None:
        super().__init__(data)
        for name, pairs in (
            ("case_status", choices.case_statuses),
            ("status", choices.statuses),
            ("ethnicity", ((e, e) for e in choices.ethnicities)),
            ("charge_category", choices.charge_categories),
            ("court", ((i.pk, i.name) for i in choices.courts)),
            ("facility", ((i.pk, i.name) for i in choices.facilities)),
            ("year", ((y, y) for y in reversed(choices.years))),
        ):
            self.fields[name].choices = _choices(pairs)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        """The chosen filters, ready for the case_list selector."""
        return {k: v for k, v in self.cleaned_data.items() if v}


class PersonCreateForm(forms.Form):
    """A new person with their first name; other facts are added as claims afterwards."""

    name = forms.CharField(max_length=300, help_text="As the source writes it.")
    script = forms.ChoiceField(choices=_choices(terms.SCRIPTS.items(), None), initial="Latn")
    kind = forms.ChoiceField(
        label="Kind of name", choices=_choices(terms.NAME_KINDS.items(), None), initial="legal"
    )
    language = forms.CharField(max_length=35, required=False, help_text="A tag such as ug, zh.")
    role = forms.ChoiceField(
        label="Main role",
        choices=_choices(terms.PERSON_ROLES.items(), ("", "Not known yet")),
        required=False,
        help_text="Sources, relatives and witnesses are restricted by default.",
    )
    confidentiality = level_field()

    def service_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        name = {k: data[k] for k in ("script", "kind", "language")} | {"text": data["name"]}
        return {
            "name": name,
            "role": data["role"] or None,
            "confidentiality": data["confidentiality"] or None,
        }


class PersonEditForm(forms.Form):
    """Who may see that a person exists at all (facts are edited as claims)."""

    confidentiality = level_field(required=True)


class CaseCreateForm(forms.Form):
    title = forms.CharField(max_length=300)
    status = forms.ChoiceField(choices=_choices(terms.CASE_STATUSES.items(), None))
    description = forms.CharField(widget=forms.Textarea, max_length=10_000, required=False)
    confidentiality = level_field(required=True)


class InstitutionCreateForm(forms.Form):
    """A court, detention facility, prison, camp or police bureau, with its place."""

    name = forms.CharField(max_length=300, help_text="As the sources name it.")
    kind = forms.ChoiceField(choices=_choices(terms.INSTITUTION_KINDS.items(), None))
    country = forms.CharField(max_length=100, required=False)
    region = forms.CharField(max_length=100, required=False)
    city = forms.CharField(max_length=100, required=False)
