"""The timeline app's one table: the record's version, which public pages cache under."""

from django.db import models


class RecordVersion(models.Model):
    """One row (id 1) whose number goes up after each committed change to the record; see
    ``timeline.record_version``."""

    number = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"record version {self.number}"
