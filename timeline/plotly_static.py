"""Serve plotly.js straight from the installed ``plotly`` Python package.

Why not a copy in static/vendor/: the file is 4.8 MB, and plotly.py validates the figures we
build against the plotly.js version it ships, so the browser bundle must be that exact version.
Reading it from the package keeps the two in step through one pin in requirements.txt, keeps
the blob out of git, and needs no npm. ``collectstatic`` copies it (as
``vendor/plotly/plotly.min.js``) like any other static file; in DEBUG whitenoise finds it here.

Why the full bundle rather than a smaller official one: the charts use bar, scatter and heatmap
traces; heatmap is not in plotly.js-basic, and the cartesian bundle is an npm download that
would have to be kept in step with plotly.py by hand. Whitenoise serves the file compressed
and, with hashed names, cached for good.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PACKAGE_DATA = Path(plotly.__file__).resolve().parent / "package_data"
PREFIX = "vendor/plotly"
FILE_NAME = "plotly.min.js"
STATIC_PATH = f"{PREFIX}/{FILE_NAME}"


class PlotlyPackageFinder(BaseFinder):
    """Finds exactly one file, ``vendor/plotly/plotly.min.js``, inside the plotly package."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=PACKAGE_DATA)
        # collectstatic puts files from a storage with a prefix under that prefix.
        self.storage.prefix = PREFIX

    def check(self, **kwargs):
        from django.core.checks import Error

        if not (PACKAGE_DATA / FILE_NAME).is_file():
            return [Error(f"plotly.js is missing from the plotly package ({PACKAGE_DATA / FILE_NAME}).")]
        return []

    def find(self, path, find_all=False, **kwargs):
        match = str(PACKAGE_DATA / FILE_NAME) if path == STATIC_PATH else None
        if find_all:
            return [match] if match else []
        return match

    def list(self, ignore_patterns):
        yield FILE_NAME, self.storage
