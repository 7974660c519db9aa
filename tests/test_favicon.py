"""Every page names an icon the site serves (the walk found /favicon.ico answered 404 on every
page view)."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_every_page_links_an_icon_that_exists(client):
    page = client.get("/es/").content.decode()
    link = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert link is not None
    name = link.group(1).split("/static/", 1)[1]
    path = finders.find(name)
    assert path is not None
    with open(path, encoding="utf-8") as icon:
        assert icon.read().startswith("<svg")
