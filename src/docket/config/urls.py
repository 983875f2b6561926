"""Root URL configuration; each app contributes its own urls module.

Every named URL must also appear in config/access.py's permission table.
"""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("docket.publish.urls")),
    path("", include("docket.cases.urls")),
    path("", include("docket.ingest.urls")),
    path("sources/", include("docket.evidence.urls")),
    path("accounts/", include("docket.accounts.urls")),
    path("admin/", admin.site.urls),
]
