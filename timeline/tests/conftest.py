"""The timeline's tests share the tracker's fixtures and factories (``tracker.tests.factories``)."""

from timeline.tests.test_browser import browser_page
from tracker.tests.conftest import editor_client, editor_request, norvania, people, plain_static_files

__all__ = ["browser_page", "editor_client", "editor_request", "norvania", "people", "plain_static_files"]
