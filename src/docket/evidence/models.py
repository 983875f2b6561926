"""Sources: immutable documents that claims cite."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from docket.core.confidentiality import Level


class Source(models.Model):
    """An ingested document. Content and hash never change (database trigger, migration 0002).

    `sha256` is the hash of `original` when the original bytes are kept, else of the
    UTF-8 text; the same document is stored once.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    text = models.TextField()
    original = models.BinaryField(null=True, blank=True)
    media_type = models.CharField(max_length=100, blank=True)
    filename = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    published = models.CharField(max_length=64, blank=True, help_text="EDTF publication date")
    published_lower = models.DateField(null=True, blank=True)
    published_upper = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=10, blank=True)
    url = models.URLField(max_length=2000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_by_name = models.CharField(max_length=150, help_text="User name or system:<name>")
    added_at = models.DateTimeField(auto_now_add=True)
    confidentiality = models.CharField(max_length=10, choices=Level.choices, default=Level.INTERNAL)

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What to call the source on a page: its title, else its file name or address."""
        return self.title or self.filename or self.url or f"source {self.pk}"
