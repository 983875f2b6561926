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
from docket.core.errors import ApplicationError, NotFound
from docket.core.web import form_page, is_htmx, next_url, page_of, post_action, post_only, submit

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
        "merges": selectors.merge_rows(user=request.user, person=person),
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


def duplicates(request: HttpRequest) -> HttpResponse:
    """Probable duplicate persons, best first, with what speaks for and against each pair."""
    rows = selectors.duplicate_list(user=request.user)
    return render(request, "cases/duplicates.html", {"rows": rows})


def merge_list(request: HttpRequest) -> HttpResponse:
    """Merges in force, newest first, each with its undo button."""
    rows = selectors.merge_rows(user=request.user)
    return render(request, "cases/merge_list.html", {"rows": rows})


def merge_confirm(request: HttpRequest, person_id: int, other_id: int) -> HttpResponse:
    """Show what merging `other_id` into `person_id` brings together; POST merges."""
    if request.method == "POST":
        return _merge(request, person_id, other_id)
    try:
        preview = selectors.merge_preview(user=request.user, into_id=person_id, other_id=other_id)
    except NotFound:
        raise
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect("cases:duplicates")
    return render(request, "cases/merge_confirm.html", {"preview": preview})


def _merge(request: HttpRequest, person_id: int, other_id: int) -> HttpResponse:
    return post_action(
        request,
        lambda: services.person_merge(
            into=selectors.person_get(user=request.user, person_id=person_id),
            other=selectors.person_get(user=request.user, person_id=other_id),
            user=request.user,
            note=request.POST.get("note", ""),
        ),
        done=lambda merge: reverse("cases:person_detail", args=[merge.into_id]),
        message="Merged: one person now, every name and fact kept with its source.",
        back=reverse("cases:duplicates"),
    )


@post_only
def merge_undo(request: HttpRequest, merge_id: int) -> HttpResponse:
    """Undo a merge: the merged-away person comes back with its names and facts."""
    merge = selectors.merge_get(user=request.user, merge_id=merge_id)
    return post_action(
        request,
        lambda: services.person_unmerge(merge=merge, user=request.user),
        done=lambda merge: reverse("cases:person_detail", args=[merge.other_id]),
        message="Merge undone: the two persons are apart again.",
        back=next_url(request, reverse("cases:merge_list")),
    )


@post_only
def duplicate_dismiss(request: HttpRequest, person_id: int, other_id: int) -> HttpResponse:
    """Record that two persons are not one, so the pair is no longer proposed."""
    back = reverse("cases:duplicates")
    return post_action(
        request,
        lambda: services.duplicate_dismiss(
            actor=request.user,
            person=selectors.person_get(user=request.user, person_id=person_id),
            other=selectors.person_get(user=request.user, person_id=other_id),
            note=request.POST.get("note", ""),
        ),
        done=lambda _: back,
        message="Noted: not the same person. The pair will not be proposed again.",
        back=back,
    )
