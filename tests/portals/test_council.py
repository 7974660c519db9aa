import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from submissions.stages import ClosureReason, Stage
from tests.helpers_cases import TIMELINE, drive, frozen
from tests.parties import OTHERS, SLUG, A, B, name
from workflow import services
from workflow.describe import describe
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event

D = datetime.date

# How many members' instructions make the Council's (TPA Arts. 18.9.2 and 18.9.7: any one;
# the CEC: two of the three).
NEEDED = {"us-peru-tpa": 1, "usmca-cec": 2, "cafta-dr": 1}[SLUG]
# The Council's notification, under the profile's article.
NOTIFICATION = {
    "us-peru-tpa": "Notification to the Council under Article 18.9.1",
    "usmca-cec": "Notification to the Council under Article 24.28",
    "cafta-dr": "Notification to the Council under Article 17.8.1",
}[SLUG]
# Why the Secretariat may not publish without the Council's instruction.
PUBLISH_ONLY = {
    "us-peru-tpa": "only if a Council member",
    "usmca-cec": "only when two of the three members",
    "cafta-dr": "only if a Council member",
}[SLUG]


def members(a_council, b_council, other_councils) -> dict:
    """Each Party's Council member, by Party."""
    return {A: a_council, B: b_council, **dict(zip(OTHERS, other_councils, strict=True))}


def instruct_by_the_council(story, kind):
    """The Council's instruction of ``kind``, given by as many members as its rule needs."""
    story.council(kind)


def _post_as(client, user, case, name, **data):
    client.force_login(user)
    case.refresh_from_db()
    return client.post(
        reverse(name, kwargs={"pk": case.pk}),
        {"event_count": case.event_count, "confirm": "on", **data},
    )


def test_instruction_moves_the_case_to_preparation_and_publication_needs_an_instruction(
    client, a_council, b_council, other_councils, officer, director
):
    """Acceptance 4. The United States' member instructs first; where the Council's rule asks
    for more members (the CEC's two of three), the others follow on the same day."""
    council = members(a_council, b_council, other_councils)
    # Those who instruct after the United States' member, until the rule is met.
    others = ((A,) + OTHERS)[: NEEDED - 1]
    story = drive("awaiting_council")
    case = story.case
    client.force_login(b_council)
    page = client.get(reverse("council_case", kwargs={"pk": case.pk})).content.decode()
    assert NOTIFICATION in page
    with frozen(D(2023, 8, 1)):
        response = client.post(
            reverse("council_instruct", kwargs={"pk": case.pk}),
            {"event_count": case.event_count, "reasons": "Importa a la región.", "confirm": "on"},
        )
        assert response.status_code == 302
        for code in others:
            case.refresh_from_db()
            assert case.stage == Stage.AWAITING_COUNCIL  # one member's is not the Council's
            assert _post_as(client, council[code], case, "council_instruct").status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.FACTUAL_RECORD_PREPARATION
    event = Event.objects.get(submission=case, kind="council_instructed", author=f"council:{B}")
    assert (event.author, event.data, event.note, event.recorded_by) == (
        "council:US",
        {"party": "US", "publish_requested": True},  # its reasons wait for review
        "Importa a la región.",
        b_council,
    )
    # 120 days from the Council's instruction of Tuesday 1 August 2023 (under the CEC, the
    # second member's, the same day): Wednesday 29 November 2023 under each profile (not a
    # holiday in Lima, Montréal or Guatemala City).
    draft = Deadline.objects.get(submission=case, kind="draft_factual_record")
    assert (draft.state, draft.start_on, draft.due_on) == ("open", D(2023, 8, 1), D(2023, 11, 29))

    story.on = D(2023, 8, 1)
    story.add("draft_submitted", D(2023, 10, 2))
    # Every Party comments (A on 20 October, B on 25 October, any other later).
    for code in (A, B) + OTHERS:
        day = TIMELINE[f"draft_commented:{code}"]
        story.add("draft_commented", day, author=f"party:{code}", data={"party": code})
    story.add("final_submitted", D(2023, 11, 15))
    with frozen(D(2023, 11, 20)), pytest.raises(RuleViolation, match=PUBLISH_ONLY):
        services.record_event(case, "published", actor=officer)

    with frozen(D(2023, 11, 21)):
        # Each request renews the session for a working day (SESSION_SAVE_EVERY_REQUEST): the
        # one renewed on 1 August has expired by 21 November.
        client.force_login(b_council)
        response = client.post(
            reverse("council_publish", kwargs={"pk": case.pk}),
            {"event_count": case.event_count, "reasons": "", "confirm": "on"},
        )
        assert response.status_code == 302
        for code in others:
            assert (
                _post_as(client, council[code], case, "council_publish", reasons="").status_code
                == 302
            )
    instructed = Event.objects.get(
        submission=case, kind="publication_instructed", author=f"council:{B}"
    )
    assert instructed.data == {"party": "US"}
    with frozen(D(2023, 11, 22)):
        proposal = services.record_event(case, "published", actor=officer)
        services.approve_proposal(case, proposal.seq, actor=director)
    case.refresh_from_db()
    assert (case.stage, case.closure_reason) == (
        Stage.CLOSED,
        ClosureReason.FACTUAL_RECORD_PUBLISHED,
    )


