"""A profile's combined determination (issue #18): admissibility and the request for a
response in one determination, from admissibility review (the CEC's practice; CAFTA-DR once,
after a revision). The US-Peru TPA refuses it: its table is REGISTRY-FORMAT.md's, where a
determination under Art. 18.8.4 follows one under Art. 18.8.2.

The engine, the workspace and the formal documents run here under the installed profile with
the combined determination added (``profiles.COMBINED_DETERMINATION``; the CEC's has it), or
taken away (the TPA's has none).
"""

import dataclasses
import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from notices import emails
from notices.models import Notice
from submissions import profiles
from submissions.models import Document
from submissions.stages import Stage
from tests.documents.test_decisions_reach_the_public import Web, assert_document
from tests.filing.conftest import filing_data
from tests.helpers_cases import ALL_MET, drive, frozen
from tests.parties import CRITERIA as LETTERS
from tests.parties import PROFILE, SLUG, A
from workflow import table
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event
from workflow.treaty import CRITERIA

pytestmark = pytest.mark.django_db

D = datetime.date
FACTORS_FOUND = {
    letter: {"met": letter in "ab", "reasons": f"Factor {letter}."} for letter in "abcd"
}


# The first case of 2026: its Party's first under the TPA, the first of all under the CEC and
# CAFTA-DR.
CASE = {
    "us-peru-tpa": "SEM/PE/001/2026",
    "usmca-cec": "SEM-26-001",
    "cafta-dr": "CAALA/26/001",
}[SLUG]
# A filing about Party A by one of its nationals (the form's own default is Peru).
ABOUT_A = {"s0-nationality": A, "f-party": A}


def _transitions(monkeypatch, transitions):
    profile = dataclasses.replace(PROFILE, transitions=transitions)
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


@pytest.fixture
def combined(monkeypatch):
    _transitions(monkeypatch, {**PROFILE.transitions, **profiles.COMBINED_DETERMINATION})


@pytest.fixture
def separate(monkeypatch):
    """The installed profile without the combined determination (the TPA's own)."""
    combined = profiles.COMBINED_DETERMINATION
    _transitions(monkeypatch, {k: v for k, v in PROFILE.transitions.items() if k not in combined})


def test_the_tpa_refuses_a_combined_determination(separate):
    assert ("admissibility_review", "response_decided") not in table.legal_pairs()
    story = drive(Stage.ADMISSIBILITY_REVIEW)
    with pytest.raises(RuleViolation) as refused:
        story.add(
            "response_decided",
            D(2023, 3, 14),
            data={"outcome": "request", "criteria": ALL_MET, "factors": FACTORS_FOUND},
        )
    assert "cannot be recorded while the case is in" in str(refused.value)
    assert story.stage == Stage.ADMISSIBILITY_REVIEW


def test_a_combined_determination_moves_review_to_the_partys_response(combined):
    assert ("admissibility_review", "response_decided") in table.legal_pairs()
    story = drive(Stage.ADMISSIBILITY_REVIEW)
    event = story.add(
        "response_decided",
        D(2023, 3, 14),
        data={"outcome": "request", "criteria": ALL_MET, "factors": FACTORS_FOUND},
    )
    assert story.stage == Stage.AWAITING_RESPONSE
    assert event.code.endswith("/D1")
    admissibility = Deadline.objects.get(submission=story.case, kind="admissibility")
    assert (admissibility.state, admissibility.met_on) == ("met", D(2023, 3, 14))
    assert not Deadline.objects.filter(submission=story.case, kind="response_decision")
    response = Deadline.objects.get(submission=story.case, kind="party_response")
    assert (response.state, response.start_on) == ("open", D(2023, 3, 14))


def test_a_combined_determination_not_to_request_closes_the_case(combined):
    story = drive(Stage.ADMISSIBILITY_REVIEW)
    story.add(
        "response_decided",
        D(2023, 3, 14),
        data={"outcome": "no_request", "criteria": ALL_MET, "factors": FACTORS_FOUND},
    )
    assert (story.stage, story.case.closure_reason) == (Stage.CLOSED, "no_response_merited")


