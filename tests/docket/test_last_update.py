"""Walk 45: the docket's "last update" gave the date of a determination still proposed to the
Executive Director, which only the Secretariat could see: the public learnt that something
had happened and found nothing new. It is now the date of the last event that changed what the
public sees (``Submission.last_public_on``), on the page, in the list, its CSV, the API and the
"last updated" order."""

import csv
import importlib
import io
import json

import pytest
from django.apps import apps
from django.test import Client

from tests.helpers_cases import D, drive, frozen
from tests.parties import A
from workflow import services

pytestmark = pytest.mark.django_db

ACKNOWLEDGED = D(2023, 3, 13)  # the drive's public acknowledgement


def _public_dates(case) -> dict:
    client = Client()
    rows = list(
        csv.DictReader(io.StringIO(client.get("/en/docket/export.csv").content.decode("utf-8-sig")))
    )
    api = json.loads(client.get(f"/api/v1/submissions/{case.slug}/").content)
    return {
        "page": "13 March 2023" in client.get(f"/en/docket/{case.slug}/").content.decode(),
        "csv": {row.get("last_update") for row in rows},
        "api": api["last_update"],
    }


def test_a_proposal_seen_only_by_the_secretariat_does_not_update_the_docket(officer, settings):
    other = drive("admissibility_review").case
    case = drive("admissibility_review").case  # the later: first of equals in either order
    settings.SEM_FOUR_EYES = False
    with frozen(D(2023, 4, 3)):  # takes effect at once
        services.record_event(
            other, "admissibility_determined", actor=officer, data={"outcome": "does_not_meet"}
        )
    settings.SEM_FOUR_EYES = True
    with frozen(D(2023, 4, 20)):
        proposal = services.record_event(
            case, "admissibility_determined", actor=officer, data={"outcome": "does_not_meet"}
        )
    assert proposal.kind == "proposed"
    case.refresh_from_db()
    assert (case.last_event_on, case.last_public_on) == (D(2023, 4, 20), ACKNOWLEDGED)
    dates = _public_dates(case)
    assert dates["page"] and dates["api"] == "2023-03-13"
    assert "2023-03-13" in dates["csv"] and "2023-04-20" not in dates["csv"]
    # The case whose determination took effect comes first when sorted by last update.
    other.refresh_from_db()
    assert other.last_public_on == D(2023, 4, 3), other.last_public_on
    listed = Client().get("/en/docket/?sort=updated").content.decode()
    assert listed.index(other.slug) < listed.index(case.slug)


def test_publishing_a_held_response_updates_the_docket(officer, settings):
    settings.SEM_FOUR_EYES = False
    story = drive("awaiting_response")
    response = story.add(
        "party_responded",
        author=f"party:{A}",
        data={"party": A, "pending_proceeding": False, "publish_requested": True},
        note="Respuesta.",
    )
    with frozen(D(2023, 7, 1)):
        services.record_event(
            story.case,
            "visibility_changed",
            actor=officer,
            data={
                "event": response.seq - 1,
                "fields": ["note"],
                "from": "parties",
                "to": "public",
                "reason": "Pedido por la Parte.",
            },
        )
    story.case.refresh_from_db()
    assert story.case.last_public_on == D(2023, 7, 1)


def test_the_migration_fills_the_date_from_the_events(officer, settings):
    settings.SEM_FOUR_EYES = True
    case = drive("admissibility_review").case
    with frozen(D(2023, 4, 20)):
        services.record_event(
            case, "admissibility_determined", actor=officer, data={"outcome": "does_not_meet"}
        )
    type(case).objects.update(last_public_on=None)
    migration = importlib.import_module("workflow.migrations.0009_fill_last_public_on")
    migration.forwards(apps, None)
    case.refresh_from_db()
    assert case.last_public_on == ACKNOWLEDGED
