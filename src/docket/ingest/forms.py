"""Forms that record claims by hand: one per claim field, plus where the words come from.

A form only parses input into the value shape of cases/fields.py; the claim services
check it (vocabularies, EDTF dates, limits) and their refusals come back as form errors.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from docket.cases import selectors as case_selectors
from docket.cases import services
from docket.cases.forms import level_field
from docket.cases.models import Claim
from docket.core.errors import ApplicationError, NotFound
from docket.evidence import selectors as evidence_selectors
from docket.ingest import services as ingest_services
from docket.ingest.models import ExtractedPerson
from docket.vocab import terms

DATE_HELP = (
    "EDTF: 2024, 2024-01, 2024-08-23; 2010/2016 for a range; 2017~ about; ../2019 before 2019."
)


def _pairs(vocabulary: Any, blank: str | None = None) -> list[tuple[str, str]]:
    return ([("", blank)] if blank is not None else []) + list(vocabulary.items())


def _date(label: str = "Date", **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=64, required=False, help_text=DATE_HELP, **kwargs
    )


def _ref(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, coerce=int, empty_value=None, required=False)


class ClaimForm(forms.Form):
    """A claim about a person: the value fields of a subclass, then its evidence."""

    field: ClassVar[str]
    title: ClassVar[str]
    # The value is this one form field (a string or number), not an object of fields.
    scalar: ClassVar[str | None] = None
    # Fields whose empty input means "not known" (None) rather than "".
    optional_refs: ClassVar[tuple[str, ...]] = ()

    source = _ref("Source")
    quote = forms.CharField(
        label="Quoted words",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The source's exact words that support this fact.",
    )
    veracity = forms.ChoiceField(choices=_pairs(terms.VERACITIES), initial="alleged")
    confidentiality = level_field(
        help_text="Default: as restricted as the person or the source, whichever is more."
    )

    def __init__(self, data: Any = None, *, user: Any, editing: bool = False, **kwargs: Any):
        super().__init__(data, **kwargs)
        self.order_fields(self.value_fields())
        self.user = user
        if editing:  # a claim's source and quoted words never change
            del self.fields["source"], self.fields["quote"]
        else:
            sources = evidence_selectors.source_list(user=user).only("pk", "title")
            self.fields["source"].choices = [("", "No source (my own knowledge)")] + [  # type: ignore[attr-defined]
                (s.pk, s.title or f"Source {s.pk}") for s in sources
            ]
        if "case" in self.fields:
            cases = case_selectors.case_list(user=user)
            self.fields["case"].choices = [("", "None")] + [(c.pk, c.title) for c in cases]  # type: ignore[attr-defined]

    @classmethod
    def value_fields(cls) -> list[str]:
        return [name for name in cls.base_fields if name not in ClaimForm.base_fields]

    @classmethod
    def initial_for(cls, claim: Claim) -> dict[str, Any]:
        """Initial data to edit `claim` with this form."""
        value = {cls.scalar: claim.value} if cls.scalar else dict(claim.value)
        found = {k: "" if value.get(k) is None else value[k] for k in cls.value_fields()}
        return found | {"veracity": claim.veracity, "confidentiality": claim.confidentiality}

    def field_for_error(self, key: str) -> str | None:
        """The form field a service's error key ("value", "value.date", "quote") belongs to."""
        name = self.scalar if key == "value" and self.scalar else key.removeprefix("value.")
        return name if name in self.fields else None

    def clean_source(self) -> Any:
        source_id = self.cleaned_data.get("source")
        if source_id is None:
            return None
        try:
            return evidence_selectors.source_get(user=self.user, source_id=source_id)
        except NotFound as exc:
            raise forms.ValidationError("no such source") from exc

    def value(self) -> Any:
        data = self.cleaned_data
        if self.scalar:
            return data[self.scalar]
        return {
            k: (None if k in self.optional_refs and data[k] in ("", None) else data[k])
            for k in self.value_fields()
        }

    def create_args(self) -> dict[str, Any]:
        """Keyword arguments for the claim_create service."""
        data = self.cleaned_data
        return {
            "field": self.field,
            "value": self.value(),
            "source": data["source"],
            "quote": data["quote"],
            "veracity": data["veracity"],
            "confidentiality": data["confidentiality"] or None,
        }

    def update_args(self) -> dict[str, Any]:
        """Keyword arguments for the claim_update service."""
        data = self.cleaned_data
        return {
            "value": self.value(),
            "veracity": data["veracity"],
            "confidentiality": data["confidentiality"] or None,
        }


