"""Public pages (the published, redacted site grows here)."""

from django.urls import path

from docket.publish import views

app_name = "publish"
urlpatterns = [
    path("", views.home, name="home"),
]
