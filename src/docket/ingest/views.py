"""Record and review claims by hand: the manual path of ingestion."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from docket.accounts.roles import REVIEW, can
from docket.cases import selectors, services
from docket.cases.models import Claim
from docket.core.web import submit
from docket.ingest.forms import CLAIM_FORMS, ClaimForm, ReviewForm


def _form_class(field: str) -> type[ClaimForm]:
    if field not in CLAIM_FORMS:
        raise Http404
    return CLAIM_FORMS[field]


def _subject_page(claim: Claim) -> HttpResponse:
    if claim.person_id:
        return redirect("cases:person_detail", person_id=claim.person_id)
    return redirect("cases:case_detail", case_id=claim.case_id)


def claim_create(request: HttpRequest, person_id: int, field: str) -> HttpResponse:
    """Add a fact about a person; reviewers' claims are accepted, researchers' suggested."""
    person = selectors.person_get(user=request.user, person_id=person_id)
    form = _form_class(field)(request.POST or None, user=request.user)
    accept = can(request.user, REVIEW)
    claim = submit(
        form,
        lambda _: services.claim_create(
            actor=request.user, person=person, accept=accept, **form.create_args()
        ),
    )
    if claim is not None:
        messages.success(request, "Saved." if accept else "Saved as a suggestion for review.")
        return _subject_page(claim)
    name = selectors.person_display_name(user=request.user, person=person)
    context = {"form": form, "title": f"{form.title} of {name}", "person": person}
    return render(request, "ingest/claim_form.html", context)


def claim_edit(request: HttpRequest, claim_id: int) -> HttpResponse:
    claim = selectors.claim_get(user=request.user, claim_id=claim_id)
    form_class = _form_class(claim.field)
    initial = form_class.initial_for(claim)
    form = form_class(request.POST or None, user=request.user, editing=True, initial=initial)
    done = submit(
        form,
        lambda _: services.claim_update(actor=request.user, claim=claim, **form.update_args()),
    )
    if done is not None:
        messages.success(request, "Saved.")
        return _subject_page(claim)
    context = {"form": form, "title": f"Edit {form.title.lower()}", "claim": claim}
    return render(request, "ingest/claim_form.html", context)


def claim_review(request: HttpRequest, claim_id: int) -> HttpResponse:
    """Accept or reject a claim (accepting adds it to the record)."""
    claim = selectors.claim_get(user=request.user, claim_id=claim_id)
    form = ReviewForm(request.POST or None)
    done = submit(form, lambda data: form.apply(actor=request.user, claim=claim))
    if done is not None:
        messages.success(request, f"Claim {done.review_status}.")
        return _subject_page(claim)
    evidence = selectors.claim_evidence(user=request.user, claim=claim)
    context = {"form": form, "claim": claim, "evidence": evidence}
    return render(request, "ingest/claim_review.html", context)
