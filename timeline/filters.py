"""The query-string filters every list of the record shares (timeline, charts, exports).

Parameter names are a public contract: URLs get pasted into reports and mail, and the charts
reuse ``ContactFilter``. Keep them stable:

    person=<slug>     repeatable, any of them took part
    country=<IL|id>   repeatable, ISO alpha-2 code or database id; a participant spoke for it
    pair=<a>,<b>      two people's slugs, both took part
    kind=<kind>       repeatable, Contact.Kind values
    topic=<slug>
    status=confirmed  (default) | proposed | rejected | any
    start, end        ISO dates, inclusive, between FIRST_DAY and LAST_DAY; end not before start
    publisher=<name>  reported by an article of that publisher (exact name)
    q=<text>          free text over summaries (and, for contacts, the quotes tied to them)

An invalid value (unknown slug, malformed or out-of-bounds date, an over-long id, more than
MAX_VALUES of one key) gives no rows and the form's errors, never the unfiltered record: an analyst
must not mistake "everything" for an answer.
"""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db.models import Q, Sum

from tracker.models import Contact, Country, PairMonthCount, Person, ReviewStatus, Statement, Topic

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


# Bounds of every date and year a public URL accepts: wide enough for any record of leaders, narrow
# enough that month arithmetic on them cannot leave the calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2100, 12, 31)
MAX_VALUES = 20  # repeated values of one key (people, countries, kinds, compared pairs)
MAX_ID = 2**31 - 1  # database ids are 32-bit integers on every backend we run


def values_capped(values: list, limit: int = MAX_VALUES) -> list:
    """The values of a repeatable parameter, refused when there are more than ``limit``."""
    if len(values) > limit:
        raise ValidationError(f"At most {limit} values, not {len(values)}.", code="too_many")
    for value in values:
        ProhibitNullCharactersValidator()(value)
    return values


class BoundedDateField(forms.DateField):
    """An ISO date between FIRST_DAY and LAST_DAY."""

    default_validators = [MinValueValidator(FIRST_DAY), MaxValueValidator(LAST_DAY)]


def date_range_checked(cleaned: dict) -> dict:
    """A range that ends before it starts is an error on the ``end`` field."""
    start, end = cleaned.get("start"), cleaned.get("end")
    if start and end and end < start:
        raise ValidationError({"end": "The range ends before it starts: choose an end on or after the start."})
    return cleaned


class DateRangeForm(forms.Form):
    def clean(self):
        return date_range_checked(super().clean())


class CappedMultipleChoiceField(forms.MultipleChoiceField):
    def clean(self, value):
        return super().clean(values_capped(list(value or [])))


class SlugsField(forms.ModelMultipleChoiceField):
    """Several people by slug; empty values (an untouched autocomplete box) are ignored."""

    widget = forms.SelectMultiple

    def clean(self, value):
        value = values_capped([v.strip() for v in (value or []) if v and v.strip()])
        return super().clean(value)


class CountriesField(forms.ModelMultipleChoiceField):
    """Countries by ISO alpha-2 code (case-insensitive) or database id; organisations have no code."""

    def prepare_value(self, value):
        if isinstance(value, Country):
            return value.iso_alpha2 or str(value.pk)
        if isinstance(value, list | tuple):
            return [self.prepare_value(v) for v in value]
        return value

    def _check_values(self, value):
        value = values_capped([str(v).strip() for v in value if str(v).strip()])
        # An id beyond the database's integers is no country (and must not reach the query).
        ids = {v for v in value if v.isascii() and v.isdigit() and len(v) <= 10 and int(v) <= MAX_ID}
        codes = {v.upper() for v in value if not v.isdigit() and len(v) == 2}
        found = list(self.queryset.filter(Q(pk__in=ids) | Q(iso_alpha2__in=codes)))
        known = {str(c.pk) for c in found} | {c.iso_alpha2 for c in found if c.iso_alpha2}
        unknown = [v for v in value if v not in known and v.upper() not in known]
        if unknown:
            raise ValidationError(f"Unknown country: {', '.join(unknown)}.", code="invalid_choice")
        return found

    def clean(self, value):
        if not value or not any(str(v).strip() for v in value):
            return self.queryset.none()
        return self._check_values(value)