def test_a_combined_determination_finds_every_criterion_met(combined):
    story = drive(Stage.ADMISSIBILITY_REVIEW)
    unmet = {**ALL_MET, "c": {"met": False, "reasons": "Sin pruebas."}}
    for criteria in (unmet, None, {"a": ALL_MET["a"]}):
        with pytest.raises(RuleViolation) as refused:
            story.add(
                "response_decided",
                D(2023, 3, 14),
                data={"outcome": "request", "criteria": criteria, "factors": FACTORS_FOUND},
            )
        assert refused.value.rule == "combined determination: every criterion met"
    # The separate path stays open: the criteria alone, then the request.
    story.add(
        "admissibility_determined", D(2023, 3, 14), data={"outcome": "meets", "criteria": ALL_MET}
    )
    with pytest.raises(RuleViolation) as refused:
        story.add(
            "response_decided",
            data={"outcome": "request", "criteria": ALL_MET, "factors": FACTORS_FOUND},
        )
    assert refused.value.rule == "criteria: combined determination only"
    story.add("response_decided", data={"outcome": "request", "factors": FACTORS_FOUND})
    assert story.stage == Stage.AWAITING_RESPONSE


def test_an_officer_proposes_it_and_the_party_receives_the_request(
    combined, officer, director, a_focal, a_council, b_focal
):
    """In the workspace: the officer finds the combined determination offered in admissibility
    review, fills the criteria and the factors, the Director approves; the public reads one
    document with both sets of findings, and the Party concerned is sent the request."""
    web = Web(officer, director, a_focal, a_council)
    with frozen(D(2026, 3, 2)):
        # the name withheld, as Web expects
        data = filing_data(**{"s0-confidential": "on", **ABOUT_A})
        assert web.public.post("/es/file/", data).status_code == 302
    with frozen(D(2026, 3, 3)):
        web.act("acknowledged", {})
    case = web.case()
    with frozen(D(2026, 3, 10)):
        page = web.officer.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
        assert "/act/response_decided/" in page and "/act/admissibility_determined/" in page
        fields = {"outcome": "request"}
        for letter in LETTERS:
            fields[f"criterion_{letter}_finding"] = "met"
            fields[f"criterion_{letter}_reasons"] = f"Requisito {letter} cumplido."
        for letter, finding in {"a": "yes", "b": "yes", "c": "no", "d": "no"}.items():
            fields[f"{letter}_finding"] = finding
            fields[f"{letter}_reasons"] = f"Factor {letter}: ver expediente."
        proposal = web.act("response_decided", fields)
        # The Director is told of it by its name for both findings.
        notice = Notice.objects.get(message="proposal_awaiting", recipient_email=director.email)
        with translation.override("en"):
            sent_to_director = " ".join(emails.render(notice))
        assert (
            "A proposed decision awaits your approval: "
            + {
                "us-peru-tpa": "Determination under Articles 18.8.2 and 18.8.4",
                "usmca-cec": "Determination under Article 24.27(2) and (3)",
                "cafta-dr": "Determination under Articles 17.7.2 and 17.7.4",
            }[SLUG]
        ) in sent_to_director
        decision = web.approve(proposal)
    case.refresh_from_db()
    assert case.stage == Stage.AWAITING_RESPONSE
    assert decision.code == f"{CASE}/D1"
    assert set(decision.data["criteria"]) == set(CRITERIA)
    assert {d.kind for d in Document.objects.filter(event=decision)} == {"determination", "request"}
    found = web.public_documents_of(decision)
    # The CEC's French version beside the Spanish original and its English translation.
    languages = {
        "us-peru-tpa": {"es", "en"},
        "usmca-cec": {"es", "en", "fr"},
        "cafta-dr": {"es", "en"},
    }[SLUG]
    assert set(found) == languages
    for docx, html, _document in [found[language] for language in languages - {"es", "en"}]:
        for text in (docx, html):
            assert f"{CASE}/D1" in text and "10 mars 2026" in text
            for letter in LETTERS:
                with translation.override("fr"):
                    assert f"({letter}) {CRITERIA[letter]}" in text
            assert text.count("Satisfait") >= len(LETTERS)
    assert_document(
        {language: found[language] for language in ("es", "en")},
        code=f"{CASE}/D1",
        identifier=CASE,
        dates={"es": "10 de marzo de 2026", "en": "10 March 2026"},
        items={**{letter: CRITERIA[letter] for letter in LETTERS}},
        findings={"es": dict.fromkeys(LETTERS, "Cumple"), "en": dict.fromkeys(LETTERS, "Met")},
    )
    for _language, (docx, html, _document) in found.items():
        for text in (docx, html):
            for letter in "abcd":
                assert f"Factor {letter}: ver expediente." in text
    # The title names its articles, as the docket names the step (walk 121: "Determination on
    # the criteria and on requesting a response" beside "under Articles 17.7.2 and 17.7.4").
    title = {
        "us-peru-tpa": "Determinación conforme a los artículos 18.8.2 y 18.8.4",
        "usmca-cec": "Determinación conforme al artículo 24.27(2) y (3)",
        "cafta-dr": "Determinación conforme a los artículos 17.7.2 y 17.7.4",
    }[SLUG]
    assert title in found["es"][0]
    # The docket names the step for both findings, and says which list is which (both are
    # lettered from (a)); the ninth walk read "Article 24.27(3)" beside a document of both.
    docket = web.public.get(f"/en/docket/{case.slug_for(CASE)}/").content.decode()
    assert {
        "us-peru-tpa": "Determination under Articles 18.8.2 and 18.8.4",
        "usmca-cec": "Determination under Article 24.27(2) and (3)",
        "cafta-dr": "Determination under Articles 17.7.2 and 17.7.4",
    }[SLUG] in docket
    # Each item named, then its words (walk 50: «Critère (a) est présentée par écrit»).
    assert "Criterion (a) — " in docket and "Factor (a) — " in docket
    # The Party concerned has the request: its portal opens the case and offers the response,
    # and its focal point is written to.
    portal = web.party.get(reverse("party_case", kwargs={"pk": case.pk}))
    assert portal.status_code == 200
    assert reverse("party_respond", kwargs={"pk": case.pk}) in portal.content.decode()
    assert Notice.objects.filter(submission=case, message="request_to_party").exists()


