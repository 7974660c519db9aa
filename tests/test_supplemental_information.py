"""Supplemental information from the Party concerned after its response (issue #18), a step a
profile adds (``profiles.SUPPLEMENTAL_INFORMATION``). The CEC's registry: on SEM-04-005 the
United States sent "supplemental information" on 30 September 2005, five months after its
response, with updates on proceedings. The step moves no stage and no deadline; the Party
sends it through its portal, or the Secretariat records its letter. The TPA and CAFTA-DR have
no such step: the tests that are not about a profile's own value add it to the installed
profile."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from notices.models import Notice
from submissions import profiles
from submissions.models import Submission
from tests.helpers_cases import drive, frozen
from tests.parties import SLUG, A, with_steps
from tests.portals.conftest import pdf
from workflow.exceptions import WorkflowError
from workflow.models import Deadline, Event
from workflow.registry.exporter import export_registry
from workflow.registry.importer import import_registry

pytestmark = pytest.mark.django_db

D = datetime.date
SUPPLEMENTS = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]


@pytest.fixture
def supplement(monkeypatch):
    """The installed profile with the Party's supplemental information among its steps."""
    with_steps(monkeypatch, profiles.SUPPLEMENTAL_INFORMATION)


def _deadlines(case):
    return sorted(Deadline.objects.filter(submission=case).values_list("kind", "state", "due_on"))


def test_only_the_cec_takes_supplemental_information():
    story = drive("factual_record_decision")
    if SUPPLEMENTS:
        story.add("party_information_added", author=f"party:{A}", note="Actualización.")
        assert story.case.events.filter(kind="party_information_added").exists()
    else:
        with pytest.raises(WorkflowError):
            story.add("party_information_added", author=f"party:{A}", note="Actualización.")


def test_after_the_response_by_the_party_concerned_moving_nothing(supplement):
    waiting = drive("awaiting_response")
    with pytest.raises(WorkflowError, match="cannot be recorded while the case is in"):
        waiting.add("party_information_added", author=f"party:{A}")
    # The response never came: the Council was notified once its period was over.
    waiting.add("factual_record_notified", D(2023, 12, 1), data={"outcome": "warranted"})
    with pytest.raises(WorkflowError, match="after its response"):
        waiting.add("party_information_added", author=f"party:{A}")
    story = drive("factual_record_decision")
    before = (story.case.stage, _deadlines(story.case))
    story.add("party_information_added", author=f"party:{A}", note="Proceedings updated.")
    assert (story.case.stage, _deadlines(story.case)) == before
    with pytest.raises(WorkflowError, match="Only the Party concerned"):
        story.add("party_information_added", author="secretariat")


def test_the_party_sends_it_through_its_portal_and_the_secretariat_publishes_it(
    supplement, a_focal, b_focal, officer
):
    story = drive("factual_record_decision")
    case = story.case
    client = Client()
    client.force_login(a_focal)
    url = reverse("party_supplement", kwargs={"pk": case.pk})
    with frozen(D(2023, 7, 1)):
        page = client.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
        assert f'href="{url}"' in page and "Send supplemental information" in page
        refused = client.post(url, {"event_count": case.event_count})  # nothing filled in
        assert refused.status_code == 200 and "This field is required." in refused.content.decode()
        response = client.post(
            url,
            {
                "event_count": case.event_count,
                "language": "en",
                "document_title": "Supplemental information of the Party",
                "document": pdf("supplement.pdf"),
                "summary": "Updates on the proceedings before the Federal Court.",
                "make_public": "on",
                "attachments-TOTAL_FORMS": "0",
                "attachments-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    event = Event.objects.get(submission=case, kind="party_information_added")
    # Sent for the public, it waits at *parties* for the Secretariat (PROCESS.md, Visibility).
    assert (event.author, event.visibility, event.data.get("publish_requested")) == (
        f"party:{A}",
        "parties",
        True,
    )
    assert event.note == "Updates on the proceedings before the Federal Court."
    assert Notice.objects.filter(
        event=event, message="supplement_to_staff", recipient_email=officer.email
    ).exists()
    docket = Client().get(f"/en/docket/{case.slug}/").content.decode()
    assert "Federal Court" not in docket
    # Another Party is not offered it: the information is the Party concerned's.
    other = Client()
    other.force_login(b_focal)
    with frozen(D(2023, 7, 1)):
        page = other.get(reverse("party_case", kwargs={"pk": case.pk})).content.decode()
    assert "Send supplemental information" not in page


def test_the_secretariat_records_the_partys_letter_and_it_survives_export_and_import(
    supplement, officer
):
    story = drive("factual_record_decision")
    story.add(
        "party_information_added",
        author=f"party:{A}",
        note="Supplemental information received by post.",
        visibility="public",
    )
    page = Client().get(f"/en/docket/{story.case.slug}/").content.decode()
    assert "Supplemental information from the Party" in page
    assert "Supplemental information received by post." in page
    payload = json.loads(export_registry(restricted=True))
    steps = payload["submissions"][0]["events"]
    assert (steps[-1]["kind"], steps[-1]["author"]) == ("party_information_added", f"party:{A}")
    Submission.objects.all().delete()
    report = import_registry(payload)
    assert report.ok, report.refused
    imported = Submission.objects.get(identifier=story.case.identifier)
    assert imported.events.filter(kind="party_information_added").count() == 1
