"""Back office for administrators: user accounts. Case records are edited in the staff UI.

New users are made by the `user_create` service; changes to an account are audited.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.http import HttpRequest

from docket.accounts.models import Role, User
from docket.accounts.services import user_create
from docket.core.audit import audit_record

admin.site.site_header = admin.site.site_title = "Docket back office"
admin.site.index_title = "Accounts and sign-in records"
# Roles (accounts.roles) decide what staff may do; Django's groups are not used.
admin.site.unregister(Group)

AUDITED = ("username", "role", "is_active", "email", "first_name", "last_name")


class UserCreateForm(forms.ModelForm):
    """Name, role and a first password, checked as `user_create` will check them."""

    password = forms.CharField(widget=forms.PasswordInput, strip=False)

    class Meta:
        model = User
        fields = ("username", "role", "email")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            probe = User(username=data.get("username", ""), email=data.get("email", ""))
            try:
                validate_password(data["password"], probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = UserCreateForm
    add_fieldsets = ((None, {"fields": ("username", "role", "email", "password")}),)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Access", {"fields": ("role", "is_active")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    readonly_fields = ("last_login", "date_joined")
    list_display = ("username", "role", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            data = form.cleaned_data
            created = user_create(
                actor=request.user,
                username=data["username"],
                role=data["role"],
                password=data["password"],
                email=data.get("email") or "",
            )
            obj.pk = created.pk
            obj.refresh_from_db()
            return
        before = {k: form.initial.get(k) for k in AUDITED}
        # The admin and superuser flags follow the role, as user_create sets them.
        obj.is_staff = obj.is_superuser = obj.role == Role.ADMIN
        super().save_model(request, obj, form, change)
        after = {k: getattr(obj, k) for k in AUDITED}
        audit_record(
            actor=request.user, action="user.update", entity=obj, before=before, after=after
        )