def test_the_form_refuses_a_criterion_not_met(combined, officer, director, a_focal, a_council):
    web = Web(officer, director, a_focal, a_council)
    with frozen(D(2026, 3, 2)):
        web.public.post("/es/file/", filing_data(**ABOUT_A))
    with frozen(D(2026, 3, 3)):
        web.act("acknowledged", {})
    case = web.case()
    fields = {"event_count": case.event_count, "response_decided-outcome": "request"}
    for letter in LETTERS:
        fields[f"response_decided-criterion_{letter}_finding"] = (
            "not_met" if letter == "c" else "met"
        )
        fields[f"response_decided-criterion_{letter}_reasons"] = "x"
    for letter in "abcd":
        # (d) as the filing answered it: not drawn only from mass media.
        fields[f"response_decided-{letter}_finding"] = "no" if letter == "d" else "yes"
        fields[f"response_decided-{letter}_reasons"] = "x"
    with frozen(D(2026, 3, 10)):
        response = web.officer.post(
            reverse("ws_action", kwargs={"pk": case.pk, "kind": "response_decided"}), fields
        )
    assert response.status_code == 200
    # The officer works in Spanish: the error is in Spanish.
    assert "Una determinación conjunta concluye que se cumplen todos los requisitos" in (
        response.content.decode()
    )
    assert Event.objects.filter(submission=case).count() == 2


# The combined determination's name, in the installed profile's articles.
COMBINED_LABEL = {
    "us-peru-tpa": "Determination under Articles 18.8.2 and 18.8.4",
    "usmca-cec": "Determination under Article 24.27(2) and (3)",
    "cafta-dr": "Determination under Articles 17.7.2 and 17.7.4",
}[SLUG]


def test_the_workspace_offers_it_under_its_own_name_with_each_list_named(combined, client, officer):
    """Walk 19: in admissibility review the action read "Determination under Article 17.7.4"
    (the factors alone), and its form gave "(a)" twice, criteria and factors alike."""
    case = drive(Stage.ADMISSIBILITY_REVIEW).case
    client.force_login(officer)
    with frozen(D(2023, 3, 14)):
        page = client.get(reverse("ws_case", kwargs={"pk": case.pk})).content.decode()
    form = page[page.index(f'aria-label="{COMBINED_LABEL}"') :]
    form = form[: form.index("</form>")]
    assert f"<summary>{COMBINED_LABEL}" in page
    criterion, factor = CRITERIA["a"], PROFILE.factors["a"]
    assert f"Criterion (a) — {criterion}" in form and f"Factor (a) — {factor}" in form
    assert "Reasons for criterion (a)" in form and "Reasons for factor (a)" in form
