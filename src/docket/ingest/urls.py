"""Recording and reviewing claims by hand (names must be in config/access.py PERMISSIONS)."""

from django.urls import path

from docket.ingest import views

app_name = "ingest"
urlpatterns = [
    path(
        "persons/<int:person_id>/claims/new/<slug:field>/",
        views.claim_create,
        name="claim_create",
    ),
    path("claims/<int:claim_id>/edit/", views.claim_edit, name="claim_edit"),
    path("claims/<int:claim_id>/review/", views.claim_review, name="claim_review"),
]
