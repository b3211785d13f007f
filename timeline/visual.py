"""The visual timeline's data: lanes of marks on a time axis, the labelled gaps between them and
the stretches when someone was out of office, for the range the filters select.

Lanes are the pairs of the selection (busiest first), one leader's counterparts, or the kinds of
contact (a pair's page). When the range holds more contacts than a browser can draw one by one
(``MAX_MARKS``), they are counted per week, month, quarter or year instead, the shortest period
that keeps the cells under ``MAX_CELLS``, and the answer says so. Every answer is a handful of
queries whatever the size of the record; names are escaped for plotly (``plotly_text``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from django.db.models import Count, Q, Sum
from django.urls import reverse

from timeline.charts.aggregates import as_day
from timeline.charts.base import KIND_LABELS, KIND_ORDER, plotly_text
from timeline.charts.periods import period_start
from timeline.charts.tally import tally_for
from timeline.feed import CappedCount, count_capped
from timeline.filters import ContactFilter
from timeline.visual_queries import (
    CountryPairs,
    busiest_first,
    country_pairs,
    first_and_last,
    first_and_last_tallied,
    involving,
    months_of,
    of_people_each,
    pair_rows_by_period,
    pairs_in,
)
from timeline.visual_spans import out_of_office, precision_span
from tracker.models import ContactSource, Gap, GapClaim, Office, Person, ReviewStatus
from tracker.models.record import participants
from tracker.rules import pair_key

MAX_MARKS = 1500  # contacts drawn one by one; more are counted per period
MAX_CELLS = 800  # lanes x periods when counting
MAX_GAP_LABELS = 40
LANE_SAMPLE = 2000  # contacts whose pairs rank the lanes when no stored tally stands for the filter
DEFAULT_LANES, MAX_LANES = 8, 40
LANE_KINDS = ("pair", "counterpart", "kind")
PERIODS = [("week", 7), ("month", 30.44), ("quarter", 91.3), ("year", 365.25)]


@dataclass
class Lane:
    label: str
    kind: str | None = None
    people: tuple[int, ...] = ()
    count: int = 0


def period_for(start: date, end: date, lanes: int) -> str:
    """The shortest counting period that keeps lanes x periods under MAX_CELLS."""
    days = (end - start).days + 1
    for name, length in PERIODS:
        if days / length * max(lanes, 1) <= MAX_CELLS:
            return name
    return "year"


def gap_label(gap: Gap, claims: list[GapClaim]) -> str:
    since = "longest on record" if gap.is_record else f"longest since {gap.longest_since:%-d %b %Y}"
    label = f"{gap.days} day{'s' if gap.days != 1 else ''}{' (approx.)' if gap.approximate else ''} · {since}"
    for claim in claims:
        label += f"\nclaim: {claim.get_verdict_display().lower()}"
    return label


class VisualTimeline:
    """One answer of the data endpoint. ``lanes_by`` is ``pair``, ``counterpart`` (of ``lead``) or
    ``kind``; ``rows`` how many lanes to draw (the rest are counted as more)."""

    def __init__(self, contact_filter: ContactFilter, *, lanes_by: str, lead: Person | None, rows: int):
        self.filter = contact_filter
        self.qs = contact_filter.qs.order_by()
        self.lanes_by = "counterpart" if lanes_by == "counterpart" and lead else lanes_by
        self.lead = lead
        self.rows = max(1, min(rows, MAX_LANES))
        self.tally = tally_for(contact_filter)

    def data(self) -> dict:
        if self.filter.form.errors:
            return {"errors": [" ".join(e) for e in self.filter.form.errors.values()]}
        extent = self._extent()
        data = self.filter.form.cleaned_data
        start = data.get("start") or (extent["first"] and date.fromisoformat(extent["first"]))
        end = data.get("end") or (extent["last"] and date.fromisoformat(extent["last"]))
        counted = self._total()
        total = counted.n
        answer = {
            "start": start and start.isoformat(),
            "end": end and end.isoformat(),
            "extent": extent,
            # False: the range is the selection's first to last contact, not dates the filter chose.
            "chosen": bool(self.filter.form.cleaned_data.get("start") or self.filter.form.cleaned_data.get("end")),
            "total": total,
            "total_more": counted.more,  # True: more than ``total``
            "lanes_by": self.lanes_by,
            "lanes": [],
            "more_lanes": 0,
            "marks": [],
            "counts": [],
            "period": "day",
            "gaps": [],
            "away": [],
            "note": "",
        }
        if not total or not start:
            answer["note"] = "No contacts in this selection."
            if start:
                # A range zoomed into a silence: the axis stays (to zoom out of it) with the
                # pair's gap that spans it and the offices, which need no lanes of contacts.
                answer["gaps"] = self._gaps([], start, end)
                answer["away"] = self._away([], start, end)
            return answer
        if not counted.more and total <= MAX_MARKS:
            lanes, more, marks = self._marks()
            answer["marks"] = marks
        else:
            lanes, more = self._lanes()
            period = period_for(start, end, len(lanes))
            answer["period"] = period
            answer["counts"] = self._counts(lanes, period)
            answer["note"] = (
                f"{counted} contacts in this range, too many to draw one by one: counted per {period}. "
                "Zoom in to see each contact."
            )
            if getattr(self, "sampled", False):
                answer["note"] += f" Lanes: the busiest pairs of the latest {LANE_SAMPLE:,} contacts."
        answer["lanes"] = [
            {"label": plotly_text(lane.label), "count": lane.count, "url": self._lane_url(lane)} for lane in lanes
        ]
        answer["more_lanes"] = more
        answer["gaps"] = self._gaps(lanes, start, end)
        answer["away"] = self._away(lanes, start, end)
        return answer

    # --- lanes and marks ----------------------------------------------------------------------

    def _extent(self) -> dict:
        """First and last contact of the filter without its dates: the range slider's extent. For
        people or a pair, whose contacts the date index cannot find, from their month tallies."""
        undated = self.filter.without("start", "end")
        tally = tally_for(undated)
        if tally and tally.days is None:
            first, last = first_and_last_tallied(of_people_each(undated, tally), months_of(tally))
        else:
            first, last = first_and_last(undated.qs)
        return {"first": first and first.isoformat(), "last": last and last.isoformat()}

    def _total(self) -> CappedCount:
        """How many contacts the range holds: exactly from the stored tallies when the filter allows
        and the range holds more than MAX_MARKS, else counted up to the feed's cap (one query
        either way for people, a pair or a country, which the date index does not narrow)."""
        if country := self._country_pairs():
            return CappedCount(country.total(), more=False)
        if not (self.tally and self.tally.days is not None):
            exact = self.filter.pair_count_from_tallies()
            return CappedCount(exact, more=False) if exact is not None else count_capped(self.qs)
        few = count_capped(self.qs, MAX_MARKS)
        if not few.more:
            return few
        return CappedCount(self.tally.days.aggregate(n=Sum("contacts"))["n"] or 0, more=False)

    def _lane_keys(self, people: list[int], kind: str) -> list:
        if self.lanes_by == "kind":
            return [kind]
        if self.lanes_by == "counterpart":
            return [p for p in people if p != self.lead.pk] if self.lead.pk in people else []
        return [pair_key(a, b) for a, b in combinations(sorted(people), 2)]

    def _marks(self) -> tuple[list[Lane], int, list]:
        """Every contact of the range (at most MAX_MARKS), with who, kind and sources: four queries."""
        rows = list(self.qs.values_list("pk", "date", "kind", "date_precision"))
        ids = [r[0] for r in rows]
        people_of = defaultdict(list)
        for contact_id, person_id in participants().filter(contact_id__in=ids).values_list("contact_id", "person_id"):
            people_of[contact_id].append(person_id)
        sources = dict(
            ContactSource.objects.filter(contact_id__in=ids)
            .values("contact_id")
            .annotate(n=Count("id"))
            .values_list("contact_id", "n")
        )
        tally = Counter(key for pk, _, kind, _ in rows for key in self._lane_keys(people_of[pk], kind))
        chosen = self._ordered(tally)
        names = self._names({p for pk in ids for p in people_of[pk]} | {p for key in chosen for p in self._people(key)})
        lanes = [self._lane(key, tally[key], names) for key in chosen]
        index = {key: n for n, key in enumerate(chosen)}
        marks = []
        for pk, day, kind, precision in sorted(rows, key=lambda r: (r[1], r[0])):
            who = plotly_text(" · ".join(sorted(names.get(p, "?") for p in people_of[pk])))
            span = precision_span(day, precision)
            for key in self._lane_keys(people_of[pk], kind):
                if key in index:
                    marks.append(
                        [
                            index[key],
                            day.isoformat(),
                            kind,
                            precision,
                            pk,
                            sources.get(pk, 0),
                            who,
                            span and [span[0].isoformat(), span[1].isoformat()],
                        ]
                    )
        return lanes, max(0, len(tally) - len(chosen)), marks

    def _ordered(self, tally: Counter) -> list:
        if self.lanes_by == "kind":
            return [k for k in KIND_ORDER if k in tally]
        return [key for key, _ in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[: self.rows]]

    def _people(self, key) -> tuple[int, ...]:
        if self.lanes_by == "kind":
            return ()
        if self.lanes_by == "counterpart":
            return (self.lead.pk, key)
        return key

    def _names(self, ids: set[int]) -> dict[int, str]:
        """Names by id (one query); their slugs are kept for the lanes' links."""
        rows = list(Person.objects.filter(pk__in=ids).order_by().values_list("pk", "name", "slug"))
        self.slugs = getattr(self, "slugs", {}) | {pk: slug for pk, _, slug in rows}
        return {pk: name for pk, name, _ in rows}

    def _lane(self, key, count: int, names: dict[int, str]) -> Lane:
        if self.lanes_by == "kind":
            return Lane(KIND_LABELS.get(key, key), kind=key, count=count)
        people = self._people(key)
        label = names.get(key, "?") if self.lanes_by == "counterpart" else " – ".join(names.get(p, "?") for p in people)
        return Lane(label, people=people, count=count)

    def _lanes(self) -> tuple[list[Lane], int]:
        """The busiest lanes of the range, counted in the database (a few queries): from the stored
        tallies when the filter allows (``tally_for``), the whole months inside the range from the
        month tallies and the months it cuts from their contacts; else from the contacts."""
        if self.lanes_by == "kind":
            if self.tally and self.tally.pair:
                rows = self.tally.pair_months(*self.tally.pair).order_by().values("kind").annotate(n=Sum("contacts"))
                rows = [*rows.values_list("kind", "n")]
                for cut in self._cut():
                    rows += cut.values("kind").annotate(n=Count("id")).values_list("kind", "n")
            elif self.tally and self.tally.days is not None:
                rows = self.tally.days.order_by().values("kind").annotate(n=Sum("contacts")).values_list("kind", "n")
            else:
                rows = self.qs.values("kind").annotate(n=Count("id")).values_list("kind", "n")
            tally = Counter()
            for kind, n in rows:
                tally[kind] += n
            return [Lane(KIND_LABELS[k], kind=k, count=tally[k]) for k in KIND_ORDER if tally[k]], 0
        lead = self.lead.pk if self.lanes_by == "counterpart" else None
        if self.tally and self.tally.pairs is not None:
            grouped = self.tally.pairs.order_by("-contacts").values("person_a_id", "person_b_id", "contacts")
            if lead:
                grouped = grouped.filter(Q(person_a_id=lead) | Q(person_b_id=lead))
            top = [tuple(row.values()) for row in grouped[: MAX_LANES + 1]]
        elif self.tally and (lead in self.tally.people or not self.filter.form.cleaned_data.get("country")):
            # A country's contacts rank their pairs from the contacts: its tallies (its nationals')
            # hold no pair of two others who met in a summit with one of them.
            among = [lead] if lead else list(self.tally.people)
            months = involving(self.tally.months.order_by(), [lead]) if lead else months_of(self.tally)
            pair = ("person_a_id", "person_b_id")
            grouped = months.values(*pair).annotate(n=Sum("contacts")).order_by("-n", *pair).values_list(*pair, "n")
            if self.tally.cut:  # every pair, to add the cut months' contacts before ranking
                counted = Counter({(a, b): n for a, b, n in grouped})
                for cut in self._cut():
                    counted.update(pairs_in(cut.values("pk"), among))
                top = busiest_first(counted, MAX_LANES + 1)
            else:
                top = list(grouped[: MAX_LANES + 1])
        elif country := self._country_pairs():
            top = busiest_first(
                Counter({k: n for k, n in country.pairs.items() if not lead or lead in k}), MAX_LANES + 1
            )
        else:
            # No tally for this filter: rank the pairs of the latest LANE_SAMPLE contacts only.
            self.sampled = True
            latest = self.qs.order_by("-date", "-id").values("pk")[:LANE_SAMPLE]
            top = busiest_first(pairs_in(latest, [lead]), MAX_LANES + 1)
        pairs = Counter({(a, b): n for a, b, n in top})
        tally = Counter({(b if a == lead else a): n for (a, b), n in pairs.items()}) if lead else pairs
        chosen = self._ordered(tally)
        names = self._names({p for key in chosen for p in self._people(key)})
        more = len(top) - len(chosen)
        return [self._lane(key, tally[key], names) for key in chosen], more

    def _country_pairs(self) -> CountryPairs | None:
        """A country filter's pairs from its nationals' tallies (``CountryPairs``), read once."""
        if not hasattr(self, "_pairs"):
            self._pairs = country_pairs(self.filter, self.tally)
        return self._pairs

    def _cut(self) -> list:
        """The filter's contacts in the months its dates cut, which the month tallies leave out."""
        return [self.qs.filter(date__gte=first, date__lte=last) for first, last in self.tally.cut]

    def _counts(self, lanes: list[Lane], period: str) -> list:
        """Contacts per lane and period: ``[lane, first day, count, busiest kind]``: from the
        stored month tallies when the filter and the period allow (a query or two per lane), else
        the lanes of people in one query (``pair_rows_by_period``), kinds a query each."""
        counts = []
        untallied = [lane for lane in lanes if lane.people and not (self.tally and period != "week")]
        shared = pair_rows_by_period(self.qs, [lane.people for lane in untallied], period) if untallied else {}
        for n, lane in enumerate(lanes):
            per, top = Counter(), {}
            rows = shared.get(pair_key(*lane.people), []) if lane in untallied else self._lane_rows(lane, period)
            for day, kind, c in rows:
                day = as_day(day)
                per[day] += c
                if c > top.get(day, ("", 0))[1]:
                    top[day] = (kind, c)
            counts += [[n, day.isoformat(), per[day], top[day][0]] for day in sorted(per)]
        return counts

    def _lane_rows(self, lane: Lane, period: str):
        """``(period start, kind, contacts)`` rows of one lane: from the stored tallies when they
        hold exactly its contacts under the filter (``Tally.pair_months``: not a pair of two others
        met in a summit of a country's contacts) and the period is a month or longer, else from
        the contacts."""
        if (country := self._country_pairs()) and lane.people and not country.people & set(lane.people):
            yield from country.rows_of_others(lane.people, period)  # two others: in summits only
            return
        scope = self.qs.filter(kind=lane.kind) if lane.kind else self.qs.involving_all(*lane.people)
        tallied, field = None, "month"
        if self.tally and period != "week":
            if lane.people:
                tallied = self.tally.pair_months(*lane.people)
            elif self.tally.pair:
                tallied = self.tally.pair_months(*self.tally.pair).filter(kind=lane.kind)
            elif self.tally.days is not None:
                tallied, field = self.tally.days.filter(kind=lane.kind), "date"
        if tallied is None:
            rows = scope.annotate(p=period_start(period)).values("p", "kind").annotate(c=Count("id"))
            yield from rows.values_list("p", "kind", "c")
            return
        rows = tallied.order_by().annotate(p=period_start(period, field)).values("p", "kind")
        yield from rows.annotate(c=Sum("contacts")).values_list("p", "kind", "c")
        if field == "month":  # the months the range cuts, from the contacts
            for a, b in self.tally.cut:
                cut = scope.filter(date__gte=a, date__lte=b)
                rows = cut.annotate(p=period_start(period)).values("p", "kind").annotate(c=Count("id"))
                yield from rows.values_list("p", "kind", "c")

    def _lane_url(self, lane: Lane) -> str:
        slugs = [self.slugs.get(p) for p in lane.people]
        if len(slugs) == 2 and all(slugs):
            return reverse("timeline:pair", args=slugs)
        return ""

    # --- gaps and offices ----------------------------------------------------------------------

    def _lane_pairs(self, lanes: list[Lane]) -> dict[tuple[int, int], list[int]]:
        """The pair each lane is about (all lanes share the filter's pair on a pair's page)."""
        pairs = defaultdict(list)
        chosen = self.filter.chosen_pair()
        for n, lane in enumerate(lanes):
            if len(lane.people) == 2:
                pairs[pair_key(*lane.people)].append(n)
        if chosen and not pairs:
            pairs[pair_key(chosen[0].pk, chosen[1].pk)].append(-1)  # -1: across every lane
        return pairs

    def _gaps(self, lanes: list[Lane], start: date, end: date) -> list:
        """The record gaps and the claimed gaps of each lane's pair that overlap the range, labelled:
        ``[lane, start, end, days, label, verdict or ""]``. 0-day gaps are not drawn."""
        pairs = self._lane_pairs(lanes)
        if not pairs:
            return []
        by_pair = Q()
        for low, high in pairs:
            by_pair |= Q(person_a_id=low, person_b_id=high)
        claims = defaultdict(list)
        claimed_gaps, claimed_ends = set(), set()
        for claim in GapClaim.objects.filter(by_pair, status=ReviewStatus.CONFIRMED):
            key = claim.deciding_gap_id or (claim.person_a_id, claim.person_b_id, claim.ends)
            claims[key].append(claim)
            if claim.deciding_gap_id:
                claimed_gaps.add(claim.deciding_gap_id)
            claimed_ends.add(claim.ends)
        shown = Q(days__gt=0, end__gte=start, start__lte=end)
        gaps = []
        for low, high in pairs:  # one look-up of the pair's index of records each
            gaps += Gap.objects.for_pair(low, high).filter(shown, is_record=True).order_by()
        if claimed_gaps or claimed_ends:
            claimed = Q(pk__in=claimed_gaps) | Q(end__in=claimed_ends)
            gaps += Gap.objects.filter(by_pair, shown, claimed, is_record=False).order_by()
        gaps = sorted(gaps, key=lambda g: -g.days)[:MAX_GAP_LABELS]
        out = []
        for gap in sorted(gaps, key=lambda g: g.start):
            about = claims.get(gap.pk) or claims.get((gap.person_a_id, gap.person_b_id, gap.end), [])
            if not (gap.is_record or about):
                continue
            verdict = about[0].verdict if about else ""
            for lane in pairs[(gap.person_a_id, gap.person_b_id)]:
                out.append([lane, gap.start.isoformat(), gap.end.isoformat(), gap.days, gap_label(gap, about), verdict])
        return out

    def _away(self, lanes: list[Lane], start: date, end: date) -> list:
        """Stretches of the range when someone a lane is about held no office:
        ``[lane (-1: every lane), start, end, label]``."""
        who: dict[int, list[int]] = defaultdict(list)
        for n, lane in enumerate(lanes):
            for person in lane.people:
                who[person].append(n)
        chosen = self.filter.chosen_pair()
        if self.lead:
            who[self.lead.pk] = [-1]
        elif chosen and self.lanes_by == "kind":
            for person in chosen:
                who[person.pk] = [-1]
        offices = defaultdict(list)
        for person_id, s, e in Office.objects.filter(person_id__in=who).values_list("person_id", "start", "end"):
            offices[person_id].append((s, e))
        names = self._names(set(offices))
        out = []
        for person_id, spans in offices.items():
            for a, b in out_of_office(spans, start, end):
                label = plotly_text(f"{names.get(person_id, '?')} out of office")
                out += [[lane, a.isoformat(), b.isoformat(), label] for lane in sorted(set(who[person_id]))]
        return out
