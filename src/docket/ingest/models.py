"""Ingestion state: which source went through extraction, and what it proposed for review.

The facts themselves are suggested `cases.Claim`s on a Person made for each extracted
person; these rows only record the run, group the claims by extracted person, and hold
the existing persons each one may be (the review queue's "is this someone we know?").
They hold no names or other values, so nothing restricted is copied here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Ingestion(models.Model):
    """One source run through extraction, written in the same transaction as its claims."""

    source = models.OneToOneField(
        "evidence.Source", on_delete=models.PROTECT, related_name="ingestion"
    )
    method = models.CharField(max_length=200, help_text="extractor:<name> <version>")
    ingested_at = models.DateTimeField(auto_now_add=True)
    auto_accepted = models.BooleanField(default=False)
    persons = models.IntegerField(default=0)
    claims = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"ingestion of source {self.source_id}"


class ExtractedPerson(models.Model):
    """A person (or unnamed group) as one source's extraction found them: a staging row.

    `person` is the record that holds the suggested claims: a new Person, or an existing
    one when the extracted person was linked to it (by a reviewer, or automatically above
    the auto-link threshold). `decision` is the person-level review decision.
    """

    PENDING, NEW, LINKED, REJECTED = "pending", "new", "linked", "rejected"
    DECISIONS = (PENDING, NEW, LINKED, REJECTED)

    ingestion = models.ForeignKey(Ingestion, on_delete=models.CASCADE, related_name="extracted")
    position = models.IntegerField(help_text="Order in the extraction output")
    person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=16)
    count = models.IntegerField(default=1)
    decision = models.CharField(max_length=10, default=PENDING)
    auto_linked = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    claims = models.ManyToManyField("cases.Claim", related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ingestion", "position"], name="extracted_person_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=["pending", "new", "linked", "rejected"]),
                name="extracted_person_decision_known",
            ),
        ]
        indexes = [models.Index(fields=["decision"])]

    def __str__(self) -> str:
        return f"extracted person {self.position} of source {self.ingestion.source_id}"


class Candidate(models.Model):
    """An existing person an extracted person may be, with a score and the reasons for it.

    `reasons` holds no values, only what was compared: {"name": 0.93, "agree": ["age"],
    "disagree": ["sex"]}, so it can be shown to anyone who may see both persons.
    """

    extracted = models.ForeignKey(
        ExtractedPerson, on_delete=models.CASCADE, related_name="candidates"
    )
    person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["extracted", "person"], name="candidate_extracted_person_unique"
            )
        ]

    def __str__(self) -> str:
        return f"candidate person {self.person_id} ({self.score:.2f})"


class NameKey(models.Model):
    """A blocking key of a projected name (docket.names), to find candidate persons fast."""

    name = models.ForeignKey("cases.Name", on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["key"])]
        constraints = [
            models.UniqueConstraint(fields=["name", "key"], name="name_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key
