"""Every view or download of restricted material by a signed-in person is logged (who, what,
when) and shown to auditors on the case's audit page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from submissions.models import AccessLogEntry, Document
from submissions.storage import DocumentInput
from tests.helpers_cases import drive
from tests.parties import SLUG
from tests.portals.conftest import stored_pdf

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2024, 2, 5, 15, 30, tzinfo=datetime.UTC)
# That moment at the seat: 10:30 in Washington and Montréal (UTC-5 in February), 9:30 in
# Guatemala City (UTC-6, no summer time).
AT_SEAT = {
    "us-peru-tpa": ("2024-02-05T10:30:00-05:00", "5 February 2024, 10:30:00 UTC-0500"),
    "usmca-cec": ("2024-02-05T10:30:00-05:00", "5 February 2024, 10:30:00 UTC-0500"),
    "cafta-dr": ("2024-02-05T09:30:00-06:00", "5 February 2024, 09:30:00 UTC-0600"),
}[SLUG]


@pytest.fixture
def case():
    story = drive("response_decision")
    story.add(
        "information_added",
        author="submitter",
        visibility="party_concerned",
        documents_in=[
            DocumentInput("Anexo confidencial", "es", stored_pdf(), "party_concerned", "annex")
        ],
    )
    story.add(
        "correspondence",
        visibility="public",
        documents_in=[DocumentInput("Public letter", "en", stored_pdf("public.pdf"), "public")],
    )
    story.add("response_decided", data={"outcome": "request"})
    return story.case


def _doc(case, visibility):
    return Document.objects.get(submission=case, visibility=visibility)


def test_a_restricted_download_by_an_officer_is_logged_and_shown_to_the_auditor(
    case, officer, auditor, client
):
    annex = _doc(case, "party_concerned")
    url = reverse("ws_download", kwargs={"pk": case.pk, "document_pk": annex.pk})
    client.force_login(officer)
    with time_machine.travel(AT, tick=False):
        assert client.get(url).status_code == 200

    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.submission, entry.document, entry.what, entry.path, entry.at) == (
        officer,
        case,
        annex,
        "download",
        url,
        AT,
    )

    client.force_login(auditor)
    page = client.get(reverse("ws_audit", kwargs={"pk": case.pk})).content.decode()
    section = page.split('id="access-heading"')[1].split("</section>")[0]
    row = (
        f'<td data-label="When"><time datetime="{AT_SEAT[0]}">'
        f"{AT_SEAT[1]}</time></td>"
        f'<td data-label="Who">{officer.username}</td>\n'
        '        <td data-label="What">downloaded</td>\n'
        '        <td data-label="Document or page"><span lang="es">Anexo confidencial</span></td>'
    )
    assert row in section
    # Opening the audit page is itself recorded, and listed first (newest first).
    assert section.index(f'<td data-label="Who">{auditor.username}</td>') < section.index(row)
    assert list(AccessLogEntry.objects.values_list("user__username", "what")) == [
        (auditor.username, "view"),
        (officer.username, "download"),
    ]


def test_a_public_document_and_an_anonymous_visitor_are_not_logged(case, officer, client):
    letter = _doc(case, "public")
    client.force_login(officer)
    url = reverse("ws_download", kwargs={"pk": case.pk, "document_pk": letter.pk})
    assert client.get(url).status_code == 200
    client.logout()
    docket = reverse("document_download", kwargs={"slug": case.slug, "pk": letter.pk})
    assert client.get(docket).status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_case_pages_and_portal_downloads_are_logged(case, officer, a_focal, client):
    client.force_login(officer)
    assert client.get(reverse("ws_case", kwargs={"pk": case.pk})).status_code == 200
    client.force_login(a_focal)
    assert client.get(reverse("party_case", kwargs={"pk": case.pk})).status_code == 200
    annex = _doc(case, "party_concerned")
    url = reverse("party_document", kwargs={"pk": case.pk, "document_pk": annex.pk})
    assert client.get(url).status_code == 200
    assert list(
        AccessLogEntry.objects.order_by("id").values_list("user__username", "what", "document")
    ) == [
        (officer.username, "view", None),
        (a_focal.username, "view", None),
        (a_focal.username, "download", annex.pk),
    ]


def test_a_refused_download_is_not_logged(case, b_focal, client):
    annex = _doc(case, "party_concerned")
    client.force_login(b_focal)
    url = reverse("party_document", kwargs={"pk": case.pk, "document_pk": annex.pk})
    assert client.get(url).status_code in (403, 404)
    assert not AccessLogEntry.objects.exists()