def test_a_member_cannot_instruct_twice_from_a_stale_page(
    client, a_council, b_council, other_councils
):
    """The members the Council's rule needs instruct (TPA: Peru's alone; CEC: Mexico's, then
    the United States'); the next member (TPA: the United States'; CEC: Canada's) posts the
    page opened before them."""
    council = members(a_council, b_council, other_councils)
    deciding, late = ((A, B) + OTHERS)[:NEEDED], ((A, B) + OTHERS)[NEEDED]
    case = drive("awaiting_council").case
    count = case.event_count
    url = reverse("council_instruct", kwargs={"pk": case.pk})
    with frozen(D(2023, 8, 1)):
        for code in deciding:
            assert _post_as(client, council[code], case, "council_instruct").status_code == 302
        client.force_login(council[late])
        response = client.post(url, {"event_count": count}, follow=True)
    assert response.redirect_chain == [(f"/en/council/cases/{case.pk}/", 302)]
    page = response.content.decode()
    # Walk 101: "not offered on this case now: you have voted", as though it might be later.
    assert "This is not offered on this case: " in page
    assert "already been instructed to prepare a factual record" in page
    assert Event.objects.filter(submission=case, kind="council_instructed").count() == NEEDED


def test_recommendation_is_recorded_on_a_closed_case(client, a_council):
    story = drive("final_factual_record")
    instruct_by_the_council(story, "publication_instructed")
    story.add("published")
    client.force_login(a_council)
    with frozen(D(2024, 1, 10)):
        response = client.post(
            reverse("council_recommend", kwargs={"pk": story.case.pk}),
            {
                "event_count": story.case.event_count,
                "recommendation": "Fortalecer OSINFOR.",
                "confirm": "on",
            },
        )
    assert response.status_code == 302
    event = Event.objects.get(submission=story.case, kind="recommendation_made")
    assert (event.note, event.data, event.author) == (
        "Fortalecer OSINFOR.",
        {"party": A, "publish_requested": True},  # its text waits for review
        f"council:{A}",
    )
    # Its Party is the member's, as on the member's instructions (walk 59: "Party: …").
    labels = [label for label, _value in describe(event)]
    assert "Council member of" in labels and "Party" not in labels


def test_instruct_in_the_wrong_stage_redirects_with_a_message(client, a_council):
    story = drive("final_factual_record")
    instruct_by_the_council(story, "publication_instructed")
    story.add("published")
    client.force_login(a_council)
    response = client.get(reverse("council_instruct", kwargs={"pk": story.case.pk}), follow=True)
    assert response.redirect_chain == [(f"/en/council/cases/{story.case.pk}/", 302)]
    assert "cannot be recorded while the case is in" in response.content.decode()


def test_council_sees_drafts_not_party_concerned_material(client, a_council):
    story = drive("draft_comment_period")
    only_a = f"Solo para {name(A, 'es')}"
    story.add("correspondence", visibility="party_concerned", title=only_a)
    story.add("correspondence", visibility="parties", title="Para todos")
    client.force_login(a_council)
    body = client.get(reverse("council_case", kwargs={"pk": story.case.pk})).content.decode()
    assert "Para todos" in body
    assert only_a not in body
    assert "Draft factual record submitted to the Council" in body


def test_council_list_query_count(client, a_council, django_assert_max_num_queries):
    for _ in range(3):
        drive("awaiting_council")
    client.force_login(a_council)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("council_home"))
    assert response.content.decode().count("/en/council/cases/") == 3


