"""The portals' action pages take only what the case page offers; a Party's annexes say who
will see them on this case; the Council's page says an instruction was given instead of
offering it again; the Party's receipt page names its download as every other page does."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.helpers_cases import TIMELINE, drive, frozen
from tests.parties import SLUG, A, B
from tests.portals.conftest import pdf
from tests.portals.test_party import respond_post
from workflow import services
from workflow.models import Event

pytestmark = pytest.mark.django_db

AFTER_DRAFT = TIMELINE["draft_submitted"] + datetime.timedelta(days=1)
AFTER_NOTICE = TIMELINE["factual_record_notified"] + datetime.timedelta(days=1)

# Party A's name in English, and its Council member.
A_NAME = {"us-peru-tpa": "Peru", "usmca-cec": "Mexico", "cafta-dr": "Guatemala"}[SLUG]
A_MEMBER = {
    "us-peru-tpa": "Council member of Peru",
    "usmca-cec": "Council member of Mexico",
    "cafta-dr": "Council member of Guatemala",
}[SLUG]
# How many members' instructions make the Council's (TPA: any one; CEC: two of three).
NEEDED = {"us-peru-tpa": 1, "usmca-cec": 2, "cafta-dr": 1}[SLUG]
# What a member is offered once the Council is notified: the instruction, and where the
# profile adds it (the CEC's COUNCIL_VOTES) a vote against.
BEFORE_INSTRUCTION = {
    "us-peru-tpa": ["council_instructed"],
    "usmca-cec": ["council_instructed", "council_declined"],
    "cafta-dr": ["council_instructed"],
}[SLUG]


def _options(html: str, name: str) -> dict:
    """The options of the select named ``name``: value -> label."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, name
    return dict(re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[1]))


def _help(html: str) -> str:
    pattern = r'<fieldset class="attachments">.*?<p class="field__help">(.*?)</p>'
    block = re.search(pattern, html, re.S)
    assert block is not None
    return " ".join(block[1].split())


# --- 1. Who will see an annex ---------------------------------------------------------------


def test_the_other_party_is_not_offered_party_concerned(client, a_focal):
    """Party A comments on a draft about the United States (B): "Party concerned" would mean
    the United States, so A is not offered it, and the help text says why."""
    case = drive("draft_comment_period", party=B).case
    client.force_login(a_focal)
    with frozen(AFTER_DRAFT):
        html = client.get(reverse("party_comment", args=[case.pk])).content.decode()
    options = _options(html, "attachments-0-visibility")
    assert set(options) == {"public", "parties", "secretariat"}
    text = _help(html)
    assert "your Party only" not in text
    # Walk 135: "This case concerns United States", without its article.
    assert "This case concerns the United States" in text
    assert "would go to the United States, not to your Party" in text


def test_the_other_party_cannot_post_party_concerned(client, a_focal):
    case = drive("draft_comment_period", party=B).case
    client.force_login(a_focal)
    post = {
        "event_count": case.event_count,
        "language": "es",
        "document_title": "Observaciones de la Parte",
        "document": pdf("observaciones.pdf"),
        "attachments-TOTAL_FORMS": "1",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-file": pdf("anexo.pdf"),
        "attachments-0-title": "Anexo",
        "attachments-0-language": "es",
        "attachments-0-visibility": "party_concerned",
    }
    with frozen(AFTER_DRAFT):
        response = client.post(reverse("party_comment", args=[case.pk]), post)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Event.objects.filter(submission=case, kind="draft_commented", author=f"party:{A}")


