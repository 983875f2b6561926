"""Case records (DESIGN.md "Domain model").

Every fact is a `Claim`. The other rows are the PROJECTION of accepted claims, kept by
`docket.cases.services` (never written elsewhere): a multi-valued fact (a name, an
event, a charge...) is a row linked to the claims that support it, with the most
permissive confidentiality among them; a single-valued fact (sex, age, ethnicity...)
is a Person column with a `<field>_level` column holding that claim's confidentiality.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from docket.core.confidentiality import Level
from docket.core.models import TimeStamped


def _level(**kwargs: object) -> models.CharField:
    return models.CharField(max_length=10, choices=Level.choices, **kwargs)


def _fact_level() -> models.CharField:
    """Confidentiality of the claim a Person column came from; blank when no claim."""
    return models.CharField(max_length=10, choices=Level.choices, blank=True, default="")


class Person(TimeStamped):
    """Anyone the records speak of; an unidentified group has `count` > 1."""

    confidentiality = _level(default=Level.INTERNAL)
    count = models.IntegerField(default=1)
    count_level = _fact_level()
    sex = models.CharField(max_length=8, blank=True)
    sex_level = _fact_level()
    birth_year = models.IntegerField(null=True, blank=True)
    birth_year_level = _fact_level()
    age = models.IntegerField(null=True, blank=True)
    age_as_of = models.CharField(max_length=64, blank=True, help_text="EDTF date the age refers to")
    age_level = _fact_level()
    ethnicity = models.CharField(max_length=100, blank=True)
    ethnicity_level = _fact_level()
    religion = models.CharField(max_length=100, blank=True)
    religion_level = _fact_level()
    status = models.CharField(max_length=16, blank=True)
    status_level = _fact_level()
    # Set by person_merge: this person was merged into another and is hidden from lists.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="person_count_positive"),
            models.CheckConstraint(
                condition=Q(age__isnull=True) | Q(age__gte=0, age__lte=150), name="person_age_range"
            ),
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1000, birth_year__lte=9999),
                name="person_birth_year_range",
            ),
        ]
        indexes = [models.Index(fields=["ethnicity"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"person {self.pk}"


class Case(TimeStamped):
    """A prosecution or detention episode that groups persons."""

    title = models.CharField(max_length=300)
    status = models.CharField(max_length=16, default="open")
    description = models.TextField(blank=True)
    confidentiality = _level(default=Level.INTERNAL)
    persons = models.ManyToManyField(Person, through="CaseMembership", related_name="cases")

    def __str__(self) -> str:
        return self.title


class Institution(TimeStamped):
    """A court, detention facility, prison, camp or police bureau, with its place."""

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=24)
    country = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "kind"], name="institution_name_kind_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Claim(TimeStamped):
    """One fact about a person or a case, with its source, span, method and review state."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="claims"
    )
    field = models.CharField(max_length=32)
    value = models.JSONField()
    # A string reference: cases never imports evidence (layers, DESIGN.md).
    source = models.ForeignKey(
        "evidence.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    span_start = models.IntegerField(null=True, blank=True)
    span_end = models.IntegerField(null=True, blank=True)
    quote = models.TextField(blank=True)
    method = models.CharField(
        max_length=200, help_text="extractor:<name> <version>, user:<name> or system:<name>"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_status = models.CharField(max_length=10, default="suggested")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    veracity = models.CharField(max_length=10, default="alleged")
    confidentiality = _level(default=Level.INTERNAL)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, case__isnull=True)
                | Q(person__isnull=True, case__isnull=False),
                name="claim_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(span_start__isnull=True, span_end__isnull=True)
                | Q(span_start__gte=0, span_end__gte=models.F("span_start")),
                name="claim_span_ordered",
            ),
            models.CheckConstraint(
                condition=Q(review_status__in=["suggested", "accepted", "rejected"]),
                name="claim_review_status_known",
            ),
            models.CheckConstraint(
                condition=Q(veracity__in=["alleged", "confirmed", "disputed"]),
                name="claim_veracity_known",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "field", "review_status"]),
            models.Index(fields=["case", "field", "review_status"]),
            models.Index(fields=["review_status"]),
        ]

    def __str__(self) -> str:
        return f"claim {self.pk} ({self.field}, {self.review_status})"


class Projected(models.Model):
    """A row of the projection: supported by accepted claims, as public as the most public."""

    confidentiality = _level(default=Level.INTERNAL)

    class Meta:
        abstract = True


class CaseMembership(Projected):
    """A person's part in a case (victim, source, relative...)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16)
    claims = models.ManyToManyField(Claim, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "role"], name="membership_case_person_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} in case {self.case_id}"


class Name(Projected):
    """One of a person's names, in one script and of one kind."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    text = models.CharField(max_length=300)
    script = models.CharField(max_length=4, default="Latn")
    kind = models.CharField(max_length=16, default="legal")
    language = models.CharField(max_length=35, blank=True)
    claims = models.ManyToManyField(Claim, related_name="names")

    def __str__(self) -> str:
        return self.text


