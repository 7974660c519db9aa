"""Cache-Control: no-store on every restricted page and download: each route of the workspace,
the portals, the accounts pages and the tracking pages, whatever its answer. A route added to
those URL files is enumerated here without anyone listing it."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from secretariat.accounts import urls as account_urls
from secretariat.portals import urls as portal_urls
from secretariat.public import filing_urls
from secretariat.workspace import urls as workspace_urls
from submissions.storage import DocumentInput
from tests.helpers_cases import drive
from tests.portals.conftest import stored_pdf

pytestmark = pytest.mark.django_db


def _patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


def _kwargs(pattern, case, document, membership):
    values = {
        "pk": case.pk,
        "document_pk": document.pk,
        "seq": case.event_count,
        "kind": "correspondence",
        "membership_pk": membership.pk,
        "uidb64": "MQ",
        "token": membership.tracking_token,
    }
    return {name: values[name] for name in pattern.pattern.converters}


def test_every_restricted_route_answers_no_store(officer, a_focal, a_council):
    story = drive("awaiting_response")
    story.add(
        "correspondence",
        visibility="secretariat",
        documents_in=[DocumentInput("Nota", "es", stored_pdf(), "secretariat")],
    )
    case = story.case
    document = case.documents.get(visibility="secretariat")
    membership = case.memberships.first()
    staff, focal, council, submitter = Client(), Client(), Client(), Client()
    staff.force_login(officer)
    focal.force_login(a_focal)
    council.force_login(a_council)
    groups = [
        (workspace_urls.urlpatterns, [staff, focal, Client()]),
        (account_urls.urlpatterns, [staff, focal, Client()]),
        (portal_urls.urlpatterns, [focal, council, staff, Client()]),
        (
            [p for p in filing_urls.urlpatterns if str(p.name).startswith("track")],
            [submitter, Client()],
        ),
    ]
    checked = []
    for patterns, clients in groups:
        for pattern in _patterns(patterns):
            url = reverse(pattern.name, kwargs=_kwargs(pattern, case, document, membership))
            for client in clients:
                for method in ("get", "post"):
                    response = getattr(client, method)(url)
                    assert "no-store" in response.get("Cache-Control", ""), (url, method)
                    checked.append(url)
    assert len(set(checked)) >= 40
    assert reverse("ws_download", kwargs={"pk": case.pk, "document_pk": document.pk}) in checked
    # The tracking page reached through its link, and the second-factor pages.
    page = submitter.get(f"/en/track/{membership.tracking_token}/", follow=True)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "no-store" in staff.get(reverse("otp_verify"))["Cache-Control"]


def test_a_restricted_download_is_no_store_and_a_public_one_is_not(client, officer):
    story = drive("awaiting_response")
    story.add(
        "correspondence",
        visibility="secretariat",
        documents_in=[DocumentInput("Nota", "es", stored_pdf(), "secretariat")],
    )
    story.add(
        "correspondence",
        visibility="public",
        documents_in=[DocumentInput("Carta", "es", stored_pdf(), "public")],
    )
    case = story.case
    client.force_login(officer)
    restricted = case.documents.get(visibility="secretariat")
    response = client.get(
        reverse("ws_download", kwargs={"pk": case.pk, "document_pk": restricted.pk})
    )
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    public = case.documents.get(title="Carta")
    client.logout()
    response = client.get(reverse("document_download", kwargs={"slug": case.slug, "pk": public.pk}))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
