"""Staff pages for sources: the list, and one document with its cited words marked."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from docket.core.web import page_of
from docket.evidence import selectors
from docket.evidence.text import runs


def source_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, selectors.source_list(user=request.user))
    return render(request, "evidence/source_list.html", {"page": page})


def source_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    """The document's text; every span a visible claim cites is highlighted."""
    source = selectors.source_get(user=request.user, source_id=source_id)
    segments = selectors.source_segments(user=request.user, source=source)
    highlights = selectors.source_highlights(user=request.user, source=source)
    context = {"source": source, "runs": runs(segments, highlights), "highlights": highlights}
    return render(request, "evidence/source_detail.html", context)