# Walk 83: the instruction was recorded with one key press, its only field optional.
UNTICKED = [
    (
        "council_instruct",
        "awaiting_council",
        "Tick the box to confirm the instruction to prepare a factual record.",
    ),
    (
        "council_decline",
        "awaiting_council",
        "Tick the box to confirm your vote against preparing a factual record.",
    ),
    (
        "council_publish",
        "final_factual_record",
        "Tick the box to confirm the instruction to publish the final factual record.",
    ),
    ("council_recommend", "final_factual_record", "Tick the box to confirm the recommendation."),
]


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(("name", "stage", "error"), UNTICKED)
def test_a_council_act_without_the_tick_records_nothing(
    client, a_council, name, stage, error, language
):
    case = drive(stage).case
    before = case.events.count()
    client.force_login(a_council)
    with translation.override(language):
        url = reverse(name, kwargs={"pk": case.pk})
        expected = gettext(error)
    shown = client.get(url)
    if shown.status_code == 404:
        pytest.skip("not offered under this profile (the vote against: tests/test_council_vote.py)")
    assert re.search(r'<input type="checkbox" name="confirm"[^>]*required', shown.text)
    data = {"event_count": case.event_count, "reasons": "Motivos.", "recommendation": "Texto."}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert case.events.count() == before
    case.refresh_from_db()
    assert case.stage == stage
    assert '<a href="#id_confirm">' in page and expected in page
    assert re.search(r'<input type="checkbox" name="confirm"[^>]*aria-invalid="true"', page)


def test_the_instruction_says_where_its_reasons_go(client, b_council):
    # Walk 88: the reasons waited for the Secretariat's review, and the form never said so.
    case = drive("awaiting_council").case
    client.force_login(b_council)
    page = client.get(reverse("council_instruct", kwargs={"pk": case.pk})).content.decode()
    help_text = page.split('id="id_reasons-help"', 1)[1].split("</", 1)[0]
    assert "they reach the public docket once the Secretariat publishes them" in help_text
    assert 'aria-describedby="id_reasons-help"' in page


def test_a_members_recommendation_is_named_so_and_told_to_the_secretariat(
    client, a_council, officer, director
):
    """Walk 136: one member's recommendation read "Council recommendation" on the docket, as
    the Council's own act, and the Secretariat, who must review its text sent for the public,
    was not told of it. A recommendation the Secretariat records for the Council as a whole
    keeps the Council's name."""
    from notices.models import Notice

    story = drive("final_factual_record")
    instruct_by_the_council(story, "publication_instructed")
    story.add("published")
    client.force_login(a_council)
    with frozen(datetime.date(2024, 1, 10)):
        response = client.post(
            reverse("council_recommend", kwargs={"pk": story.case.pk}),
            {"event_count": story.case.event_count, "recommendation": "Texto.", "confirm": "on"},
        )
    assert response.status_code == 302
    event = Event.objects.get(submission=story.case, kind="recommendation_made")
    with translation.override("es"):
        assert str(event.kind_label) == "Recomendación de un miembro del Consejo"
    # The portal's flash names it as the receipt does (walk 139: "Recomendación del Consejo").
    receipt = client.get(response["Location"]).content.decode()
    assert "Recorded: “Recommendation of a Council member”" in receipt
    page = client.get(f"/en/docket/{story.case.slug}/").content.decode()
    assert "Recommendation of a Council member" in page
    told = Notice.objects.filter(submission=story.case, message="recommendation_to_staff")
    assert set(told.values_list("recipient_email", flat=True)) == {
        officer.email,
        director.email,
    }
    whole = Event(submission=story.case, kind="recommendation_made", data={})
    assert str(whole.kind_label) == "Council recommendation"


def test_what_the_council_waits_on_comes_before_the_votes_given(client, a_council):
    """Walk 172: under the CEC, "Members who have so far: 0" (to publish) read right after
    the two votes to prepare the record, as if it counted them."""
    from tests.parties import members_needed

    if members_needed("publication_instructed") == 1:
        pytest.skip("one member's instruction is the Council's: nothing waits on more")
    case = drive("final_factual_record").case
    client.force_login(a_council)
    page = client.get(reverse("council_case", kwargs={"pk": case.pk})).content.decode()
    waiting = page.index('class="instructions__waiting"')
    assert "makes the final factual record public once" in page[waiting:]
    assert waiting < page.index("instructed the Secretariat to prepare a factual record on")
