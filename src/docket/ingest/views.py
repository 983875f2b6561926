"""Record and review claims by hand: the manual path of ingestion."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from docket.accounts.roles import REVIEW, can
from docket.cases import selectors, services
from docket.cases.models import Claim
from docket.core.web import form_page, next_url, page_of, post_action, post_only
from docket.evidence import selectors as evidence_selectors
from docket.evidence.models import Source
from docket.ingest import selectors as ingest_selectors
from docket.ingest.forms import (
    CLAIM_FORMS,
    ClaimForm,
    LinkForm,
    PersonDecisionForm,
    ResolveForm,
    ReviewForm,
    SuggestionForm,
)

FORM = "ingest/claim_form.html"


def _form_class(field: str) -> type[ClaimForm]:
    if field not in CLAIM_FORMS:
        raise Http404
    return CLAIM_FORMS[field]


def _subject_page(claim: Claim) -> str:
    if claim.person_id:
        return reverse("cases:person_detail", args=[claim.person_id])
    return reverse("cases:case_detail", args=[claim.case_id])


def claim_create(request: HttpRequest, person_id: int, field: str) -> HttpResponse:
    """Add a fact about a person; reviewers' claims are accepted, researchers' suggested."""
    person = selectors.person_get(user=request.user, person_id=person_id)
    form = _form_class(field)(request.POST or None, user=request.user)
    accept = can(request.user, REVIEW)
    name = selectors.person_display_name(user=request.user, person=person)
    return form_page(
        request,
        form,
        lambda _: services.claim_create(
            actor=request.user, person=person, accept=accept, **form.create_args()
        ),
        done=_subject_page,
        message="Saved." if accept else "Saved as a suggestion for review.",
        template=FORM,
        context={"title": f"{form.title} of {name}", "person": person},
    )


def claim_edit(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = selectors.claim_get(user=request.user, claim_id=claim_id)
    form_class = _form_class(claim.field)
    initial = form_class.initial_for(claim)
    form = form_class(request.POST or None, user=request.user, editing=True, initial=initial)
    return form_page(
        request,
        form,
        lambda _: services.claim_update(actor=request.user, claim=claim, **form.update_args()),
        done=lambda claim: next_url(request, _subject_page(claim)),
        message="Saved.",
        template=FORM,
        context={"title": f"Edit {form.title.lower()}", "claim": claim},
    )


def claim_review(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Accept or reject a claim (accepting adds it to the record)."""
    claim = selectors.claim_get(user=request.user, claim_id=claim_id)
    form = ReviewForm(request.POST or None)
    evidence = selectors.claim_evidence(user=request.user, claim=claim)
    return form_page(
        request,
        form,
        lambda _: form.apply(actor=request.user, claim=claim),
        done=_subject_page,
        message="Decision recorded.",
        template="ingest/claim_review.html",
        context={"claim": claim, "evidence": evidence},
    )


# The review page's keys, for its help panel (core/static/js/review.js binds them).
KEYS = (
    ("j", "next claim"),
    ("k", "previous claim"),
    ("a", "accept the claim"),
    ("r", "reject the claim"),
    ("e", "edit the claim"),
    ("?", "show or hide this help"),
)


def queue(request: HttpRequest) -> HttpResponse:
    """Sources with suggestions waiting for review, oldest first."""
    page = page_of(request, ingest_selectors.source_pending_list(user=request.user))
    return render(request, "ingest/queue.html", {"page": page})


def _review_url(source: Source, after: int | None = None) -> str:
    url = reverse("ingest:review_source", args=[source.pk])
    return f"{url}?after={after}" if after else url


def review_source(request: HttpRequest, source_id: int) -> HttpResponse:
    """One source: its text with the cited words marked, and what extraction proposed."""
    source = evidence_selectors.source_get(user=request.user, source_id=source_id)
    after = request.GET.get("after", "")
    review = ingest_selectors.source_review_page(
        user=request.user, source=source, after=int(after) if after.isdigit() else None
    )
    return render(request, "ingest/review_source.html", {"review": review, "keys": KEYS})


@post_only
def review_claim(request: HttpRequest, source_id: int, claim_id: int) -> HttpResponse:
    """Accept or reject one suggested claim of the source, then go on to the next one."""
    source = evidence_selectors.source_get(user=request.user, source_id=source_id)
    form = SuggestionForm(request.POST)
    back = _review_url(source, claim_id)
    return post_action(
        request,
        lambda: form.apply(
            actor=request.user,
            claim=ingest_selectors.source_claim_get(
                user=request.user, source=source, claim_id=claim_id
            ),
        ),
        done=lambda _: back,
        message=lambda claim: (
            f"{claim.field.replace('_', ' ').capitalize()} {claim.review_status}."
        ),
        back=back,
    )


def _extracted_action(
    request: HttpRequest,
    source_id: int,
    extracted_id: int,
    form: PersonDecisionForm | LinkForm,
    message: Any,
) -> HttpResponse:
    """Apply `form` to one extracted person of the source, then show the source again."""
    source = evidence_selectors.source_get(user=request.user, source_id=source_id)
    return post_action(
        request,
        lambda: form.apply(
            actor=request.user,
            extracted=ingest_selectors.source_extracted_get(
                user=request.user, source=source, extracted_id=extracted_id
            ),
        ),
        done=lambda _: _review_url(source),
        message=message,
        back=_review_url(source),
    )


@post_only
def review_person(request: HttpRequest, source_id: int, extracted_id: int) -> HttpResponse:
    """Decide for a whole extracted person: accept all, keep as new, or reject."""
    return _extracted_action(
        request,
        source_id,
        extracted_id,
        PersonDecisionForm(request.POST),
        lambda extracted: f"Person decided: {extracted.decision}.",
    )


@post_only
def review_link(request: HttpRequest, source_id: int, extracted_id: int) -> HttpResponse:
    """Say an extracted person is an existing person (its record is merged into that one)."""
    return _extracted_action(
        request,
        source_id,
        extracted_id,
        LinkForm(request.POST),
        "Linked: its claims now wait for review on the existing person's record.",
    )


@post_only
def review_resolve(request: HttpRequest, source_id: int) -> HttpResponse:
    """Settle a conflict shown on the review page: keep one value, reject the others."""
    source = evidence_selectors.source_get(user=request.user, source_id=source_id)
    form = ResolveForm(request.POST)
    return post_action(
        request,
        lambda: form.apply(actor=request.user),
        done=lambda _: _review_url(source),
        message=lambda rejected: (
            f"Conflict settled: {len(rejected)} disagreeing claim(s) rejected."
        ),
        back=_review_url(source),
    )
