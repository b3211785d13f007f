"""The query-string filters every list of the record shares (timeline, charts, exports).

Parameter names are a public contract: URLs get pasted into reports and mail, and the charts
reuse ``ContactFilter``. Keep them stable:

    person=<slug>     repeatable, any of them took part; a typed name or alias is read too
    country=<IL|id>   repeatable, ISO alpha-2 code or database id (or a typed name, alias, alpha-3
                      code); a participant spoke for it
    pair=<a>,<b>      two people (slugs, or typed names), both took part
    kind=<kind>       repeatable, Contact.Kind values
    topic=<slug>
    status=confirmed  (default) | proposed | rejected | any
    start, end        ISO dates, inclusive, between tracker.rules' FIRST_DAY and LAST_DAY; end not before start
    publisher=<name>  reported by an article of that publisher (exact name)
    q=<text>          free text over summaries (and, for contacts, the quotes tied to them)
    sort=newest       (default) | oldest: the order of the lists and their exports

A typed name resolves when it means one person (or country): ``canonical_query`` then writes the
URL with slugs and codes, which is what pages redirect to and push. A name that means several is
an ``ambiguous`` error whose candidates ``ambiguities`` lists, each with the URL that picks it.

An invalid value (unknown slug, malformed or out-of-bounds date, an over-long id, more than
MAX_VALUES of one key) gives no rows and the form's errors, never the unfiltered record: an analyst
must not mistake "everything" for an answer.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from django.http import QueryDict

from timeline.filter_fields import (
    MAX_VALUES,
    BoundedDateField,
    CappedMultipleChoiceField,
    CountriesField,
    DateInput,
    DateRangeForm,
    PairField,
    PeopleField,
    country_value,
)
from tracker.models import (
    Contact,
    Country,
    FacetCount,
    PairFacetCount,
    PairMonthCount,
    Person,
    PersonMonthCount,
    ReviewStatus,
    Statement,
    Topic,
)

STATUS_ANY = "any"
STATUS_CHOICES = [*ReviewStatus.choices, (STATUS_ANY, "Any status")]
PUBLIC_STATUS_CHOICES = [(ReviewStatus.CONFIRMED.value, ReviewStatus.CONFIRMED.label)]
EDITORS_ONLY = "Only logged-in editors can list items that are not confirmed."


def viewer_is_editor(request) -> bool:
    """Whether the request comes from someone who may see the record under review: a logged-in
    member of staff (the API's and exports' rule) or a user allowed to change contacts (the editors
    group, or an administrator)."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and (user.is_staff or user.has_perm("tracker.change_contact")))


NEWEST, OLDEST = "newest", "oldest"
SORT_CHOICES = [(NEWEST, "Newest first"), (OLDEST, "Oldest first")]


class RecordForm(DateRangeForm):
    """The filter form, with what the pickers show: the chosen people and countries as chips
    (``(value, label)``), the pair as names. A picker whose values cannot be read shows them as typed."""

    def _chosen(self, key: str, chip) -> list[tuple[str, str]]:
        if not self.is_bound:
            return []
        if self.is_valid() or (key in self.cleaned_data and key not in self.errors):
            return [chip(item) for item in self.cleaned_data.get(key) or []]
        # Some values cannot be read: the chips are the others, each read on its own (at most
        # MAX_VALUES); the rest are in the errors (and, when ambiguous, in their choices).
        raw = self.data.getlist(key) if hasattr(self.data, "getlist") else []
        chips = []
        for value in raw[:MAX_VALUES]:
            try:
                chips += [chip(item) for item in self.fields[key].clean([value])]
            except ValidationError:
                continue
        return list(dict.fromkeys(chips))

    def chosen_people(self) -> list[tuple[str, str]]:
        return self._chosen("person", lambda p: (p.slug, p.name))

    def chosen_countries(self) -> list[tuple[str, str]]:
        return self._chosen("country", lambda c: (country_value(c), c.name))

    def pair_names(self) -> str:
        if self.is_bound and "pair" not in self.errors and self.is_valid() and self.cleaned_data.get("pair"):
            return ", ".join(p.name for p in self.cleaned_data["pair"])
        return self.data.get("pair", "") if self.is_bound else ""


class PairFilter(django_filters.Filter):
    field_class = PairField


class BoundedDateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


class CappedMultipleChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = CappedMultipleChoiceField


