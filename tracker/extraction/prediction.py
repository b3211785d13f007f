"""The prediction object of ../shared/corpus/FORMAT.md, with offsets and extra fields."""

from __future__ import annotations

from tracker.rules import scored_kind

from .items import Extraction


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def prediction_line(doc_id: str, extraction: Extraction) -> dict:
    meta = extraction.meta
    return {
        "id": doc_id,
        "contacts": [
            {
                "participants": c.participants,
                "participant_keys": c.participant_keys,
                "kind": scored_kind(c.kind),
                "detail_kind": c.kind,
                "reported_kind": c.reported_kind,
                "date": _iso(c.date),
                "precision": c.precision,
                "planned": c.planned,
                "evidence": c.evidence,
                "start": c.span.start,
                "end": c.span.end,
            }
            for c in extraction.contacts
        ],
        "statements": [
            {
                "speaker": s.speaker,
                "speaker_key": s.speaker_key,
                "quote": s.quote,
                "date": _iso(s.date),
                "precision": s.precision,
                "channel": s.channel,
                "is_fragment": s.is_fragment,
                "start": s.quote_span.start,
                "end": s.quote_span.end,
            }
            for s in extraction.statements
        ],
        "gap_claims": [
            {
                "participants": g.participants,
                "participant_keys": g.participant_keys,
                "ends": _iso(g.ends),
                "starts": _iso(g.starts),
                "comparison": g.comparison,
                "duration_days": g.duration_days,
                "duration_months": g.duration_months,
                "min_days": g.duration_days
                if g.duration_days is not None
                else (g.duration_months * 30 if g.duration_months else None),
                "longest_since": _iso(g.anchor) if g.comparison == "longest_since" else None,
                "anchor": _iso(g.anchor),
                "anchor_text": g.anchor_text,
                "anchor_precision": g.anchor_precision,
                "ordinal": g.ordinal,
                "contact_noun": g.contact_noun,
                "contact_kind": g.contact_kind,
                "last_when": g.last_when,
                "evidence": g.text,
                "start": g.span.start,
                "end": g.span.end,
            }
            for g in extraction.gap_claims
        ],
        "topics": extraction.topics,
        "people": sorted({(p.name, p.country or "", p.office or "", p.is_new) for p in extraction.people}),
        "meta": {
            "title": meta.title,
            "authors": meta.authors,
            "dateline": meta.dateline,
            "published": _iso(meta.published),
            "url": meta.url,
            "publisher": meta.publisher,
        },
        "warnings": extraction.warnings,
    }
