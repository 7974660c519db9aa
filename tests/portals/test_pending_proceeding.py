"""Acceptance 3: a declared pending proceeding, highlighted for the Secretariat, then closed."""

import datetime

from django.urls import reverse

from submissions.stages import ClosureReason, Stage
from tests.helpers_cases import drive, frozen
from tests.portals.test_party import respond_post
from workflow import services
from workflow.activity import portal_activity

D = datetime.date


def test_declared_pending_proceeding_is_highlighted_and_closes_the_case(
    client, a_focal, officer, director, django_assert_max_num_queries
):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(D(2023, 6, 10)):
        response = client.post(
            reverse("party_respond", kwargs={"pk": case.pk}),
            respond_post(
                case,
                pending_proceeding="yes",
                proceeding_authority="Corte Superior de Loreto",
                proceeding_case_number="00123-2022",
                proceeding_status="En trámite",
            ),
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.FACTUAL_RECORD_DECISION
    event = case.events.get(kind="party_responded")
    assert event.data["pending_proceeding"] is True
    assert event.data["proceeding"] == {
        "authority": "Corte Superior de Loreto",
        "case_number": "00123-2022",
        "status": "En trámite",
    }

    client.force_login(officer)
    # Eight for the page, one for the session every request renews (SESSION_SAVE_EVERY_REQUEST).
    with django_assert_max_num_queries(9):
        page = client.get(reverse("account_activity"))
    body = page.content.decode()
    assert '<tr class="highlight">' in body
    assert "Declares a pending judicial or administrative proceeding" in body
    assert "Corte Superior de Loreto, case 00123-2022, status: En trámite" in body
    assert [e.kind for e in portal_activity(case)] == ["party_responded"]

    with frozen(D(2023, 6, 20)):
        proposal = services.record_event(
            case, "closed", actor=officer, data={"reason": "pending_proceeding"}
        )
        services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert (case.stage, case.closure_reason) == (Stage.CLOSED, ClosureReason.PENDING_PROCEEDING)