class RecordFilter(django_filters.FilterSet):
    """What contacts and statements share; each subclass says how a filter applies to its rows."""

    person = django_filters.ModelMultipleChoiceFilter(
        label="People",
        queryset=Person.objects.all(),
        to_field_name="slug",
        method="filter_person",
    )
    person.field_class = PeopleField
    country = django_filters.ModelMultipleChoiceFilter(
        label="Countries", queryset=Country.objects.all(), method="filter_country"
    )
    country.field_class = CountriesField
    pair = PairFilter(label="Pair", method="filter_pair", help_text="Two people's names, comma-separated")
    topic = django_filters.ModelChoiceFilter(
        label="Topic", queryset=Topic.objects.all(), to_field_name="slug", method="filter_topic", empty_label="Any"
    )
    status = django_filters.ChoiceFilter(
        label="Review status",
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=None,
        # the default is left out of pushed URLs (static/js/timeline.js)
        widget=forms.Select(attrs={"data-default": ReviewStatus.CONFIRMED}),
    )
    start = BoundedDateFilter(label="From", field_name="date", lookup_expr="gte", widget=DateInput)
    end = BoundedDateFilter(label="To", field_name="date", lookup_expr="lte", widget=DateInput)
    publisher = django_filters.CharFilter(label="Publisher", method="filter_publisher", max_length=200)
    q = django_filters.CharFilter(label="Text", method="filter_text")
    # Read by the lists and exports that order the rows (``oldest_first``), not a filter of rows.
    sort = django_filters.ChoiceFilter(
        label="Order",
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
        widget=forms.Select(attrs={"data-default": NEWEST}),
    )

    def __init__(self, data=None, *args, read_in_part: bool = False, **kwargs):
        # ``read_in_part``: the rows are read newest first and only in part (a page, a capped
        # count, the newest matches), which a search of a common word reads fastest row by row.
        self.read_in_part = read_in_part
        # Confirmed is the default review status: a URL without ``status`` shows the settled record.
        if data is not None and not data.get("status"):
            data = data.copy()
            data["status"] = ReviewStatus.CONFIRMED
        super().__init__(data, *args, **kwargs)
        if not viewer_is_editor(self.request):
            # The public sees the reviewed record only: other statuses are a form error (so no
            # rows), and people under review are not offered nor accepted by name.
            self.filters["status"].extra["choices"] = PUBLIC_STATUS_CHOICES
            self.filters["status"].extra["error_messages"] = {"invalid_choice": EDITORS_ONLY}
            self.filters["person"].queryset = Person.objects.confirmed()
            self.filters["pair"].extra["people"] = Person.objects.confirmed()
            for name in ("status", "person", "pair"):
                self.filters[name].__dict__.pop("_field", None)  # built from the settings above

    def filter_queryset(self, queryset):
        if not self.form.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)

    def filter_person(self, queryset, name, value):
        return queryset.involving_any(value) if value else queryset

    def filter_country(self, queryset, name, value):
        return queryset.of_countries(value) if value else queryset

    def filter_topic(self, queryset, name, value):
        return queryset.on_topic(value) if value else queryset

    def filter_status(self, queryset, name, value):
        return queryset if value in (None, "", STATUS_ANY) else queryset.filter(status=value)

    def filter_text(self, queryset, name, value):
        value = (value or "").strip()
        return self.text_matching(queryset, value) if value else queryset

    def text_matching(self, queryset, text: str):
        """The rows of ``queryset`` that match the search ``text`` (stripped, not empty)."""
        return queryset.matching(text)

    def filter_publisher(self, queryset, name, value):
        return queryset.reported_by(value) if value else queryset

    def without(self, *keys: str) -> RecordFilter:
        """The same filter (same class, base queryset and viewer) with ``keys`` dropped from the
        query string: what a page counts beside its selection (a date slider's whole extent) must
        follow the viewer's rule and the rest of the query string exactly as the page does."""
        data = self.data.copy()
        for key in keys:
            data.pop(key, None)
        return type(self)(data, queryset=self.queryset, request=self.request, read_in_part=self.read_in_part)

    def alongside(self, other: type[RecordFilter], queryset) -> RecordFilter:
        """A filter of the other record (contacts beside statements) over the same query string
        and for the same viewer."""
        return other(self.data, queryset=queryset, request=self.request)

    def filter_sort(self, queryset, name, value):
        return queryset

    def oldest_first(self) -> bool:
        """Whether the lists read oldest first (``sort=oldest``) rather than newest first."""
        return self.form.is_valid() and self.form.cleaned_data.get("sort") == OLDEST

    def chosen_pair(self) -> tuple[Person, Person] | None:
        """The two people of a valid ``pair`` filter, else None."""
        if self.form.is_valid():
            return self.form.cleaned_data.get("pair")
        return None


# The filters no tally counts by, beside status and kinds (and the people or pair a tally is of).
NARROWING = ("person", "pair", "country", "topic", "publisher", "start", "end", "q")


