"""Who may open which page: the one permission table, and the middleware that applies it.

Every named URL in the project must appear in PERMISSIONS (a test walks the
resolver and fails on any missing name). A URL that is not listed is refused
to everyone, so forgetting an entry fails closed. Object-level rules
(restricted claims, unpublished cases) are applied by the selectors; this
table decides only whether a role may open a page at all.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

ANONYMOUS = "anonymous"
VIEWER = "viewer"
RESEARCHER = "researcher"
EDITOR = "editor"
ADMIN = "admin"
ROLES = (ANONYMOUS, VIEWER, RESEARCHER, EDITOR, ADMIN)
STAFF_ROLES = (VIEWER, RESEARCHER, EDITOR, ADMIN)

EVERYONE = frozenset(ROLES)
STAFF = frozenset(STAFF_ROLES)
SUGGESTERS = frozenset({RESEARCHER, EDITOR, ADMIN})
EDITORS = frozenset({EDITOR, ADMIN})
ADMINS = frozenset({ADMIN})

# URL name ("namespace:name", or "namespace:*" for a whole namespace) -> roles.
PERMISSIONS: dict[str, frozenset[str]] = {
    "publish:home": EVERYONE,
    "login": EVERYONE,
    "logout": EVERYONE,
    # The Django admin is back office for administrators only.
    "admin:*": ADMINS,
}


# Links in the site header, shown only to roles that may open them.
NAVIGATION: tuple[tuple[str, str], ...] = (("Admin", "admin:index"),)


def role_of(user: object) -> str:
    """Return the access role of `user`: `anonymous`, or the role stored on the account."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    role = getattr(user, "role", "")
    return role if role in STAFF_ROLES else ""


def roles_for(url_name: str) -> frozenset[str]:
    """Return the roles allowed to open `url_name` (empty when it is not in the table)."""
    if url_name in PERMISSIONS:
        return PERMISSIONS[url_name]
    namespace, _, _ = url_name.rpartition(":")
    return PERMISSIONS.get(f"{namespace}:*", frozenset()) if namespace else frozenset()


def may_open(user: object, url_name: str) -> bool:
    """True when `user` may open the page named `url_name` (public pages: anyone)."""
    roles = roles_for(url_name)
    return ANONYMOUS in roles or role_of(user) in roles


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
        url_name = match.view_name if match else ""
        if may_open(request.user, url_name):
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
