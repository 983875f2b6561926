"""Record and review claims by hand: the manual path of ingestion."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from docket.accounts.roles import REVIEW, can
from docket.cases import selectors, services
from docket.cases.models import Claim
from docket.core.web import form_page
from docket.ingest.forms import CLAIM_FORMS, ClaimForm, ReviewForm

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
        done=_subject_page,
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
