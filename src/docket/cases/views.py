"""Staff pages for cases and persons: parse input, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
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
from docket.core.web import is_htmx, next_url, page_of, submit

SUMMARY_FIELDS = ("count", "sex", "birth_year", "age", "ethnicity", "status")
# What may be added to a person, in the order of the "add" buttons.
CLAIM_FIELDS = tuple((name, spec.label) for name, spec in SPECS.items() if PERSON in spec.subjects)


def case_list(request: HttpRequest) -> HttpResponse:
    """Cases the reader may see, filtered; htmx asks for the results fragment only."""
    form = CaseFilterForm(request.GET, choices=selectors.case_filter_choices(user=request.user))
    found = submit(form, lambda filters: selectors.case_list(user=request.user, **filters))
    page = page_of(request, found if found is not None else [])
    rows = [(case, selectors.case_persons(user=request.user, case=case)) for case in page]
    context = {"form": form, "page": page, "rows": rows, "query": request.GET.urlencode()}
    template = "cases/_case_results.html" if is_htmx(request) else "cases/case_list.html"
    return render(request, template, context)


def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = selectors.case_get(user=request.user, case_id=case_id)
    persons = selectors.case_persons(user=request.user, case=case)
    conflicts = selectors.conflict_list(user=request.user, case=case)
    context = {"case": case, "persons": persons, "conflicts": conflicts}
    return render(request, "cases/case_detail.html", context)


def case_create(request: HttpRequest) -> HttpResponse:
    form = CaseCreateForm(request.POST or None)
    case = submit(form, lambda data: services.case_create(actor=request.user, **data))
    if case is not None:
        messages.success(request, "Case created.")
        return redirect("cases:case_detail", case_id=case.pk)
    return render(request, "cases/form.html", {"form": form, "title": "New case"})


def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """Everything the reader may see about a person, every fact with its source."""
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
    person = submit(
        form, lambda _: services.person_create(actor=request.user, **form.service_args())
    )
    if person is not None:
        messages.success(request, "Person created. Add what the sources say about them below.")
        return redirect("cases:person_detail", person_id=person.pk)
    return render(request, "cases/form.html", {"form": form, "title": "New person"})


def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = selectors.person_get(user=request.user, person_id=person_id)
    form = PersonEditForm(request.POST or None, initial={"confidentiality": person.confidentiality})
    done = submit(
        form, lambda data: services.person_update(actor=request.user, person=person, **data)
    )
    if done is not None:
        messages.success(request, "Saved.")
        return redirect("cases:person_detail", person_id=person.pk)
    name = selectors.person_display_name(user=request.user, person=person)
    context = {"form": form, "title": f"Who may see {name}", "person": person}
    return render(request, "cases/form.html", context)


def institution_create(request: HttpRequest) -> HttpResponse:
    """Add a court or facility, so events can name it."""
    form = InstitutionCreateForm(request.POST or None)
    found = submit(
        form,
        lambda data: services.institution_create(actor=request.user, exist_ok=False, **data),
    )
    if found is not None:
        messages.success(request, f"{found.name} added; events can now name it.")
        return redirect(next_url(request, reverse("cases:case_list")))
    return render(request, "cases/form.html", {"form": form, "title": "New court or facility"})