class Occupation(Projected):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="occupations")
    title = models.CharField(max_length=200)
    claims = models.ManyToManyField(Claim, related_name="occupations")

    def __str__(self) -> str:
        return self.title


class Event(Projected):
    """A typed, dated step: detention, trial, conviction, transfer, family notification..."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="events")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    type = models.CharField(max_length=24)
    date = models.CharField(max_length=64, blank=True, help_text="EDTF, e.g. 2024-01")
    date_lower = models.DateField(null=True, blank=True)
    date_upper = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, blank=True)
    place = models.CharField(max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    description = models.CharField(max_length=1000, blank=True)
    claims = models.ManyToManyField(Claim, related_name="events")

    class Meta:
        indexes = [models.Index(fields=["date_lower", "date_upper"])]

    def __str__(self) -> str:
        return f"{self.type} {self.date or '(date unknown)'}"


class Charge(Projected):
    """A charge as quoted, with its category and statute where known."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="charges")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="charges"
    )
    text = models.CharField(max_length=1000)
    category = models.CharField(max_length=32)
    statute = models.CharField(max_length=200, blank=True)
    claims = models.ManyToManyField(Claim, related_name="charges")

    class Meta:
        indexes = [models.Index(fields=["category"])]

    def __str__(self) -> str:
        return self.text


class Sentence(Projected):
    """A sentence; the expected release date is computed by selectors, never stored."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="sentences")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="sentences"
    )
    min_months = models.IntegerField(null=True, blank=True)
    max_months = models.IntegerField(null=True, blank=True)
    life = models.BooleanField(default=False)
    death = models.BooleanField(default=False)
    suspended = models.BooleanField(default=False)
    start = models.CharField(max_length=64, blank=True, help_text="EDTF, e.g. 2024-01")
    start_lower = models.DateField(null=True, blank=True)
    start_upper = models.DateField(null=True, blank=True)
    start_precision = models.CharField(max_length=10, blank=True)
    claims = models.ManyToManyField(Claim, related_name="sentences")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(min_months__isnull=True) | Q(min_months__gte=0),
                name="sentence_min_months_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(max_months__isnull=True)
                | Q(min_months__isnull=True)
                | Q(max_months__gte=models.F("min_months")),
                name="sentence_min_le_max",
            ),
            models.CheckConstraint(
                condition=Q(life=True) | Q(death=True) | Q(min_months__isnull=False),
                name="sentence_has_term",
            ),
        ]

    def __str__(self) -> str:
        if self.death or self.life:
            return "death" if self.death else "life"
        return f"{self.min_months}-{self.max_months} months"


class Allegation(Projected):
    """An allegation (torture, coerced confession, family not notified...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="allegations")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="allegations"
    )
    type = models.CharField(max_length=32)
    claims = models.ManyToManyField(Claim, related_name="allegations")

    def __str__(self) -> str:
        return self.type


class Intervention(Projected):
    """A call for release, UN communication or appeal: who, when, and any response."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="interventions"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="interventions"
    )
    kind = models.CharField(max_length=24)
    by = models.CharField(max_length=300)
    date = models.CharField(max_length=64, blank=True, help_text="EDTF, e.g. 2024-01")
    date_lower = models.DateField(null=True, blank=True)
    date_upper = models.DateField(null=True, blank=True)
    date_precision = models.CharField(max_length=10, blank=True)
    response = models.CharField(max_length=2000, blank=True)
    claims = models.ManyToManyField(Claim, related_name="interventions")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(case__isnull=False),
                name="intervention_has_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.by}"


class PersonIdentifier(TimeStamped):
    """A person's number in another database (scheme "cecc", value "2004-00001").

    An importer finds the person of a record through it, so re-importing updates instead of
    duplicating. `fingerprint` tells the importer whether the record changed since; `source`
    is the Source the current claims from that record cite.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=32)
    value = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64, blank=True)
    source = models.ForeignKey(
        "evidence.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "value"], name="identifier_scheme_value_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


class PersonMerge(models.Model):
    """One merge of `other` into `into`, with what moved, so that it can be undone exactly."""

    into = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_in")
    other = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="merges_out")
    note = models.TextField(blank=True)
    # {"claims": [ids], "identifiers": [ids], "rows": {"cases.name": [{column: value}]}}
    moved = models.JSONField(default=dict)
    merged_by = models.CharField(max_length=150, help_text="User name or system:<name>")
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.CharField(max_length=150, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(into=models.F("other")), name="merge_into_other_differ"
            )
        ]

    def __str__(self) -> str:
        return f"merge of person {self.other_id} into {self.into_id}"


class DuplicateDismissal(models.Model):
    """A reviewer's word that two persons are not one: the pair is no longer proposed.

    The pair is stored in id order (`first` < `second`), so each pair has one row.
    """

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    note = models.TextField(blank=True)
    dismissed_by = models.CharField(max_length=150, help_text="User name or system:<name>")
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="dismissal_pair_ordered"
            ),
            models.UniqueConstraint(fields=["first", "second"], name="dismissal_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"persons {self.first_id} and {self.second_id} are not one"
