import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from docket.core.audit import GENESIS, audit_record, redact
from docket.core.errors import ApplicationError
from docket.core.models import AuditEvent
from docket.core.selectors import audit_list, audit_verify_chain

pytestmark = pytest.mark.django_db


def _record(n: int = 3) -> list[AuditEvent]:
    return [
        audit_record(actor="system:test", action="thing.create", after={"n": i}) for i in range(n)
    ]


def test_audit_record_chains_rows():
    first, second, third = _record()
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    report = audit_verify_chain()
    assert report.ok and report.checked == 3


def test_audit_record_names_user_actor(make_user):
    user = make_user("editor")
    event = audit_record(actor=user, action="x.do", entity=user, before={"a": 1}, after={"a": 2})
    event.refresh_from_db()
    assert (event.actor, event.actor_user_id) == (user.username, user.pk)
    assert (event.entity_type, event.entity_id) == ("accounts.user", str(user.pk))
    assert (event.before, event.after) == ({"a": 1}, {"a": 2})
    assert list(audit_list(entity=user, action="x.do")) == [event]


@pytest.mark.parametrize("actor", [None, "demo", "system:", 42])
def test_audit_record_refuses_unknown_actor(actor):
    with pytest.raises(ApplicationError):
        audit_record(actor=actor, action="x.do")
    assert AuditEvent.objects.count() == 0


def test_restricted_keys_are_stored_as_markers():
    event = audit_record(
        actor="system:test",
        action="claim.create",
        after={"value": "Secret Witness Name", "field": "name"},
        restricted=["value"],
    )
    event.refresh_from_db()
    assert "Secret Witness Name" not in str(event.after)
    assert event.after["value"] == redact("Secret Witness Name")
    assert event.after["value"].startswith("[restricted ")
    assert event.after["field"] == "name"
    assert redact("Secret Witness Name") != redact("Another Name")


@pytest.mark.parametrize(
    "sql",
    ["UPDATE core_auditevent SET actor = 'mallory'", "DELETE FROM core_auditevent"],
)
def test_database_refuses_update_and_delete(sql):
    _record(2)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditEvent.objects.filter(actor="system:test").count() == 2


def test_orm_delete_is_refused():
    [event] = _record(1)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def _drop_guards():
    """Remove the triggers inside the test's transaction (rolled back afterwards), to show
    that the hash chain catches tampering even by someone who can bypass them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_change ON core_auditevent")


def test_chain_detects_edited_row():
    events = _record(3)
    _drop_guards()
    AuditEvent.objects.filter(pk=events[1].pk).update(after={"n": 99})
    report = audit_verify_chain()
    assert not report.ok
    assert report.bad_event_id == events[1].pk
    assert "content changed" in report.problem


def test_chain_detects_removed_row():
    events = _record(3)
    _drop_guards()
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    report = audit_verify_chain()
    assert not report.ok
    assert report.bad_event_id == events[2].pk
    assert "link broken" in report.problem


def test_flush_refuses_to_purge_audit_log_outside_tests(settings):
    _record(1)
    settings.DOCKET_AUDIT_PURGE_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_transactional_tests_can_flush_audit_rows():
    # Teardown flushes this database; the test settings let the flush pass the triggers.
    _record(2)
    assert AuditEvent.objects.count() == 2
