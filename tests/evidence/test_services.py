import hashlib

import pytest
from django.db import DatabaseError, transaction

from docket.core.errors import ApplicationError, PermissionDenied
from docket.core.models import AuditEvent
from docket.evidence import selectors
from docket.evidence.models import Source
from docket.evidence.services import source_create

pytestmark = pytest.mark.django_db


def test_source_create_hashes_text():
    result = source_create(actor="system:test", text="A report.", title="T", published="2024-05")
    assert result.created
    source = result.source
    assert source.sha256 == hashlib.sha256(b"A report.").hexdigest()
    assert (source.published, source.published_lower.isoformat()) == ("2024-05", "2024-05-01")
    assert source.added_by_name == "system:test"
    event = AuditEvent.objects.get(action="source.create")
    assert event.after["sha256"] == source.sha256 and "A report." not in str(event.after)


def test_source_create_hashes_original_bytes(make_user):
    researcher = make_user("researcher")
    original = b"%PDF-1.4 fake bytes"
    result = source_create(actor=researcher, text="extracted text", original=original)
    assert result.source.sha256 == hashlib.sha256(original).hexdigest()
    assert bytes(Source.objects.get().original) == original
    assert result.source.added_by == researcher


def test_same_content_returns_the_stored_source_flagged():
    first = source_create(actor="system:test", text="Same text.")
    again = source_create(actor="system:test", text="Same text.", title="other title")
    assert again.created is False
    assert again.source.pk == first.source.pk
    assert Source.objects.count() == 1
    assert AuditEvent.objects.filter(action="source.create").count() == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"text": "  "}, "needs its text"),
        ({"text": "x", "url": "javascript:alert(1)"}, r"not an http\(s\) URL"),
        ({"text": "x", "published": "2024-02-30"}, "29 days"),
        ({"text": "x", "title": "t" * 501}, "longer than 500"),
        ({"text": "x", "confidentiality": "secret"}, "unknown confidentiality level"),
    ],
)
def test_source_create_rejects_bad_input(options, message):
    with pytest.raises(ApplicationError, match=message):
        source_create(actor="system:test", **options)
    assert Source.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_source_create_rejects_oversize_document(settings):
    settings.MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ApplicationError, match="larger than"):
        source_create(actor="system:test", text="x" * 1001)
    assert Source.objects.count() == 0


def test_viewers_cannot_add_sources(make_user):
    with pytest.raises(PermissionDenied):
        source_create(actor=make_user("viewer"), text="x")


@pytest.mark.parametrize(
    ("column", "value"), [("text", "'altered'"), ("sha256", "'0'"), ("original", "NULL")]
)
def test_database_refuses_content_changes(column, value):
    source = source_create(actor="system:test", text="Original.", original=b"raw").source
    from django.db import connection

    with (
        pytest.raises(DatabaseError, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE evidence_source SET {column} = {value} WHERE id = %s", [source.pk])
    source.refresh_from_db()
    assert source.text == "Original."


def test_metadata_may_change_but_content_may_not():
    source = source_create(actor="system:test", text="Original.").source
    Source.objects.filter(pk=source.pk).update(confidentiality="restricted")
    source.refresh_from_db()
    source.save()  # rewriting identical content is not a change
    with pytest.raises(DatabaseError), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(text="Altered.")


def test_source_selectors_follow_confidentiality(users, person, fact):
    public = source_create(
        actor="system:test", text="Public text: he was tortured.", confidentiality="public"
    ).source
    hidden = source_create(actor="system:test", text="Hidden.", confidentiality="restricted").source
    assert list(selectors.source_list(user=users["viewer"])) == [public]
    assert set(selectors.source_list(user=users["editor"])) == {public, hidden}
    alim = person()
    fact(alim, "allegation", "torture", source=public, quote="tortured")
    fact(alim, "sex", "male", source=public, quote="he", confidentiality="restricted")
    viewer_spans = selectors.source_highlights(user=users["viewer"], source=public)
    assert [(h.start, h.end, h.field) for h in viewer_spans] == [(20, 28, "allegation")]
    editor_spans = selectors.source_highlights(user=users["editor"], source=public)
    assert [h.field for h in editor_spans] == ["sex", "allegation"]
    assert selectors.source_get(user=users["viewer"], source_id=public.pk) == public


def test_source_segments_split_text_at_cited_spans(users, person, fact):
    source = source_create(
        actor="system:test", text="Alim, 40, a Uyghur teacher.", confidentiality="public"
    ).source
    alim = person()
    age = fact(alim, "age", 40, source=source, quote="Alim, 40")
    ethnicity = fact(alim, "ethnicity", "Uyghur", source=source, quote="40, a Uyghur")
    segments = selectors.source_segments(user=users["viewer"], source=source)
    assert [(s.text, s.claim_ids) for s in segments] == [
        ("Alim, ", (age.pk,)),
        ("40", (age.pk, ethnicity.pk)),
        (", a Uyghur", (ethnicity.pk,)),
        (" teacher.", ()),
    ]
    assert "".join(s.text for s in segments) == source.text
