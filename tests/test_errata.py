"""Errata (issue #18): the Secretariat's correction of one of its decisions, linked to it and
keeping it, a step a profile adds (``profiles.ERRATA``; CAFTA-DR's registry shows "Errata
Determination 17.7.4"). Neither the TPA nor the CEC has them: the tests add them to the
installed profile."""

import dataclasses
import datetime

import pytest
from django.test import Client
from django.urls import reverse

from notices.models import Notice
from submissions import profiles
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import PROFILE, SLUG
from workflow.describe import describe
from workflow.exceptions import RuleViolation
from workflow.models import Event

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def errata(monkeypatch):
    """The installed profile with errata added to its own steps."""
    profile = dataclasses.replace(PROFILE, transitions={**PROFILE.transitions, **profiles.ERRATA})
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


def test_the_tpa_has_no_errata():
    story = drive(Stage.AWAITING_RESPONSE)
    with pytest.raises(RuleViolation) as refused:
        story.add("erratum", data={"corrects": 3}, note="Fecha corregida.")
    assert refused.value.rule == "erratum not in this profile"


def test_an_erratum_names_a_decision_and_keeps_it(errata):
    story = drive(Stage.AWAITING_RESPONSE)
    request = Event.objects.get(submission=story.case, kind="response_decided")
    erratum = story.add(
        "erratum", data={"corrects": request.seq - 1}, note="Donde dice 2022, debe decir 2023."
    )
    assert story.stage == Stage.AWAITING_RESPONSE
    assert (erratum.visibility, erratum.data) == ("public", {"corrects": request.seq - 1})
    lines = dict(describe(erratum))
    title = {
        "us-peru-tpa": "Determination under Article 18.8.4",
        "usmca-cec": "Determination under Article 24.27(3)",
    }[SLUG]
    assert lines["Corrects"] == (
        f"{title} ({request.code}, {request.on.day} {request.on:%B} {request.on.year})"
    )
    request.refresh_from_db()
    assert request.kind == "response_decided" and request.data["outcome"] == "request"
    # Not a decision: the filing, or nothing at all.
    for corrects in (0, 99, "2"):
        with pytest.raises(RuleViolation) as refused:
            story.add("erratum", data={"corrects": corrects}, note="x")
        assert refused.value.rule == "erratum: corrects a decision"


def test_an_erratum_on_a_closed_case(errata):
    story = drive(Stage.CLOSED)
    determination = Event.objects.get(submission=story.case, kind="admissibility_determined")
    story.add("erratum", data={"corrects": determination.seq - 1}, note="Corrección.")
    assert story.stage == Stage.CLOSED


def test_proposed_approved_published_and_the_submitters_told(errata, client, officer, director):
    story = drive(Stage.AWAITING_RESPONSE)
    case = story.case
    determination = Event.objects.get(submission=case, kind="admissibility_determined")
    client.force_login(officer)
    with frozen(D(2023, 5, 9)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        assert "/act/erratum/" in page
        response = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "erratum"}),
            {
                "event_count": case.event_count,
                "erratum-corrects": determination.pk,
                "erratum-note": "El criterio (c) cita la Ley 29763, no la 27308.",
            },
        )
        assert response.status_code == 302
        proposal = Event.objects.filter(submission=case).latest("seq")
        assert proposal.kind == "proposed"
        client.force_login(director)
        client.post(
            reverse("ws_approve", kwargs={"pk": case.pk, "seq": proposal.seq}),
            {"event_count": case.event_count + 1, "back": "case"},
        )
    erratum = Event.objects.get(submission=case, kind="erratum")
    assert erratum.data["corrects"] == determination.seq - 1
    public = Client().get(f"/en/docket/{case.slug}/").content.decode()
    assert "Erratum to a decision" in public
    assert "El criterio (c) cita la Ley 29763, no la 27308." in public
    assert determination.code in public
    assert Notice.objects.filter(event=erratum, message="erratum").exists()
