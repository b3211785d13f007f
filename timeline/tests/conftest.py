"""The timeline's tests share the tracker's fixtures and factories (``tracker.tests.factories``)."""

from tracker.tests.conftest import norvania, people, plain_static_files

__all__ = ["norvania", "people", "plain_static_files"]
