import datetime

import pytest
from django.urls import reverse

from submissions.stages import ClosureReason, Stage
from tests.helpers_cases import drive, frozen
from workflow import services
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event

D = datetime.date


def test_instruction_moves_the_case_to_preparation_and_publication_needs_an_instruction(
    client, us_council, officer, director
):
    """Acceptance 4."""
    story = drive("awaiting_council", party="PE")
    case = story.case
    client.force_login(us_council)
    page = client.get(reverse("council_case", kwargs={"pk": case.pk})).content.decode()
    assert "Notification to the Council under Article 18.9.1" in page
    with frozen(D(2023, 8, 1)):
        response = client.post(
            reverse("council_instruct", kwargs={"pk": case.pk}),
            {"event_count": case.event_count, "reasons": "Importa a la región."},
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.FACTUAL_RECORD_PREPARATION
    event = Event.objects.get(submission=case, kind="council_instructed")
    assert (event.author, event.data, event.note, event.recorded_by) == (
        "council:US",
        {"party": "US", "publish_requested": True},  # its reasons wait for review
        "Importa a la región.",
        us_council,
    )
    draft = Deadline.objects.get(submission=case, kind="draft_factual_record")
    assert (draft.state, draft.start_on, draft.due_on) == ("open", D(2023, 8, 1), D(2023, 11, 29))

    story.on = D(2023, 8, 1)
    story.add("draft_submitted", D(2023, 10, 2))
    story.add("draft_commented", D(2023, 10, 20), author="party:PE", data={"party": "PE"})
    story.add("draft_commented", D(2023, 10, 25), author="party:US", data={"party": "US"})
    story.add("final_submitted", D(2023, 11, 15))
    with frozen(D(2023, 11, 20)), pytest.raises(RuleViolation, match="only if a Council member"):
        services.record_event(case, "published", actor=officer)

    with frozen(D(2023, 11, 21)):
        # Each request renews the session for a working day (SESSION_SAVE_EVERY_REQUEST): the
        # one renewed on 1 August has expired by 21 November.
        client.force_login(us_council)
        response = client.post(
            reverse("council_publish", kwargs={"pk": case.pk}),
            {"event_count": case.event_count, "reasons": ""},
        )
    assert response.status_code == 302
    assert Event.objects.get(submission=case, kind="publication_instructed").data == {"party": "US"}
    with frozen(D(2023, 11, 22)):
        proposal = services.record_event(case, "published", actor=officer)
        services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert (case.stage, case.closure_reason) == (
        Stage.CLOSED,
        ClosureReason.FACTUAL_RECORD_PUBLISHED,
    )


def test_a_member_cannot_instruct_twice_from_a_stale_page(client, pe_council, us_council):
    case = drive("awaiting_council", party="PE").case
    count = case.event_count
    url = reverse("council_instruct", kwargs={"pk": case.pk})
    with frozen(D(2023, 8, 1)):
        client.force_login(pe_council)
        assert client.post(url, {"event_count": count}).status_code == 302
        client.force_login(us_council)
        response = client.post(url, {"event_count": count}, follow=True)
    assert response.redirect_chain == [(f"/en/council/cases/{case.pk}/", 302)]
    page = response.content.decode()
    assert "This is not offered on this case now" in page
    assert "already been instructed to prepare a factual record" in page
    assert Event.objects.filter(submission=case, kind="council_instructed").count() == 1


def test_recommendation_is_recorded_on_a_closed_case(client, pe_council):
    story = drive("final_factual_record", party="PE")
    story.add("publication_instructed", author="council:PE", data={"party": "PE"})
    story.add("published")
    client.force_login(pe_council)
    with frozen(D(2024, 1, 10)):
        response = client.post(
            reverse("council_recommend", kwargs={"pk": story.case.pk}),
            {"event_count": story.case.event_count, "recommendation": "Fortalecer OSINFOR."},
        )
    assert response.status_code == 302
    event = Event.objects.get(submission=story.case, kind="recommendation_made")
    assert (event.note, event.data, event.author) == (
        "Fortalecer OSINFOR.",
        {"party": "PE", "publish_requested": True},  # its text waits for review
        "council:PE",
    )


def test_instruct_in_the_wrong_stage_redirects_with_a_message(client, pe_council):
    story = drive("final_factual_record", party="PE")
    story.add("publication_instructed", author="council:PE", data={"party": "PE"})
    story.add("published")
    client.force_login(pe_council)
    response = client.get(reverse("council_instruct", kwargs={"pk": story.case.pk}), follow=True)
    assert response.redirect_chain == [(f"/en/council/cases/{story.case.pk}/", 302)]
    assert "cannot be recorded while the case is in" in response.content.decode()


def test_council_sees_drafts_not_party_concerned_material(client, pe_council):
    story = drive("draft_comment_period", party="PE")
    story.add("correspondence", visibility="party_concerned", title="Solo para el Perú")
    story.add("correspondence", visibility="parties", title="Para todos")
    client.force_login(pe_council)
    body = client.get(reverse("council_case", kwargs={"pk": story.case.pk})).content.decode()
    assert "Para todos" in body
    assert "Solo para el Perú" not in body
    assert "Draft factual record submitted to the Council" in body


def test_council_list_query_count(client, pe_council, django_assert_max_num_queries):
    for _ in range(3):
        drive("awaiting_council", party="PE")
    client.force_login(pe_council)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("council_home"))
    assert response.content.decode().count("/en/council/cases/") == 3
