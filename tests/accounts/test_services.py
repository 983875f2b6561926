import pytest

from docket.accounts.models import User
from docket.accounts.services import generate_password, user_create
from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent

pytestmark = pytest.mark.django_db

GOOD = "correct horse battery staple 42"


def test_user_create_hashes_with_argon2_and_audits_without_password():
    password = generate_password()
    user = user_create(actor="system:test", username="ana", role="editor", password=password)
    assert user.password.startswith("argon2")
    assert user.check_password(password)
    event = AuditEvent.objects.get(action="user.create")
    assert password not in str(event.after) and "password" not in event.after
    assert event.after["role"] == "editor"


def test_user_create_admin_gets_back_office_access():
    user = user_create(actor="system:test", username="root", role="admin", password=GOOD)
    assert user.is_staff and user.is_superuser


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"username": "", "role": "viewer", "password": GOOD}, "username"),
        ({"username": "x", "role": "boss", "password": GOOD}, "role"),
        ({"username": "x", "role": "viewer", "password": "short"}, "password"),
        ({"username": "x", "role": "viewer", "password": "password1234"}, "password"),
    ],
)
def test_user_create_rejects_bad_input_and_writes_nothing(options, field):
    with pytest.raises(ApplicationError) as info:
        user_create(actor="system:test", **options)
    assert field in info.value.field_errors
    assert User.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_user_create_rejects_duplicate_name(make_user):
    make_user("viewer", "sam")
    with pytest.raises(ApplicationError, match="exists already"):
        user_create(actor="system:test", username="SAM", role="viewer", password=GOOD)


def test_only_admins_create_users(make_user):
    editor = make_user("editor")
    with pytest.raises(PermissionDenied):
        user_create(actor=editor, username="new", role="viewer", password=GOOD)
    admin = make_user("admin")
    assert user_create(actor=admin, username="new", role="viewer", password=GOOD).role == "viewer"
