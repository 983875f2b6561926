"""Staff pages of sources (names must be in config/access.py PERMISSIONS)."""

from django.urls import path

from docket.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.source_list, name="source_list"),
    path("<int:source_id>/", views.source_detail, name="source_detail"),
]
