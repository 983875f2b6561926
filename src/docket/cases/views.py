"""Staff pages for cases and persons: parse input, call a selector or service, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from docket.cases import selectors, services
from docket.cases.fields import PERSON, SPECS
from docket.cases.forms import (
    CaseCreateForm,
    CaseFilterForm,
    InstitutionCreateForm,
    PersonCreateForm,
    PersonEditForm,
)
from docket.core.web import form_page, is_htmx, next_url, page_of, submit

FORM = "cases/form.html"
SUMMARY_FIELDS = ("count", "sex", "birth_year", "age", "ethnicity", "religion", "status")
# What may be added to a person, in the order of the "add" buttons.
CLAIM_FIELDS = tuple((name, spec.label) for name, spec in SPECS.items() if PERSON in spec.subjects)


def case_list(request: HttpRequest) -> HttpResponse:
    """Cases the reader may see, filtered; htmx asks for the results fragment only."""
    form = CaseFilterForm(request.GET, choices=selectors.case_filter_choices(user=request.user))
    found = submit(form, lambda filters: selectors.case_list(user=request.user, **filters))
    page = page_of(request, found if found is not None else [])
    rows = [(case, selectors.case_persons(user=request.user, case=case)) for case in page]
    context = {"form": form, "page": page, "rows": rows}
    template = "cases/_case_results.html" if is_htmx(request) else "cases/case_list.html"
    return render(request, template, context)


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, case_id=case_id)
    persons = selectors.case_persons(user=request.user, case=case)
    conflicts = selectors.conflict_list(user=request.user, case=case)
    context = {"case": case, "persons": persons, "conflicts": conflicts}
    return render(request, "cases/case_detail.html", context)


def case_create(request: HttpRequest) -> HttpResponse:
    return form_page(
        request,
        CaseCreateForm(request.POST or None),
        lambda data: services.case_create(actor=request.user, **data),
        done=lambda case: reverse("cases:case_detail", args=[case.pk]),
        message="Case created.",
        template=FORM,
        context={"title": "New case"},
    )


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """Everything the reader may see about a person, every fact with its source; the URL
    of a person merged into another redirects to the one that stands for both."""
    now = selectors.person_resolve(user=request.user, person_id=person_id)
    if now.pk != person_id:
        return redirect("cases:person_detail", person_id=now.pk)
    page = selectors.person_page(user=request.user, person_id=person_id)
    person = page.summary.person
    suggested = selectors.claim_list(user=request.user, person=person, review_status="suggested")
    context = {
        "page": page,
        "person": person,
        "memberships": selectors.person_memberships(user=request.user, person=person),
        "suggested": [(c, selectors.claim_evidence(user=request.user, claim=c)) for c in suggested],
        "summary_fields": SUMMARY_FIELDS,
        "claim_fields": CLAIM_FIELDS,
    }
    return render(request, "cases/person_detail.html", context)


def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonCreateForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda _: services.person_create(actor=request.user, **form.service_args()),
        done=lambda person: reverse("cases:person_detail", args=[person.pk]),
        message="Person created. Add what the sources say about them below.",
        template=FORM,
        context={"title": "New person"},
    )


def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """Change who may see that the person exists at all."""
    person = selectors.person_get(user=request.user, person_id=person_id)
    name = selectors.person_display_name(user=request.user, person=person)
    return form_page(
        request,
        PersonEditForm(request.POST or None, initial={"confidentiality": person.confidentiality}),
        lambda data: services.person_update(actor=request.user, person=person, **data),
        done=lambda person: reverse("cases:person_detail", args=[person.pk]),
        message="Saved.",
        template=FORM,
        context={"title": f"Who may see {name}", "person": person},
    )


def institution_create(request: HttpRequest) -> HttpResponse:
    """Add a court or facility, so events can name it."""
    return form_page(
        request,
        InstitutionCreateForm(request.POST or None),
        lambda data: services.institution_create(actor=request.user, exist_ok=False, **data),
        done=lambda _: next_url(request, reverse("cases:case_list")),
        message="Added; events can now name it.",
        template=FORM,
        context={"title": "New court or facility"},
    )
