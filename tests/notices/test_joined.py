"""Walk 120: a person who joined a submission (an adhesion) could be given no email in the
workspace, so no private link to follow the case. The form takes one; the link goes to them
alone, and opens their own page."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from submissions.models import SubmissionSubmitter
from tests.helpers_cases import drive
from tests.parties import A

pytestmark = pytest.mark.django_db


def test_the_person_who_joined_is_sent_their_own_link(
    client, officer, settings, django_capture_on_commit_callbacks
):
    settings.SEM_FOUR_EYES = False
    case = drive("awaiting_response").case
    filer = case.memberships.get(position=0).submitter
    filer.email = "filer@example.org"
    filer.save()
    client.force_login(officer)
    prefix = "submitters_joined-"
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "submitters_joined"}),
            {
                "event_count": case.event_count,
                prefix + "name": "Lucía Mendoza Torres",
                prefix + "person_kind": "individual",
                prefix + "country": A,
                prefix + "confidential": "on",
                prefix + "email": "lucia@example.org",
                prefix + "preferred_language": "es",
            },
        )
    assert posted.status_code == 302, posted.content.decode()[:3000]
    joined = SubmissionSubmitter.objects.get(submission=case, submitter__name__startswith="Lucía")
    assert joined.submitter.email == "lucia@example.org"
    assert [m.to for m in mail.outbox] == [["lucia@example.org"]]  # not the filer
    (message,) = mail.outbox
    # In the language chosen for her (walk 124: English on a Spanish case).
    assert "se ha adherido a la" in message.subject
    link = re.search(r"http://\S+(/es/track/[\w-]+/)", message.body).group(1)
    assert link.endswith(f"/{joined.tracking_token}/")
    page = Client().get(link, follow=True).content.decode()
    assert "Lucía Mendoza Torres" in page and "(usted)" in page
    # Her own joining names her (walk 124: the withheld label, on her own page).
    assert re.search(r"Se adhiere\s*:\s*Lucía Mendoza Torres", page)
    # And the Secretariat is not told that the public reads a withheld name: it reads the
    # label (walk 124).
    staff = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    assert 'id="entries-with-parts"' not in staff
    public = Client().get(f"/es/docket/{case.slug}/").content.decode()
    assert "Lucía" not in public and "lucia@example.org" not in public


def test_the_form_offers_the_cases_language_for_the_persons_messages(client, officer):
    case = drive("awaiting_response").case
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page.split('id="id_submitters_joined-preferred_language"', 1)[1].split("</select>")[0]
    assert f'value="{case.language}" selected' in form
