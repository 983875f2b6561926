"""The Django admin is back office: users, through the service, audited."""

from django.urls import reverse

from docket.accounts.models import User
from docket.core.models import AuditEvent


def test_admin_creates_a_user_through_the_service(client_as):
    client = client_as("admin")
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "ruqiye",
            "role": "researcher",
            "email": "",
            "password": "a long pass phrase 9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="ruqiye")
    assert user.role == "researcher" and not user.is_staff
    assert user.check_password("a long pass phrase 9")
    event = AuditEvent.objects.filter(action="user.create").latest("id")
    assert event.after["username"] == "ruqiye"
    assert "a long pass phrase 9" not in str(event.after)


def test_admin_refuses_a_weak_password(client_as):
    response = client_as("admin").post(
        reverse("admin:accounts_user_add"),
        {"username": "ruqiye", "role": "viewer", "email": "", "password": "12345"},
    )
    assert response.status_code == 200
    assert "too short" in response.content.decode()
    assert not User.objects.filter(username="ruqiye").exists()


def test_admin_role_change_is_audited_and_sets_admin_flags(client_as, make_user):
    client = client_as("admin")
    someone = make_user("viewer", username="someone")
    url = reverse("admin:accounts_user_change", args=[someone.pk])
    form = {
        "username": "someone",
        "role": "admin",
        "is_active": "on",
        "first_name": "",
        "last_name": "",
        "email": "",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    someone.refresh_from_db()
    assert someone.role == "admin" and someone.is_staff and someone.is_superuser
    event = AuditEvent.objects.filter(action="user.update").latest("id")
    assert (event.before["role"], event.after["role"]) == ("viewer", "admin")


def test_admin_lists_users_with_their_roles(client_as):
    html = client_as("admin").get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "admin-user" in html and "Administrator" in html


def test_admin_does_not_offer_groups(client_as):
    html = client_as("admin").get(reverse("admin:index")).content.decode()
    assert "Docket back office" in html
    assert "/admin/auth/group/" not in html
