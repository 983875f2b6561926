"""Small helpers shared by the views of every app (no business logic here)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme

from docket.core.errors import ApplicationError, NotFound

T = TypeVar("T")
PAGE_SIZE = 50


def show_error(form: forms.Form, error: ApplicationError) -> None:
    """Put a service's refusal on the form: each field error on its field, the rest on top."""
    if not error.field_errors:
        form.add_error(None, error.message)
    for key, texts in error.field_errors.items():
        name = form.field_for_error(key) if hasattr(form, "field_for_error") else key
        target = name if name in form.fields and name in form.cleaned_data else None
        for text in texts:
            form.add_error(target, text)


def submit(form: forms.Form, action: Callable[[dict[str, Any]], T]) -> T | None:
    """Run `action(cleaned_data)` if the form is valid; a refusal becomes a form error.

    Services are atomic, so a refused write has changed nothing.
    """
    if not form.is_valid():
        return None
    try:
        return action(form.cleaned_data)
    except ApplicationError as error:
        show_error(form, error)
        return None


def form_page(
    request: HttpRequest,
    form: forms.Form,
    action: Callable[[dict[str, Any]], T],
    *,
    done: Callable[[T], str],
    message: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Run `action` on a valid form and go to `done(result)`; else show the form again."""
    result = submit(form, action)
    if result is not None:
        messages.success(request, message)
        return redirect(done(result))
    return render(request, template, {"form": form, **context})


def page_of(request: HttpRequest, items: Any, size: int = PAGE_SIZE) -> Page:
    """The page of `items` named by ?page= (out of range: the nearest page)."""
    return Paginator(items, size).get_page(request.GET.get("page"))


def is_htmx(request: HttpRequest) -> bool:
    """True for a request made by htmx (answer with a fragment, not a whole page)."""
    # A history restore (back button, nothing cached) needs the whole page.
    headers = request.headers
    return headers.get("HX-Request") == "true" and "HX-History-Restore-Request" not in headers


def next_url(request: HttpRequest, default: str) -> str:
    """The ?next= address if it stays on this site, else `default` (no open redirects)."""
    wanted = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else default


def post_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse anything but POST with our 405 page (an action is a button, never a link)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method != "POST":
            page = render_to_string("405.html", request=request)
            return HttpResponse(page, status=405, headers={"Allow": "POST"})
        return view(request, *args, **kwargs)

    return wrapped


def post_action(
    request: HttpRequest,
    action: Callable[[], T],
    *,
    done: Callable[[T], str],
    message: str | Callable[[T], str],
    back: str,
) -> HttpResponse:
    """Run a POSTed action: on success say so and go to `done(result)`; a refusal is shown
    as an error message on the page `back` (services are atomic: nothing changed)."""
    try:
        result = action()
    except NotFound:
        raise
    except ApplicationError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, message(result) if callable(message) else message)
    return redirect(done(result))