class ContactFilter(RecordFilter):
    kind = CappedMultipleChoiceFilter(
        label="Kind", choices=Contact.Kind.choices, method="filter_kind", widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Contact
        fields = ["person", "country", "pair", "kind", "topic", "publisher", "status", "start", "end", "q", "sort"]
        form = RecordForm

    def filter_pair(self, queryset, name, value):
        return queryset.involving_all(*value) if value else queryset

    def text_matching(self, queryset, text: str):
        return queryset.matching(text, read_in_part=self.read_in_part)

    def filter_publisher(self, queryset, name, value):
        # A report under review is not part of the public record: it neither counts in the public
        # publisher facet (tallies of confirmed reports) nor lets a publisher's filter find a contact.
        public = not viewer_is_editor(self.request)
        return queryset.reported_by(value, confirmed_reports_only=public) if value else queryset

    def _pair_tallies(self):
        """The ``PairMonthCount`` rows that hold exactly the matching contacts when only a pair, a
        status and kinds are chosen; None when another filter narrows them."""
        return self._tallies("pair", PairMonthCount)

    def month_tallies(self):
        """Month tallies (rows with ``month`` and ``contacts``) that hold exactly the matching
        contacts: the pair's ``PairMonthCount`` rows when only a pair, a status and kinds are
        chosen, one person's ``PersonMonthCount`` rows when only that person, a status and kinds
        are; None otherwise (several people would count a contact of two of them twice)."""
        tallies = self._pair_tallies()
        if tallies is None and self.form.is_valid() and len(self.form.cleaned_data.get("person") or ()) == 1:
            tallies = self._tallies("person", PersonMonthCount)
        return tallies

    def facet_tallies(self, facet: str):
        """The tallies of ``facet`` (country, topic or publisher) of the chosen status and kinds,
        which count each value's matching contacts exactly: the pair's ``PairFacetCount``
        rows when only a pair narrows them (``pair_facet_tallies``), the record's all-time
        ``FacetCount`` rows when nothing does (``record_facet_tallies``); else None."""
        if (tallies := self.pair_facet_tallies(facet)) is not None:
            return tallies
        return self.record_facet_tallies(facet)

    def record_facet_tallies(self, facet: str):
        """The record's all-time ``FacetCount`` rows of ``facet`` (any of its facets: kind,
        country, topic, publisher, person) of the chosen status and kinds, which count each value's
        matching contacts exactly when nothing else narrows them; else None. A row per value, kind
        and status: at 100,000 contacts on SQLite the plain timeline's facets had read 58,796
        country month rows (33 ms), the days for its kinds (14 ms) and every person's months (23 ms)."""
        return self._whole_record_tallies(FacetCount.objects.filter(facet=facet))

    def pair_facet_tallies(self, facet: str):
        """The pair's all-time ``PairFacetCount`` rows of ``facet`` (country, topic, publisher or
        person) and of the chosen status and kinds when only a pair, a status and kinds are
        chosen; else None. At 1,000,000 contacts on PostgreSQL the busiest pair's timeline took
        2,857 -> 159 ms (its facets had been counted over its 117,000 contacts) when they were
        read from its month rows; a row per value, kind and status now."""
        tallies = self._tallies("pair", PairFacetCount)
        return None if tallies is None else tallies.filter(facet=facet)

    def only_person(self) -> Person | None:
        """The one person whose contacts the selection is, when only they, a status and kinds are
        chosen; else None."""
        if not self.form.is_valid():
            return None
        data = self.form.cleaned_data
        people = data.get("person") or ()
        if len(people) != 1 or any(data.get(key) for key in NARROWING if key != "person"):
            return None
        return people[0]

    def person_pair_facet_tallies(self, facet: str):
        """When only one person, a status and kinds are chosen (``only_person``): the
        ``PairFacetCount`` rows of ``facet`` and of the chosen status and kinds of every pair of
        theirs, which count each of their contacts once for each other participant; else None."""
        person = self.only_person()
        if person is None:
            return None
        theirs = PairFacetCount.objects.filter(Q(person_a=person) | Q(person_b=person), facet=facet)
        return self._of_status_and_kinds(theirs)

    def _whole_record_tallies(self, tallies):
        if not self.form.is_valid() or any(self.form.cleaned_data.get(key) for key in NARROWING):
            return None
        return self._of_status_and_kinds(tallies)

    def _tallies(self, key: str, model):
        if not self.form.is_valid():
            return None
        data = self.form.cleaned_data
        if not data.get(key) or any(data.get(other) for other in NARROWING if other != key):
            return None
        if key == "pair":
            low, high = sorted(p.pk for p in data["pair"])
            tallies = model.objects.filter(person_a_id=low, person_b_id=high)
        else:
            tallies = model.objects.filter(person_id=data["person"][0].pk)
        return self._of_status_and_kinds(tallies)

    def _of_status_and_kinds(self, tallies):
        data = self.form.cleaned_data
        status = data.get("status") or ReviewStatus.CONFIRMED
        if status != STATUS_ANY:
            tallies = tallies.filter(status=status)
        if data.get("kind"):
            tallies = tallies.filter(kind__in=data["kind"])
        return tallies

    def pair_count_from_tallies(self) -> int | None:
        """The exact number of matching contacts read from ``PairMonthCount`` (one index look-up)
        when only a pair, a status and kinds are chosen; None when another filter narrows it."""
        tallies = self._pair_tallies()
        return None if tallies is None else tallies.aggregate(n=Sum("contacts"))["n"] or 0

    def pair_kinds_from_tallies(self) -> dict[str, int] | None:
        """As ``pair_count_from_tallies``, the number of each kind (kinds with none left out)."""
        tallies = self._pair_tallies()
        if tallies is None:
            return None
        counted = tallies.order_by().values("kind").annotate(n=Sum("contacts")).values_list("kind", "n")
        return {kind: n for kind, n in counted if n}

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value) if value else queryset