def test_the_party_concerned_is_told_it_is_itself(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(TIMELINE["response_decided"] + datetime.timedelta(days=10)):
        html = client.get(reverse("party_respond", args=[case.pk])).content.decode()
    options = _options(html, "attachments-0-visibility")
    assert options["party_concerned"] == (
        f"Secretariat and your Party only (the Party concerned, {A_NAME})"
    )
    assert f"the Secretariat and your Party only (the Party concerned, {A_NAME})" in _help(html)


def test_the_other_partys_letter_defaults_to_a_level_it_may_choose(client, a_focal):
    case = drive("draft_comment_period", party=B).case
    client.force_login(a_focal)
    with frozen(AFTER_DRAFT):
        html = client.get(reverse("party_correspondence", args=[case.pk])).content.decode()
    assert "party_concerned" not in _options(html, "visibility")
    assert re.search(r'<option value="parties" selected>', html)


# --- 2. An instruction given is shown, not offered again -------------------------------------


@pytest.mark.parametrize("stage", ["factual_record_preparation", "final_factual_record"])
def test_an_instruction_given_is_shown_not_offered(client, b_council, stage):
    case = drive(stage).case
    client.force_login(b_council)
    with frozen(TIMELINE["final_submitted"] + datetime.timedelta(days=1)):
        response = client.get(reverse("council_case", args=[case.pk]))
        # The engine still accepts a further instruction (REGISTRY-FORMAT.md) …
        legal = {a.kind for a in services.available_actions(case, b_council)}
    assert "council_instructed" in legal
    # … but the page does not offer it, and says it was given, when and by whom.
    assert "council_instructed" not in [a["kind"] for a in response.context["actions"]]
    html = response.content.decode()
    assert "Instruct the Secretariat to prepare a factual record" not in html
    assert (
        f"{A_MEMBER} instructed the Secretariat to prepare a factual record on "
        "1 August 2023." in " ".join(html.split())
    )
    # The Council's rule for preparing is met: it waits no more (publication's may, in the
    # final record's stage, where the Council's instruction to publish is awaited).
    assert "prepares a factual record once" not in html


def test_before_an_instruction_it_is_offered_and_nothing_is_shown(client, b_council):
    case = drive("awaiting_council").case
    client.force_login(b_council)
    with frozen(AFTER_NOTICE):
        response = client.get(reverse("council_case", args=[case.pk]))
    assert [a["kind"] for a in response.context["actions"]] == BEFORE_INSTRUCTION
    assert "The Secretariat was instructed" not in response.content.decode()


# --- 3. An action page refuses what its case page does not offer -----------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_publication_before_a_final_record_is_refused_at_its_address(client, a_council, method):
    case = drive("awaiting_council").case
    client.force_login(a_council)
    url = reverse("council_publish", args=[case.pk])
    with frozen(AFTER_NOTICE):
        # The engine would take it: only the portal holds it back.
        assert "publication_instructed" in {
            a.kind for a in services.available_actions(case, a_council)
        }
        data = {"event_count": case.event_count, "reasons": ""} if method == "post" else None
        response = getattr(client, method)(url, data, follow=True)
    assert response.redirect_chain == [(f"/en/council/cases/{case.pk}/", 302)]
    html = response.content.decode()
    assert "This is not offered on this case:" in html
    assert "there is no final factual record to publish yet." in html
    assert not Event.objects.filter(submission=case, kind="publication_instructed").exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_second_instruction_is_refused_at_its_address(client, b_council, method):
    case = drive("factual_record_preparation").case
    client.force_login(b_council)
    url = reverse("council_instruct", args=[case.pk])
    with frozen(TIMELINE["council_instructed"] + datetime.timedelta(days=2)):
        data = {"event_count": case.event_count, "reasons": ""} if method == "post" else None
        response = getattr(client, method)(url, data, follow=True)
    assert response.redirect_chain == [(f"/en/council/cases/{case.pk}/", 302)]
    assert "already been instructed" in response.content.decode()
    assert Event.objects.filter(submission=case, kind="council_instructed").count() == NEEDED


def test_a_further_response_after_the_case_moved_on_is_refused(client, a_focal):
    case = drive("factual_record_decision").case
    client.force_login(a_focal)
    with frozen(TIMELINE["party_responded"] + datetime.timedelta(days=3)):
        response = client.post(
            reverse("party_respond", args=[case.pk]), respond_post(case), follow=True
        )
    assert response.redirect_chain == [(f"/en/party/cases/{case.pk}/", 302)]
    assert "This is not offered on this case:" in response.content.decode()
    assert Event.objects.filter(submission=case, kind="party_responded").count() == 1


# --- 4. The receipt page -----------------------------------------------------------------------


def test_the_receipt_names_its_download_and_quotes_the_act(client, a_focal):
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(TIMELINE["response_decided"] + datetime.timedelta(days=10)):
        response = client.post(
            reverse("party_respond", args=[case.pk]), respond_post(case), follow=True
        )
    html = response.content.decode()
    assert "Recorded: “Response of the Party”. Your receipt is below" in html
    link = re.search(r"Download the receipt</a> <span class=\"download__meta\">\(([^)]*)\)", html)
    assert link is not None
    assert re.fullmatch(r"DOCX, [\d,.]+ KB", link[1])
    assert "(Word)" not in html


def test_the_other_partys_letter_cannot_go_to_the_party_concerned(client, a_focal):
    case = drive("draft_comment_period", party=B).case
    client.force_login(a_focal)
    post = {
        "event_count": case.event_count,
        "subject": "Nota",
        "message": "Texto.",
        "visibility": "party_concerned",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
    }
    with frozen(AFTER_DRAFT):
        response = client.post(reverse("party_correspondence", args=[case.pk]), post)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Event.objects.filter(submission=case, kind="correspondence", author=f"party:{A}")


def test_a_letters_attachments_start_at_the_letters_audience(client, a_focal):
    """Walk 77: a letter to the Secretariat and the Party concerned alone offered each of its
    attachments to every Party and the Council at first."""
    case = drive("awaiting_response").case
    client.force_login(a_focal)
    with frozen(TIMELINE["response_decided"] + datetime.timedelta(days=10)):
        html = client.get(reverse("party_correspondence", args=[case.pk])).content.decode()

    def chosen(name):
        select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
        return re.findall(r'<option value="([^"]*)" selected>', select[1])

    assert chosen("visibility") == ["party_concerned"]
    # "Like the letter", whatever the letter is then given (walk 81: changed, the letter
    # left its attachment at the first choice).
    assert chosen("attachments-0-visibility") == [""]
    assert "Like the letter" in html
    post = {
        "subject": "Inspección",
        "message": "Remitimos el acta.",
        "visibility": "parties",
        "attachments-TOTAL_FORMS": "2",
        "attachments-INITIAL_FORMS": "0",
        "attachments-0-file": pdf("acta.pdf"),
        "attachments-0-title": "Acta de inspección",
        "attachments-0-language": "es",
        "attachments-0-visibility": "",
        "attachments-1-file": pdf("nota.pdf"),
        "attachments-1-title": "Nota reservada",
        "attachments-1-language": "es",
        "attachments-1-visibility": "party_concerned",
    }
    with frozen(TIMELINE["response_decided"] + datetime.timedelta(days=10)):
        response = client.post(reverse("party_correspondence", args=[case.pk]), post)
    assert response.status_code == 302
    letter = Event.objects.get(submission=case, kind="correspondence")
    assert letter.visibility == "parties"
    assert dict(letter.documents.values_list("title", "visibility")) == {
        "Acta de inspección": "parties",
        "Nota reservada": "party_concerned",
    }
