"""Pages work offline: nothing is loaded from another host, htmx comes from our static files."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

import docket

PACKAGE = Path(docket.__file__).parent
# A src/href/url() pointing at another host, or a protocol-relative one.
EXTERNAL = re.compile(
    r"""(?:src|href|action)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//"""
)


def _front_end_files():
    for pattern in ("*/templates/**/*.html", "*/static/**/*.css", "*/static/**/*.svg"):
        yield from PACKAGE.glob(pattern)


def test_templates_and_styles_load_nothing_from_other_hosts():
    files = list(_front_end_files())
    assert any(f.name == "base.html" for f in files)
    offenders = [str(f) for f in files if EXTERNAL.search(f.read_text(encoding="utf-8"))]
    assert offenders == []


def test_htmx_is_installed_into_static_files_not_committed():
    path = finders.find("vendor/htmx.min.js")
    assert path, "run `make install`: it copies htmx from node_modules into static/vendor"
    assert "htmx" in Path(path).read_text(encoding="utf-8")[:5000]


def test_base_page_loads_htmx_and_css_from_static(client):
    html = client.get(reverse("publish:home")).content.decode()
    assert '<script src="/static/vendor/htmx.min.js" defer></script>' in html
    assert 'href="/static/css/docket.css"' in html
    assert "<script>" not in html  # no inline scripts: the CSP forbids them


def test_static_files_are_served(client):
    response = client.get("/static/vendor/htmx.min.js")
    assert response.status_code == 200