class NameForm(ClaimForm):
    field, title = "name", "Name"
    text = forms.CharField(label="Name", max_length=300)
    script = forms.ChoiceField(choices=_pairs(terms.SCRIPTS), initial="Latn")
    kind = forms.ChoiceField(label="Kind of name", choices=_pairs(terms.NAME_KINDS))
    language = forms.CharField(max_length=35, required=False, help_text="A tag such as ug, zh.")


class SexForm(ClaimForm):
    field, title, scalar = "sex", "Sex", "sex"
    sex = forms.ChoiceField(choices=_pairs(terms.SEXES))


class BirthYearForm(ClaimForm):
    field, title, scalar = "birth_year", "Birth year", "birth_year"
    birth_year = forms.IntegerField()


class AgeForm(ClaimForm):
    field, title = "age", "Age"
    optional_refs = ("as_of",)
    age = forms.IntegerField()
    as_of = _date("As of", initial="")


class EthnicityForm(ClaimForm):
    field, title, scalar = "ethnicity", "Ethnicity", "ethnicity"
    ethnicity = forms.CharField(max_length=100)


class ReligionForm(ClaimForm):
    field, title, scalar = "religion", "Religion", "religion"
    religion = forms.CharField(max_length=100)


class StatusForm(ClaimForm):
    field, title, scalar = "status", "Status", "status"
    status = forms.ChoiceField(choices=_pairs(terms.PERSON_STATUSES))


class CountForm(ClaimForm):
    field, title, scalar = "count", "Number of people", "count"
    count = forms.IntegerField(help_text="For a group of unnamed people, how many.")


class OccupationForm(ClaimForm):
    field, title, scalar = "occupation", "Occupation", "occupation"
    occupation = forms.CharField(max_length=200)


class MembershipForm(ClaimForm):
    field, title = "membership", "Part in a case"
    case = _ref("Case")
    role = forms.ChoiceField(choices=_pairs(terms.PERSON_ROLES))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].required = True