class StatementFilter(RecordFilter):
    """The same parameters over statements: ``person`` is the speaker; ``pair`` keeps what either
    said about a contact they shared; ``kind`` keeps statements tied to a contact of that kind."""

    kind = CappedMultipleChoiceFilter(
        label="Kind", choices=Contact.Kind.choices, method="filter_kind", widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Statement
        fields = ["person", "country", "pair", "kind", "topic", "publisher", "status", "start", "end", "q", "sort"]
        form = RecordForm

    def filter_person(self, queryset, name, value):
        return queryset.by_any(value) if value else queryset

    def filter_pair(self, queryset, name, value):
        return queryset.between_pair(*value) if value else queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(contact__kind__in=value) if value else queryset


# --- Typed names: the canonical URL, and the choices an ambiguous name offers ------------------

PICKERS = ("person", "country", "pair")
DEFAULTS = {"status": ReviewStatus.CONFIRMED.value, "sort": NEWEST}


def canonical_query(record_filter: RecordFilter, data: QueryDict) -> QueryDict:
    """``data`` as the URL should say it: typed names replaced by slugs and codes, empty values and
    defaults left out (what a form sent without JavaScript holds), every other key as it was and in
    its order. Unchanged when the filters cannot be read (the page shows why)."""
    if not record_filter.form.is_valid():
        return data.copy()
    cleaned = record_filter.form.cleaned_data
    canonical = QueryDict(mutable=True)
    for key, values in data.lists():
        if key == "person" and key in cleaned:
            values = [p.slug for p in cleaned["person"]]
        elif key == "country" and key in cleaned:
            values = [country_value(c) for c in cleaned["country"]]
        elif key == "pair" and cleaned.get("pair"):
            values = [",".join(p.slug for p in cleaned["pair"])]
        values = [v for v in values if v != "" and DEFAULTS.get(key) != v]
        if values:
            canonical.setlist(key, values)
    return canonical


@dataclass(frozen=True)
class Ambiguity:
    """A typed name that means several people or countries: each candidate with the URL that
    picks it (the same query with that one in the name's place)."""

    key: str
    typed: str
    choices: list[tuple[str, str]]


def _choice_value(choice) -> str:
    return choice.slug if isinstance(choice, Person) else country_value(choice)


def ambiguities(record_filter: RecordFilter, data: QueryDict, base_url: str) -> list[Ambiguity]:
    """The ``ambiguous`` errors of the pickers, each with its candidates' links."""
    found = []
    for key in PICKERS:
        for error in record_filter.form.errors.as_data().get(key, []):
            for item in error.error_list:
                if item.code != "ambiguous":
                    continue
                typed, links = item.params["typed"], []
                for candidate in item.params["candidates"]:
                    query = data.copy()
                    value = _choice_value(candidate)
                    if key == "pair":
                        parts = [p.strip() for p in query.get("pair", "").split(",")]
                        query["pair"] = ",".join(value if p == typed else p for p in parts)
                    else:
                        query.setlist(key, [value if v.strip() == typed else v for v in query.getlist(key)])
                    query.pop("after", None)
                    links.append((str(candidate), f"{base_url}?{query.urlencode()}"))
                found.append(Ambiguity(key, typed, links))
    return found
