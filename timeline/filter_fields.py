"""The form fields the record's filters are made of: dates within the calendar's bounds,
repeatable values with a cap, and the pickers that read a person, a country or a pair by slug, code
or typed name (``timeline.filters`` builds its forms from them; chart options reuse them)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, ProhibitNullCharactersValidator
from django.db.models import Q

from tracker.models import Country, Person
from tracker.rules import FIRST_DAY, LAST_DAY

MAX_VALUES = 20  # repeated values of one key (people, countries, kinds, compared pairs)
MAX_ID = 2**31 - 1  # database ids are 32-bit integers on every backend we run
MAX_NAME = 200  # characters of one typed name (the longest a person's or country's name may be)


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


def _typed_names(values) -> list[str]:
    """The non-empty values of a picker, capped in number and length."""
    typed = values_capped([str(v).strip() for v in (values or []) if v and str(v).strip()])
    too_long = [t for t in typed if len(t) > MAX_NAME]
    if too_long:
        raise ValidationError(f"A name is at most {MAX_NAME} characters.", code="too_long")
    return typed


def _picked(texts: list[str], pick, what: str) -> list:
    """What each typed text means (``pick(text) -> candidates``), in order and without repeats;
    an unknown text is an ``invalid_choice`` error, one that means several an ``ambiguous`` one
    whose ``params`` carry the typed text and the candidates (for ``ambiguities``)."""
    chosen, errors = [], []
    for text in texts:
        found = pick(text)
        if not found:
            errors.append(ValidationError(f"Unknown {what}: %(typed)s.", code="invalid_choice", params={"typed": text}))
        elif len(found) > 1:
            errors.append(
                ValidationError(
                    f"“%(typed)s” could mean more than one {what}: choose one.",
                    code="ambiguous",
                    params={"typed": text, "candidates": found},
                )
            )
        elif found[0] not in chosen:
            chosen.append(found[0])
    if errors:
        raise ValidationError(errors)
    return chosen


class PeopleField(forms.ModelMultipleChoiceField):
    """Several people, each by slug or by a typed name or alias (``Person.objects.picked_by``);
    empty values (an untouched box) are ignored. Cleans to a list of people, in the given order."""

    widget = forms.SelectMultiple

    def clean(self, value):
        return _picked(_typed_names(value), self.queryset.picked_by, "person")


class CountriesField(forms.ModelMultipleChoiceField):
    """Countries by ISO alpha-2 code (case-insensitive) or database id; organisations have no code."""

    def prepare_value(self, value):
        if isinstance(value, Country):
            return value.iso_alpha2 or str(value.pk)
        if isinstance(value, list | tuple):
            return [self.prepare_value(v) for v in value]
        return value

    def _check_values(self, value):
        value = _typed_names(value)
        # An id beyond the database's integers is no country (and must not reach the query).
        ids = {v for v in value if v.isascii() and v.isdigit() and len(v) <= 10 and int(v) <= MAX_ID}
        codes = {v.upper() for v in value if not v.isdigit() and len(v) == 2}
        found = list(self.queryset.filter(Q(pk__in=ids) | Q(iso_alpha2__in=codes)))
        by_key = {str(c.pk): c for c in found} | {c.iso_alpha2: c for c in found if c.iso_alpha2}

        def pick(text: str) -> list[Country]:
            known = by_key.get(text) or by_key.get(text.upper())
            if known is not None:
                return [known]
            return [] if text.isdigit() else self.queryset.picked_by(text)

        return _picked(value, pick, "country")

    def clean(self, value):
        if not value or not any(str(v).strip() for v in value):
            return []
        return self._check_values(value)


class PairField(forms.CharField):
    """Two people as ``a,b``, each a slug or a typed name or alias; cleans to the two Person objects
    among ``people`` (one query when both are slugs)."""

    def __init__(self, *args, people=None, **kwargs):
        self.people = people
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        texts = [s.strip() for s in value.split(",", 2) if s.strip()]
        if len(texts) != 2 or texts[0] == texts[1] or any(len(t) > MAX_NAME for t in texts):
            raise ValidationError("A pair is two different people: two names, comma-separated.", code="invalid")
        people = self.people if self.people is not None else Person.objects.all()
        by_slug = {p.slug: p for p in people.filter(slug__in=texts)}
        chosen = _picked(texts, lambda t: [by_slug[t]] if t in by_slug else people.picked_by(t), "person")
        if len(chosen) != 2:
            raise ValidationError("A pair is two different people: these names are one person.", code="invalid")
        return (chosen[0], chosen[1])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__({"min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat(), **(attrs or {})}, format)


def country_value(country: Country) -> str:
    return country.iso_alpha2 or str(country.pk)
