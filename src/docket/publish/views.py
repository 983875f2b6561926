"""Public pages. Anything showing case data must go through the publish selectors."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    """The public home page: what Docket is, and the way in for staff."""
    return render(request, "publish/home.html")
