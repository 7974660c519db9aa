"""Issue 17: the portals' buttons are verbs, and "instruct publication" waits for a final
factual record.

The workflow's table allows a Council member to instruct publication from the moment the
Council is notified (REGISTRY-FORMAT.md), and the engine stays so; the portal only holds the
offer back until there is a final factual record to publish. What is offered stays a subset of
what the workflow accepts (tests/test_offered_actions_accepted.py posts every offer).
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from secretariat.portals import offers
from tests.helpers_cases import TIMELINE, drive, frozen
from tests.parties import SLUG
from workflow import services

pytestmark = pytest.mark.django_db

# Event names of the transition table that used to be the portals' buttons.
PAST_TENSE = (
    "Response of the Party",
    "Exceptional circumstances notified",
    "Comments of a Party on the draft factual record",
    "Council instruction to prepare a factual record",
    "Council instruction to publish the factual record",
    "Council recommendation",
)

# What a member is offered once the Council is notified.
BEFORE_INSTRUCTION = {
    "us-peru-tpa": {
        "kinds": ["council_instructed"],
        "buttons": ["Instruct the Secretariat to prepare a factual record"],
    },
    "usmca-cec": {
        "kinds": ["council_instructed", "council_declined"],
        "buttons": [
            "Instruct the Secretariat to prepare a factual record",
            "Vote against preparing a factual record",
        ],
    },
    "cafta-dr": {
        "kinds": ["council_instructed"],
        "buttons": ["Instruct the Secretariat to prepare a factual record"],
    },
}[SLUG]


def _buttons(html: str) -> list[str]:
    """The texts of the case header's action buttons."""
    block = re.search(r'<ul class="actions">(.*?)</ul>', html, re.S)
    if block is None:
        return []
    return [text.strip() for text in re.findall(r'class="button"[^>]*>([^<]+)</a>', block[1])]


def _kinds(response) -> list[str]:
    return [action["kind"] for action in response.context["actions"]]


def test_the_party_is_offered_verbs(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(TIMELINE["response_decided"] + datetime.timedelta(days=10)):
        response = client.get(reverse("party_case", args=[case.pk]))
    assert _kinds(response) == ["party_responded", "extension_notified", "correspondence"]
    assert _buttons(response.content.decode()) == [
        "Submit the response",
        "Notify exceptional circumstances",
        "Write to the Secretariat",
    ]


def test_the_action_page_is_headed_by_the_same_verb(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(TIMELINE["response_decided"] + datetime.timedelta(days=10)):
        html = client.get(reverse("party_extension", args=[case.pk])).content.decode()
    assert re.search(r"<h1>\s*Notify exceptional circumstances\s*</h1>", html)
    assert "<title>Notify exceptional circumstances ·" in html


def test_publication_is_not_offered_before_a_final_record(client, a_council):
    story = drive("awaiting_council")
    case = story.case
    client.force_login(a_council)
    with frozen(TIMELINE["factual_record_notified"] + datetime.timedelta(days=1)):
        response = client.get(reverse("council_case", args=[case.pk]))
        # The workflow would accept it (the engine is unchanged) …
        legal = {a.kind for a in services.available_actions(case, a_council)}
        assert "publication_instructed" in legal
    # … but the page offers only the instruction to prepare the record (and, where the profile
    # adds it, the CEC's vote against it).
    assert _kinds(response) == BEFORE_INSTRUCTION["kinds"]
    assert _buttons(response.content.decode()) == BEFORE_INSTRUCTION["buttons"]


def test_publication_is_not_offered_while_the_draft_is_out(client, a_council):
    case = drive("draft_comment_period").case
    client.force_login(a_council)
    with frozen(TIMELINE["draft_submitted"] + datetime.timedelta(days=1)):
        response = client.get(reverse("council_case", args=[case.pk]))
    assert "publication_instructed" not in _kinds(response)
    assert "Instruct publication" not in response.content.decode()


def test_publication_is_offered_once_the_final_record_is_submitted(client, a_council):
    case = drive("final_factual_record").case
    client.force_login(a_council)
    with frozen(TIMELINE["final_submitted"] + datetime.timedelta(days=1)):
        response = client.get(reverse("council_case", args=[case.pk]))
        legal = {a.kind for a in services.available_actions(case, a_council)}
    kinds = _kinds(response)
    assert "publication_instructed" in kinds
    assert set(kinds) <= legal
    assert "Instruct publication of the final factual record" in _buttons(response.content.decode())


def test_held_back_only_holds_publication_before_the_final_record():
    early = drive("factual_record_preparation").case
    final = drive("final_factual_record").case
    assert offers.held_back(early, "publication_instructed")
    assert not offers.held_back(final, "publication_instructed")
    # The instruction to prepare the record is on record in both: not offered again.
    assert offers.held_back(early, "council_instructed")
    assert not offers.held_back(drive("awaiting_council").case, "council_instructed")


@pytest.mark.parametrize("kind", sorted(offers.ACTION_LABELS))
def test_every_portal_action_has_a_verb_not_the_event_name(kind):
    label = str(offers.ACTION_LABELS[kind])
    assert label not in PAST_TENSE
    assert kind in offers.ACTION_URLS
    assert any(kind in kinds for kinds in offers.PORTAL_ACTIONS.values())


@pytest.mark.parametrize("language", ["en", "es"])
def test_no_form_says_optional_twice(client, a_focal, a_council, language):
    waiting = drive("awaiting_response").case
    final = drive("final_factual_record").case
    notified = drive("awaiting_council").case
    draft = drive("draft_comment_period", comments=()).case
    in_time = TIMELINE["response_decided"] + datetime.timedelta(days=10)
    after_final = TIMELINE["final_submitted"] + datetime.timedelta(days=1)
    after_notified = TIMELINE["factual_record_notified"] + datetime.timedelta(days=1)
    pages = [
        (a_focal, "party_respond", waiting, in_time),
        (a_focal, "party_extension", waiting, in_time),
        (a_focal, "party_correspondence", final, after_final),
        # Once its comments are on record and the final is in, no more (walk 46).
        (a_focal, "party_comment", draft, TIMELINE["draft_submitted"] + datetime.timedelta(days=1)),
        (a_council, "council_instruct", notified, after_notified),
        (a_council, "council_publish", final, after_final),
        (a_council, "council_recommend", final, after_final),
    ]
    twice = re.compile(r"\((optional|opcional)\)\s*(<[^>]+>\s*)*\((optional|opcional)\)")
    radios = 0
    for user, name, case, day in pages:
        client.force_login(user)
        with translation.override(language):
            url = reverse(name, args=[case.pk])
        with frozen(day):
            response = client.get(url)
        assert response.status_code == 200, name
        html = response.content.decode()
        assert not twice.search(html), name
        # Each radio button is followed by its own label, on one .choice line.
        for radio in re.findall(r'<input type="radio"[^>]*id="([^"]+)"', html):
            radios += 1
            assert re.search(
                rf'<div class="choice"><input type="radio"[^>]*id="{radio}"[^>]*> '
                rf'<label for="{radio}">',
                html,
            ), (name, radio)
    assert radios >= 2  # the response's "pending proceeding: yes / no"
