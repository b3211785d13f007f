"""Whether the two people of a pair held office through each of their gaps, read from their
confirmed offices: the judge ``tracker.gaps.gaps_between`` asks, and the pairs an office change
touches (``tracker.signals`` marks them, so gaps and verdicts follow the offices)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from tracker.gaps import OfficeJudge, office_note
from tracker.models import Gap, Office, Person
from tracker.rules import Pair, Term, office_cover, pair_in_office


def office_judge(name_a: str, terms_a: list[Term], name_b: str, terms_b: list[Term]) -> OfficeJudge:
    def judge(first: date, last: date) -> tuple[str, str]:
        cover_a, cover_b = office_cover(terms_a, first, last), office_cover(terms_b, first, last)
        notes = [office_note(name_a, cover_a), office_note(name_b, cover_b)]
        # Cut to the column's length here, so the stored row equals the computed one (upkeep diffs them).
        return pair_in_office(cover_a, cover_b), "; ".join(n for n in notes if n)[:500]

    return judge


def pair_office_judge(a: int, b: int) -> OfficeJudge:
    """The judge for one pair (two queries: their names, their confirmed offices)."""
    names = dict(Person.objects.filter(pk__in=[a, b]).values_list("pk", "name"))
    terms = Office.objects.confirmed().filter(person_id__in=[a, b]).terms()
    return office_judge(names.get(a, ""), terms.get(a, []), names.get(b, ""), terms.get(b, []))


class OfficeJudges:
    """Judges for every pair from one read of all names and confirmed offices (for bulk recomputes)."""

    def __init__(self):
        self.names = dict(Person.objects.values_list("pk", "name"))
        self.terms = Office.objects.confirmed().terms()

    def for_pair(self, a: int, b: int) -> OfficeJudge:
        return office_judge(self.names.get(a, ""), self.terms.get(a, []), self.names.get(b, ""), self.terms.get(b, []))


def pairs_with_gaps_of(*person_ids: int) -> set[Pair]:
    """The pairs of these people that have gaps, whose office judgement an office change alters
    (one query per 500 people)."""
    ids = sorted(set(person_ids))
    pairs: set[Pair] = set()
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows = Gap.objects.filter(Q(person_a_id__in=chunk) | Q(person_b_id__in=chunk)).order_by()
        pairs.update(rows.values_list("person_a_id", "person_b_id").distinct())
    return pairs