class EventForm(ClaimForm):
    field, title = "event", "Event"
    optional_refs = ("date", "institution", "case")
    type = forms.ChoiceField(label="What happened", choices=_pairs(terms.EVENT_TYPES))
    date = _date()
    place = forms.CharField(max_length=200, required=False)
    institution = _ref("Court or facility")
    case = _ref("Case")
    description = forms.CharField(max_length=1000, required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        places = case_selectors.institution_list(user=self.user)
        self.fields["institution"].choices = [("", "None")] + [  # type: ignore[attr-defined]
            (i.pk, f"{i.name} ({terms.label(terms.INSTITUTION_KINDS, i.kind)})") for i in places
        ]


class ChargeForm(ClaimForm):
    field, title = "charge", "Charge"
    optional_refs = ("case",)
    text = forms.CharField(label="Charge as quoted", max_length=1000)
    category = forms.ChoiceField(choices=())
    statute = forms.CharField(max_length=200, required=False)
    case = _ref("Case")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = list(terms.charge_category_labels().items())  # type: ignore[attr-defined]


class SentenceForm(ClaimForm):
    field, title = "sentence", "Sentence"
    optional_refs = ("min_months", "max_months", "start", "case")
    min_months = forms.IntegerField(label="Months (at least)", required=False)
    max_months = forms.IntegerField(
        label="Months (at most)", required=False, help_text="Leave empty for a fixed term."
    )
    life = forms.BooleanField(label="Life imprisonment", required=False)
    death = forms.BooleanField(label="Death sentence", required=False)
    suspended = forms.BooleanField(label="Death sentence suspended", required=False)
    start = _date("Term starts", initial="")
    case = _ref("Case")


class AllegationForm(ClaimForm):
    field, title = "allegation", "Allegation"
    optional_refs = ("case",)
    type = forms.ChoiceField(label="Allegation", choices=_pairs(terms.ALLEGATION_TYPES))
    case = _ref("Case")


class InterventionForm(ClaimForm):
    field, title = "intervention", "Intervention"
    optional_refs = ("date", "case")
    kind = forms.ChoiceField(choices=_pairs(terms.INTERVENTION_KINDS))
    by = forms.CharField(label="By whom", max_length=300)
    date = _date()
    response = forms.CharField(max_length=2000, required=False, widget=forms.Textarea)
    case = _ref("Case")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject")])
    reason = forms.CharField(
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why it is rejected (kept in the audit log).",
    )

    def apply(self, *, actor: Any, claim: Claim) -> Claim:
        """Call the service the decision names."""
        if self.cleaned_data["decision"] == "accept":
            return services.claim_accept(actor=actor, claim=claim)
        return services.claim_reject(actor=actor, claim=claim, reason=self.cleaned_data["reason"])


def _valid(form: forms.Form) -> dict[str, Any]:
    """The cleaned data, or the form's first error as a refusal (buttons send fixed values)."""
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise ApplicationError(f"{field}: {errors[0]}", code="invalid")
    return form.cleaned_data


class SuggestionForm(forms.Form):
    """The review page's accept and reject buttons for one suggested claim."""

    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("reject", "Reject")])
    reason = forms.CharField(max_length=2000, required=False)

    def apply(self, *, actor: Any, claim: Claim) -> Claim:
        data = _valid(self)
        if data["decision"] == "accept":
            return ingest_services.suggestion_accept(actor=actor, claim=claim)
        return ingest_services.suggestion_reject(actor=actor, claim=claim, reason=data["reason"])


class PersonDecisionForm(forms.Form):
    """Accept all of an extracted person's suggestions, keep it as a new person, or reject it."""

    decision = forms.ChoiceField(
        choices=[("accept", "Accept all"), ("new", "Create new person"), ("reject", "Reject")]
    )
    reason = forms.CharField(max_length=2000, required=False)

    def apply(self, *, actor: Any, extracted: ExtractedPerson) -> ExtractedPerson:
        data = _valid(self)
        if data["decision"] == "accept":
            return ingest_services.extracted_person_accept(actor=actor, extracted=extracted)
        if data["decision"] == "new":
            return ingest_services.extracted_person_new(actor=actor, extracted=extracted)
        return ingest_services.extracted_person_reject(
            actor=actor, extracted=extracted, reason=data["reason"]
        )


class LinkForm(forms.Form):
    """Link an extracted person to an existing person (one of its candidates)."""

    person = forms.IntegerField(min_value=1)

    def apply(self, *, actor: Any, extracted: ExtractedPerson) -> ExtractedPerson:
        person = case_selectors.person_get(user=actor, person_id=_valid(self)["person"])
        return ingest_services.extracted_person_link(
            actor=actor, extracted=extracted, person=person
        )


class ResolveForm(forms.Form):
    """Settle a conflict: keep one accepted claim, reject those that disagree with it."""

    keep = forms.IntegerField(min_value=1)

    def apply(self, *, actor: Any) -> list[Claim]:
        keep = case_selectors.claim_get(user=actor, claim_id=_valid(self)["keep"])
        return services.conflict_resolve(actor=actor, keep=keep)


CLAIM_FORMS: dict[str, type[ClaimForm]] = {
    form.field: form
    for form in (
        NameForm,
        EventForm,
        ChargeForm,
        SentenceForm,
        AllegationForm,
        InterventionForm,
        MembershipForm,
        OccupationForm,
        EthnicityForm,
        ReligionForm,
        StatusForm,
        SexForm,
        AgeForm,
        BirthYearForm,
        CountForm,
    )
}
