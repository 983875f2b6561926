"""Staff pages of cases and persons (names must be in config/access.py PERMISSIONS)."""

from django.urls import path

from docket.cases import views

app_name = "cases"
urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/<int:person_id>/", views.person_detail, name="person_detail"),
    path("persons/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path(
        "duplicates/<int:person_id>/<int:other_id>/dismiss/",
        views.duplicate_dismiss,
        name="duplicate_dismiss",
    ),
    path(
        "persons/<int:person_id>/merge/<int:other_id>/", views.merge_confirm, name="merge_confirm"
    ),
    path("merges/", views.merge_list, name="merge_list"),
    path("merges/<int:merge_id>/undo/", views.merge_undo, name="merge_undo"),
]
