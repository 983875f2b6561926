"""Public pages (the published, redacted site grows here)."""

from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from docket.publish import views

app_name = "publish"
urlpatterns = [
    path("", views.home, name="home"),
    # Browsers ask for /favicon.ico on pages without a <link rel=icon> (the admin).
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg")), name="favicon"),
]