class PairField(forms.CharField):
    """Two people as ``slug-a,slug-b``; cleans to the two Person objects (one query) among ``people``."""

    def __init__(self, *args, people=None, **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        slugs = [s.strip() for s in value.split(",", 2) if s.strip()]
        if len(slugs) != 2 or slugs[0] == slugs[1]:
            raise ValidationError("A pair is two different people: slug-a,slug-b.", code="invalid")
        people = {
            p.slug: p for p in (self.people if self.people is not None else Person.objects.all()).filter(slug__in=slugs)
        }
        missing = [s for s in slugs if s not in people]
        if missing:
            raise ValidationError(f"Unknown person: {', '.join(missing)}.", code="invalid_choice")
        return (people[slugs[0]], people[slugs[1]])


class PairFilter(django_filters.Filter):
    field_class = PairField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__({"min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat(), **(attrs or {})}, format)


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
    person.field_class = SlugsField
    country = django_filters.ModelMultipleChoiceFilter(
        label="Countries", queryset=Country.objects.all(), method="filter_country"
    )
    country.field_class = CountriesField
    pair = PairFilter(label="Pair", method="filter_pair", help_text="Two people: slug-a,slug-b")
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

    def __init__(self, data=None, *args, **kwargs):
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
        return queryset.matching(value) if value else queryset

    def filter_publisher(self, queryset, name, value):
        return queryset.reported_by(value) if value else queryset

    def without(self, *keys: str) -> RecordFilter:
        """The same filter (same class, base queryset and viewer) with ``keys`` dropped from the
        query string: what a page counts beside its selection (a date slider's whole extent) must
        follow the viewer's rule and the rest of the query string exactly as the page does."""
        data = self.data.copy()
        for key in keys:
            data.pop(key, None)
        return type(self)(data, queryset=self.queryset, request=self.request)

    def alongside(self, other: type[RecordFilter], queryset) -> RecordFilter:
        """A filter of the other record (contacts beside statements) over the same query string
        and for the same viewer."""
        return other(self.data, queryset=queryset, request=self.request)

    def chosen_pair(self) -> tuple[Person, Person] | None:
        """The two people of a valid ``pair`` filter, else None."""
        if self.form.is_valid():
            return self.form.cleaned_data.get("pair")
        return None

    def is_filtered(self) -> bool:
        """True when anything beyond the default status narrows the rows."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(v for k, v in data.items() if k != "status") or data.get("status") != ReviewStatus.CONFIRMED


class ContactFilter(RecordFilter):
    kind = CappedMultipleChoiceFilter(
        label="Kind", choices=Contact.Kind.choices, method="filter_kind", widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Contact
        fields = ["person", "country", "pair", "kind", "topic", "publisher", "status", "start", "end", "q"]
        form = DateRangeForm

    def filter_pair(self, queryset, name, value):
        return queryset.involving_all(*value) if value else queryset

    def pair_count_from_tallies(self) -> int | None:
        """The exact number of matching contacts read from ``PairMonthCount`` (one index look-up)
        when only a pair, a status and kinds are chosen; None when another filter narrows it."""
        if not self.form.is_valid():
            return None
        data = self.form.cleaned_data
        if not data.get("pair") or any(
            data.get(key) for key in ("person", "country", "topic", "publisher", "start", "end", "q")
        ):
            return None
        low, high = sorted(p.pk for p in data["pair"])
        tallies = PairMonthCount.objects.filter(person_a_id=low, person_b_id=high)
        status = data.get("status") or ReviewStatus.CONFIRMED
        if status != STATUS_ANY:
            tallies = tallies.filter(status=status)
        if data.get("kind"):
            tallies = tallies.filter(kind__in=data["kind"])
        return tallies.aggregate(n=Sum("contacts"))["n"] or 0

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
        fields = ["person", "country", "pair", "kind", "topic", "publisher", "status", "start", "end", "q"]
        form = DateRangeForm

    def filter_person(self, queryset, name, value):
        return queryset.by_any(value) if value else queryset

    def filter_pair(self, queryset, name, value):
        return queryset.between_pair(*value) if value else queryset

    def filter_kind(self, queryset, name, value):
        return queryset.filter(contact__kind__in=value) if value else queryset
