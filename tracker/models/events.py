"""Named events that gap claims count from ("the first call since the harbour bombing"): an editable
table, like topics, so that a claim naming an event the article does not date can still be checked."""

from __future__ import annotations

import re

from django.db import models

from tracker.models.base import lines, save_with_unique_slug


class AnchorPrecision(models.TextChoices):
    DAY = "day", "Day"
    WEEK = "week", "Week (Monday to Sunday)"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


class EventQuerySet(models.QuerySet):
    def named_in(self, words: str) -> Event | None:
        """The event whose name or an alias the words name (whole words, any case), the longest
        name winning ("the start of the war" over "the war"); None when no event fits. Reads the
        whole table: it holds a handful of editor-entered rows."""
        text = " ".join((words or "").split()).casefold()
        best: tuple[int, Event] | None = None
        for event in self:
            for name in event.name_list:
                key = " ".join(name.split()).casefold()
                if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) and (best is None or len(key) > best[0]):
                    best = (len(key), event)
        return best[1] if best else None


class Event(models.Model):
    name = models.CharField(max_length=200, unique=True, help_text="As articles usually name it.")
    slug = models.SlugField(max_length=200, unique=True)
    date = models.DateField(help_text="When it happened (its first day).")
    precision = models.CharField(
        max_length=5,
        choices=AnchorPrecision.choices,
        default=AnchorPrecision.DAY,
        help_text="How exactly the date is known: 'since 2019' counts from the whole year.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names of the event in articles, one per line; matched case-insensitively as whole words "
        "in a claim's anchor ('since the harbour bombing').",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.date.isoformat()})"

    def save(self, *args, **kwargs):
        if self.slug:
            super().save(*args, **kwargs)
        else:
            save_with_unique_slug(self, self.name, lambda: super(Event, self).save(*args, **kwargs))

    @property
    def name_list(self) -> list[str]:
        return [self.name, *lines(self.aliases)]
