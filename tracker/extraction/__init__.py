"""Extraction core: proposes people, contacts, statements, gap claims and topics from article text.

Plain Python: this package must not import Django (the app wraps it; see tracker.services.gazetteer).
"""

from .documents import document_from_record, documents_from_file
from .gazetteer import Gazetteer
from .items import (
    ArticleMeta,
    ContactItem,
    Document,
    Extraction,
    GapClaimItem,
    KnownCountry,
    KnownOffice,
    KnownPerson,
    PersonMention,
    Span,
    StatementItem,
)
from .pipeline import extract, extract_document, topics_in
from .prediction import prediction_line

__all__ = [
    "ArticleMeta",
    "ContactItem",
    "Document",
    "Extraction",
    "GapClaimItem",
    "Gazetteer",
    "KnownCountry",
    "KnownOffice",
    "KnownPerson",
    "PersonMention",
    "Span",
    "StatementItem",
    "document_from_record",
    "documents_from_file",
    "extract",
    "extract_document",
    "prediction_line",
    "topics_in",
]
