"""Acceptance 1: a crawler starting from every public entry point follows every link and
download and never meets the withheld name or the confidential document; an officer does see
the name in the workspace (so the test would notice a name that was simply never stored)."""

import contextlib
import hashlib
import json
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import NoReverseMatch, reverse

from submissions.models import Document
from tests.docket.conftest import SECRET_DOCUMENT, SECRET_NAME, SECRET_SLUG
from tests.helpers_cases import strings_in
from tests.parties import PROFILE, SLUG

pytestmark = pytest.mark.django_db

STARTS = [
    "/en/",
    "/es/",
    "/sitemap.xml",
    "/api/v1/submissions/",
    "/api/v1/openapi.json",
    "/en/docket/export.csv",
    "/es/docket/export.csv",
    # Searching for the withheld person finds nothing anywhere.
    "/en/docket/?q=Zuleima",
    "/api/v1/submissions/?q=Zuleima",
    "/en/docket/export.csv?q=Zuleima",
]
FEEDS = [("docket_feed", "en"), ("docket_feed", "es")]
SKIP = ("/admin/", "/i18n/", "/static/", "/accounts/", "/secretariat/")
LINK = re.compile(rb"""(?:href|src)=["']([^"'#]+)""")
LOC = re.compile(rb"<loc>([^<]+)</loc>")
ABSOLUTE = re.compile(rb"https?://testserver[^\s\"'<>,;]*")
LIMIT = 600


def _links(url: str, response) -> set[str]:
    body = response.content
    found = {m.decode() for m in LINK.findall(body)}
    found |= {m.decode() for m in LOC.findall(body)}
    found |= {m.decode() for m in ABSOLUTE.findall(body)}
    if response["Content-Type"].startswith("application/json"):
        found |= {s for s in strings_in(json.loads(body)) if s.startswith(("/", "http"))}
    urls = set()
    for link in found:
        absolute = urljoin(f"http://testserver{url}", link.replace("&amp;", "&"))
        parts = urlsplit(absolute)
        bare = re.sub(rf"^/({'|'.join(PROFILE.languages)})/", "/", parts.path)
        if parts.netloc not in ("testserver", "") or bare.startswith(SKIP):
            continue
        urls.add((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
    return urls


def _starts():
    starts = list(STARTS)
    for name, language in FEEDS:
        from django.utils import translation

        # The feeds are the notices' issue: included once they resolve.
        with translation.override(language), contextlib.suppress(NoReverseMatch):
            starts.append(reverse(name))
    return starts


def test_crawl_never_meets_the_withheld_name_or_confidential_document(
    client, saca, secret_case, officer
):
    secret = Document.objects.get(title=SECRET_DOCUMENT)
    secret_bytes = secret.file.open("rb").read()
    secret.file.close()
    needles = [SECRET_NAME.encode(), SECRET_DOCUMENT.encode(), secret_bytes]
    needles += [json.dumps(SECRET_NAME).encode(), secret.sha256.encode()]

    seen: set[str] = set()
    queue = deque(_starts())
    downloads, kinds = [], set()
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 302, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        for needle in needles:
            assert needle not in body, (url, needle[:40])
        kinds.add(response["Content-Type"].split(";")[0])
        if response.get("Content-Disposition", "").startswith("attachment") and response.streaming:
            downloads.append(hashlib.sha256(body).hexdigest())
            continue
        if not response.streaming:
            queue.extend(_links(url, response) - seen)

    assert not queue, "the crawl stopped at its limit before it had followed every link"
    # The crawl went everywhere it should: the case page in both languages, both public
    # language versions of the public document, and every kind of surface.
    assert client.get("/api/v1/submissions/?q=Zuleima").json()["count"] == 0
    assert f"/en/docket/{SECRET_SLUG}/" in seen
    assert f"/es/docket/{SECRET_SLUG}/" in seen
    assert f"/api/v1/submissions/{SECRET_SLUG}/" in seen
    # 2 public files x 2 languages of the page (the CEC's 3, with French).
    assert len(downloads) == {"us-peru-tpa": 4, "usmca-cec": 6, "cafta-dr": 4}[SLUG]
    assert secret.sha256 not in downloads
    assert {"text/html", "application/json", "text/csv", "application/xml"} <= kinds
    if len(_starts()) > len(STARTS):
        assert "application/atom+xml" in kinds

    # Signed in as an officer, the workspace shows the name: the test would catch a name
    # that was never stored rather than one that was withheld.
    client.force_login(officer)
    try:
        workspace = reverse("ws_case", args=[secret_case.pk])
    except NoReverseMatch:
        from submissions import access

        assert access.shows_identity(officer, secret_case)
        return
    page = client.get(workspace)
    assert page.status_code == 200
    assert SECRET_NAME in page.content.decode()
