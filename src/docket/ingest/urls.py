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
    path("review/", views.queue, name="queue"),
    path("review/<int:source_id>/", views.review_source, name="review_source"),
    path(
        "review/<int:source_id>/claims/<int:claim_id>/",
        views.review_claim,
        name="review_claim",
    ),
    path(
        "review/<int:source_id>/persons/<int:extracted_id>/",
        views.review_person,
        name="review_person",
    ),
    path(
        "review/<int:source_id>/persons/<int:extracted_id>/link/",
        views.review_link,
        name="review_link",
    ),
    path("review/<int:source_id>/conflicts/", views.review_resolve, name="review_resolve"),
]
