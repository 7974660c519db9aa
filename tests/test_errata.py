"""Errata (issue #18): the Secretariat's correction of one of its decisions, linked to it and
keeping it, a step a profile adds (``profiles.ERRATA``; CAFTA-DR's registry shows "Errata
Determination 17.7.4"). Neither the TPA nor the CEC has them: the tests add them to the
installed profile (CAFTA-DR's has them already)."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from notices.models import Notice
from submissions import profiles
from submissions.stages import Stage
from tests.helpers_cases import drive, frozen
from tests.parties import SLUG, with_steps
from workflow.describe import describe
from workflow.exceptions import RuleViolation
from workflow.models import Event
from workflow.registry import export_registry

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def errata(monkeypatch):
    """The installed profile with errata added to its own steps."""
    with_steps(monkeypatch, profiles.ERRATA)


# Whether the installed profile has errata of its own: CAFTA-DR's registry's, not the TPA's or
# the CEC's.
HAS_ERRATA = {"us-peru-tpa": False, "usmca-cec": False, "cafta-dr": True}[SLUG]


def test_the_tpa_has_no_errata():
    """Nor the CEC: an erratum is refused; under CAFTA-DR it is recorded."""
    story = drive(Stage.AWAITING_RESPONSE)
    if HAS_ERRATA:
        erratum = story.add("erratum", data={"corrects": 3}, note="Fecha corregida.")
        assert erratum.kind == "erratum" and story.stage == Stage.AWAITING_RESPONSE
        return
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
        "cafta-dr": "Determination under Article 17.7.4",
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


def test_the_open_data_name_the_corrected_decision_by_its_place_in_their_list(errata):
    """Walk 22: the API's ``corrects`` gave the decision's place in the whole history, where
    a Secretariat-only entry counts, and so pointed at another public entry."""
    story = drive(Stage.AWAITING_RESPONSE)
    story.add("correspondence", title="Nota interna", visibility="secretariat")
    story.add("party_responded", author=f"party:{story.case.party.code}")
    notified = story.add("factual_record_notified", data={"outcome": "warranted"})
    story.add("erratum", data={"corrects": notified.seq - 1}, note="Fecha corregida.")
    api = Client().get(f"/api/v1/submissions/{story.case.slug}/").json()
    erratum = api["events"][-1]
    assert erratum["kind"] == "erratum"
    assert erratum["corrects"] == notified.seq - 2  # the hidden entry is not listed
    assert api["events"][erratum["corrects"]]["code"] == notified.code


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
    # The open data name the corrected decision by its place in the events they list (walk
    # 22: the API gave its place in the whole history, where a hidden proposal counts).
    api = Client().get(f"/api/v1/submissions/{case.slug}/").json()
    listed = api["events"][-1]
    assert listed["kind"] == "erratum"
    assert api["events"][listed["corrects"]]["code"] == determination.code
    restricted = next(
        c
        for c in json.loads(export_registry(restricted=True))["submissions"]
        if c["identifier"] == case.identifier
    )
    assert restricted["events"][-1]["corrects"] == determination.seq - 1  # as recorded


def test_no_erratum_is_offered_before_a_decision_to_correct(errata, client, officer):
    """An erratum names a coded decision of the case: before there is one, the workspace
    offers none (its form would have nothing to choose; test_offered_actions_accepted found
    it offered, then refused)."""
    from workflow import services
    from workflow.services.actions import refusal

    story = drive(Stage.ADMISSIBILITY_REVIEW)
    assert "erratum" not in {a.kind for a in services.available_actions(story.case, officer)}
    refused = refusal(story.case, officer, "erratum")
    assert refused.rule == "erratum: no decision yet"
    story.add("admissibility_determined", data={"outcome": "meets"})
    assert "erratum" in {a.kind for a in services.available_actions(story.case, officer)}


def test_a_closed_cases_decision_is_corrected_under_four_eyes(errata, client, officer, director):
    """The erratum of 6 June 2012 (CAALA/11/005) came after the determination that closed the
    case: a closed case's erratum is proposed and approved like any other, not refused as a
    proposal other than a reopening."""
    story = drive(Stage.CLOSED)
    case = story.case
    determination = Event.objects.get(submission=case, kind="admissibility_determined")
    client.force_login(officer)
    with frozen(story.on + datetime.timedelta(days=3)):
        response = client.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "erratum"}),
            {
                "event_count": case.event_count,
                "erratum-corrects": determination.pk,
                "erratum-note": "Corrección de la fecha.",
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
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert Event.objects.get(submission=case, kind="erratum").data["corrects"] == (
        determination.seq - 1
    )
