"""Findings of the fifth walk (Spanish, 390 px, every role), each fixed where people met it."""

import pytest
from django.urls import reverse

from secretariat.workspace.forms import action_form
from submissions.dates import long_date
from tests.helpers_cases import drive

pytestmark = pytest.mark.django_db


def test_a_recorded_act_names_no_party_until_the_officer_chooses_one(client, officer):
    case = drive("draft_comment_period").case
    form = action_form("draft_commented", case)
    assert form.fields["party"].choices[0] == ("", "—")
    assert form.fields["party"].required
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    # A record made from a letter says, like a decision, that it goes to the Director.
    assert "Comments of a Party on the draft factual record — recorded from a letter" in page
    # … and its button says what it does: it proposes (the sixth walk found "Record").
    form = page.split('id="action-draft_commented"', 1)[1].split("</form>", 1)[0]
    assert ">Propose</button>" in form


def test_the_media_factor_starts_from_the_submitters_answer(db):
    case = drive("response_decision").case
    case.relies_on_media_only = False
    form = action_form("response_decided", case)
    assert form.fields["d_finding"].initial == "no"
    assert "not drawn only from mass media" in str(form.fields["d_finding"].help_text)
    case.relies_on_media_only = True
    assert action_form("response_decided", case).fields["d_finding"].initial == "yes"
    case.relies_on_media_only = None
    form = action_form("response_decided", case)
    assert form.fields["d_finding"].initial is None
    # Walk 20 answered (d) "Yes" and requested a response: unlike the other factors, a "Yes"
    # counts against a request, and the form says so whatever the submitters answered.
    assert str(form.fields["d_finding"].help_text) == (
        "Unlike the other factors, “Yes” here weighs against a request."
    )
    assert "weighs against a request" not in str(form.fields["a_finding"].help_text)


def test_a_response_recorded_after_its_stage_says_what_it_will_be(client, officer):
    """Walk 21 recorded a Party's response from a letter on a closed case: the format takes it
    as a late or further response, and now the form says so before it is proposed."""
    assert not getattr(
        action_form("party_responded", drive("awaiting_response").case), "notice_text", ""
    )
    case = drive("closed").case
    form = action_form("party_responded", case)
    assert str(form.notice_text).startswith("The case is past the stage of the Party's response.")
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    section = page.split('id="action-party_responded"', 1)[1].split("</form>", 1)[0]
    assert "recorded as a late or further response, marked so on the docket" in section


def _factors(d: str, **extra) -> dict:
    data = {"outcome": "request", **extra}
    for letter in "abcd":
        data[f"{letter}_finding"] = "no" if letter == "d" else "yes"
        data[f"{letter}_reasons"] = f"Razones ({letter})."
    data["d_finding"] = d
    return {f"response_decided-{name}": value for name, value in data.items()}


def test_a_media_finding_against_the_submitters_answer_is_confirmed(db):
    """Walks 70 and 75 answered (d) "Yes" by mistake, against the filing's "No", and
    requested a response: the hint alone let it through. A finding against the answer is
    confirmed, or corrected."""
    case = drive("response_decision").case
    case.relies_on_media_only = False
    refused = action_form("response_decided", case, data=_factors("yes"))
    assert not refused.is_valid()
    # Said after the box's own label (walk 78: the summary said the difference twice).
    assert refused.errors["d_confirmed"] == ["Tick this box to confirm it, or correct the finding."]
    assert refused.error_links()[0][1:] == (
        "My finding on factor (d) differs from the submitters' answer.",
        "Tick this box to confirm it, or correct the finding.",
    )
    assert action_form("response_decided", case, data=_factors("yes", d_confirmed="on")).is_valid()
    assert action_form("response_decided", case, data=_factors("no")).is_valid()
    # Where the submitters gave no answer (an imported history), nothing to confirm.
    case.relies_on_media_only = None
    form = action_form("response_decided", case, data=_factors("yes"))
    assert "d_confirmed" not in form.fields and form.is_valid()


def test_the_steps_that_move_the_case_come_first(client, officer):
    """Walk 75: in factual record preparation the draft stood among records that move
    nothing (a Council member's further instruction from a letter, an instruction to publish
    the record not yet drafted)."""
    case = drive("factual_record_preparation").case
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    actions = page.split('id="actions-heading"', 1)[1]
    moving, other = actions.split("Other records", 1)
    assert "Steps that move the case on" in moving
    assert 'id="action-draft_submitted"' in moving
    assert 'id="action-council_instructed"' not in moving
    assert 'id="action-correspondence"' in other
    # Before the acknowledgement, it is the step that moves the case on (walk 79), though
    # the stage it leaves the case in is the same.
    unacknowledged = drive("admissibility_review", acknowledged=False).case
    page = client.get(reverse("ws_case", kwargs={"pk": unacknowledged.pk})).content.decode()
    moving = page.split('id="actions-heading"', 1)[1].split("Other records", 1)[0]
    assert 'id="action-acknowledged"' in moving


def test_recording_a_delivery_says_it_moves_the_partys_period(db):
    """Walk 77 recorded the delivery of a request already delivered through the portal, with
    no word that the Party's period would then count from that step's date."""
    case = drive("awaiting_response").case
    start = case.deadlines.get(kind="party_response").start_on
    form = action_form("request_delivered", case)
    assert str(form.notice_text) == (
        f"The Party's period now counts from {long_date(start)}. Recording a delivery counts "
        "it from the date of this step instead."
    )
