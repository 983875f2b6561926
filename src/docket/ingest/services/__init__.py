"""Writes of the ingest app: storing extracted documents, and reviewing what they proposed."""

from docket.ingest.services.documents import (
    DocumentResult,
    Incoming,
    document_ingest,
    extractor_method,
)
from docket.ingest.services.review import (
    extracted_person_accept,
    extracted_person_link,
    extracted_person_new,
    extracted_person_reject,
    suggestion_accept,
    suggestion_reject,
)

__all__ = [
    "DocumentResult",
    "Incoming",
    "document_ingest",
    "extracted_person_accept",
    "extracted_person_link",
    "extracted_person_new",
    "extracted_person_reject",
    "extractor_method",
    "suggestion_accept",
    "suggestion_reject",
]
