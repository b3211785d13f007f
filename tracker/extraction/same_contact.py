"""One item per contact: the mentions of a contact in one text merged, the different contacts kept apart."""

from __future__ import annotations

from tracker.rules import IN_PERSON, kind_class

from .participants import FoundContact


def contacts_merged(found: list[FoundContact]) -> list[FoundContact]:
    """One item per contact: a later undated mention of the same pair and kind is the same contact."""
    out: list[FoundContact] = []
    for c in found:
        key = frozenset(e.ident for e in c.entities)
        twin = None
        for o in out:
            if frozenset(e.ident for e in o.entities) == key and _talk_at_meeting(o, c):
                # "hosted X for breakfast today ... they had a wide-ranging conversation": the
                # conversation of no stated medium is the meeting's, not a call besides it.
                o.kind, o.medium_unsaid = (c.kind if o.medium_unsaid else o.kind), False
                twin = o
                break
            if frozenset(e.ident for e in o.entities) == key and _same_kind(o.kind, c.kind):
                # An undated earlier contact ("We first met ...") is not the one the text reports.
                # Two recalled contacts the text names differently ("a videoconference in June", "we also
                # had telephone conversations") are two.
                if o.recalled and c.recalled and o.kind != c.kind:
                    continue
                if o.date == c.date or ((c.date is None or o.date is None) and o.recalled == c.recalled):
                    twin = o
                    break
        if twin is None:
            out.append(c)
        elif twin.date is None and c.date is not None:
            twin.date, twin.precision = c.date, c.precision
    return _without_partial_mentions(out)


def _without_partial_mentions(found: list[FoundContact]) -> list[FoundContact]:
    """ "held talks with X and Minister Y today ... The talks between Z and X lasted": a noun's (or a
    topic's) contact of some of another contact's people, that day, is that contact, told again; so
    is one whose other side the text names by office alone ("Prime Minister Tol spoke to X. ... X
    called the Prime Minister today")."""
    out = []
    for c in found:
        people = {e.ident for e in c.entities}
        weak = c.by_noun or c.by_topic or c.unnamed_side
        if (
            weak
            and not c.recalled
            and any(
                o is not c
                and not o.recalled
                and o.date == c.date
                and people < {e.ident for e in o.entities}
                and (_same_kind(o.kind, c.kind) or c.medium_unsaid)
                for o in found
            )
        ):
            continue
        out.append(c)
    return out


def _same_kind(a: str, b: str) -> bool:
    return kind_class(a) == kind_class(b)


def _talk_at_meeting(a: FoundContact, b: FoundContact) -> bool:
    """Whether one is a talk of no stated medium and the other a meeting a verb reports the same day
    ("hosted", "met"; a noun's "talks" is no evidence of a meeting in person)."""
    if a.date is None or a.date != b.date or a.recalled or b.recalled:
        return False

    def in_person(c: FoundContact) -> bool:
        return kind_class(c.kind) == IN_PERSON and not c.by_noun and not c.medium_unsaid

    return (a.medium_unsaid and in_person(b)) or (b.medium_unsaid and in_person(a))
