"""The browser fixtures of tests/browser, for the journeys here that run in a real browser
under a profile (they skip, with the reason shown, where Chromium is absent)."""

import os
import shutil

import pytest

from tests.browser.conftest import CHROMIUM, browser, page  # noqa: F401 - fixtures


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    if os.path.exists(CHROMIUM) or shutil.which("chromium"):
        return
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if str(item.fspath).startswith(here) and "browser" in item.keywords:
            item.add_marker(skip)
