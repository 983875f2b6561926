"""Who may open which page: the one permission table, and the middleware that applies it.

Every named URL in the project must appear in PERMISSIONS (a test walks the
resolver and fails on any missing name). A URL that is not listed is refused
to everyone, so forgetting an entry fails closed. Which records and facts a
page then shows is decided by the selectors (confidentiality); which writes
succeed, by the services (accounts.roles capabilities). The role sets below
are those same capabilities, so a page never offers what its service refuses.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from docket.accounts import roles
from docket.accounts.models import Role

ANONYMOUS = "anonymous"
ROLES = (ANONYMOUS, Role.VIEWER.value, Role.RESEARCHER.value, Role.EDITOR.value, Role.ADMIN.value)

EVERYONE = frozenset(ROLES)
STAFF = frozenset(roles.CAPABILITIES[roles.VIEW])
SUGGESTERS = frozenset(roles.CAPABILITIES[roles.SUGGEST])
EDITORS = frozenset(roles.CAPABILITIES[roles.REVIEW])
ADMINS = frozenset(roles.CAPABILITIES[roles.MANAGE_USERS])

# URL name ("namespace:name", or "namespace:*" for a whole namespace) -> roles.
PERMISSIONS: dict[str, frozenset[str]] = {
    "publish:home": EVERYONE,
    "publish:favicon": EVERYONE,
    "login": EVERYONE,
    "logout": EVERYONE,
    "cases:case_list": STAFF,
    "cases:case_detail": STAFF,
    "cases:case_create": EDITORS,
    "cases:person_detail": STAFF,
    "cases:person_create": EDITORS,
    "cases:person_edit": EDITORS,
    "cases:institution_create": SUGGESTERS,
    # Probable duplicates and merges: researchers may look, reviewers merge and undo.
    "cases:duplicates": SUGGESTERS,
    "cases:merge_list": SUGGESTERS,
    "cases:merge_confirm": EDITORS,
    "cases:merge_undo": EDITORS,
    "cases:duplicate_dismiss": EDITORS,
    "evidence:source_list": STAFF,
    "evidence:source_detail": STAFF,
    # Researchers suggest claims; the claim services accept them only from reviewers.
    "ingest:claim_create": SUGGESTERS,
    "ingest:claim_edit": SUGGESTERS,
    "ingest:claim_review": EDITORS,
    # The review queue: researchers see what waits (and may edit suggestions), reviewers decide.
    "ingest:queue": SUGGESTERS,
    "ingest:review_source": SUGGESTERS,
    "ingest:review_claim": EDITORS,
    "ingest:review_person": EDITORS,
    "ingest:review_link": EDITORS,
    "ingest:review_resolve": EDITORS,
    # The Django admin is back office (users, lock-outs) for administrators only.
    "admin:*": ADMINS,
}

# Links in the site header, shown only to roles that may open them.
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("Cases", "cases:case_list"),
    ("Sources", "evidence:source_list"),
    ("Review", "ingest:queue"),
    ("Duplicates", "cases:duplicates"),
    ("New person", "cases:person_create"),
    ("Admin", "admin:index"),
)


def role_of(user: object) -> str:
    """Return the access role of `user`: `anonymous`, or the role of the active account."""
    return roles.role_of(user) or ANONYMOUS


def roles_for(url_name: str) -> frozenset[str]:
    """Return the roles allowed to open `url_name` (empty when it is not in the table)."""
    if url_name in PERMISSIONS:
        return PERMISSIONS[url_name]
    namespace, _, _ = url_name.rpartition(":")
    return PERMISSIONS.get(f"{namespace}:*", frozenset()) if namespace else frozenset()


def may_open(user: object, url_name: str) -> bool:
    """True when `user` may open the page named `url_name` (public pages: anyone)."""
    allowed = roles_for(url_name)
    return ANONYMOUS in allowed or role_of(user) in allowed


class AccessMiddleware:
    """Refuse a page the permission table does not grant: login for anonymous, 403 otherwise."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        match = request.resolver_match
        if may_open(request.user, match.view_name if match else ""):
            return None
        if role_of(request.user) == ANONYMOUS:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied


def navigation(request: HttpRequest) -> dict[str, object]:
    """Template context: the visitor's role and the header links they may open."""
    # Error pages can render before AuthenticationMiddleware ran (a bad Host header).
    user = getattr(request, "user", None)
    links = [(label, reverse(name)) for label, name in NAVIGATION if may_open(user, name)]
    return {"access_role": role_of(user), "nav_links": links}
