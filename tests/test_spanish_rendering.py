"""Acceptance 5 of issue 12: every event kind and every deadline explanation, rendered on the
Spanish pages that show them (the docket, the submitter's tracking page, the Party's and the
Council's portals, the workspace), shows no English sentence of the process.

The English sentences are read from the sources that word the process (event, stage and
deadline labels, explanations, timeline lines, the treaty's criteria and factors, and the
templates that render timelines and deadlines), cut at their placeholders; only pieces of two
words or more count, so that a word both languages share ("No", "Factor") is no false alarm.
"""

import datetime
import html
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from submissions.models import Document, Submission
from tests.helpers_cases import D, drive, frozen
from tests.parties import (
    CRITERIA,
    OTHERS,
    SLUG,
    A,
    B,
    identifier,
    members_needed,
)
from tests.parties import (
    name as party_name,
)
from workflow import services
from workflow.models import Deadline, Event
from workflow.registry import export_registry, import_registry
from workflow.table import EVENT_KINDS, TABLE

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
EVERY_KIND = Path(__file__).parent / "data" / "every_kind.json"
# The registry example with every event kind: Peru's case under the TPA, as the file has it;
# under another profile the same history, rewritten for Party A below.
EVERY = identifier(A, 7, 2024)
# What the profile's own steps add to the example: the CEC's votes against a factual record (the
# members of the Parties other than A and B vote against on the first day), CAFTA-DR's erratum
# (of the determination of 12 January 2024, after the withdrawal).
VOTES_AGAINST = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]
ERRATUM = {"us-peru-tpa": False, "usmca-cec": False, "cafta-dr": True}[SLUG]
# And the CEC's consolidation: two more cases of Party A, the later consolidated with the earlier.
CONSOLIDATION = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]
SUPPLEMENT = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]


def _consolidated_pair() -> list[dict]:
    """Two open cases of Party A in 2024 (numbers 8 and 9), the second consolidated with the
    first (tests/test_consolidation.py)."""

    def case(number, filed, events):
        return {
            "identifier": identifier(A, number, 2024),
            "party": A,
            "language": "es",
            "title": {"es": f"Relleno sanitario {number}"},
            "summary": {"es": "Los mismos hechos."},
            "laws": ["Ley General de Residuos"],
            "submitters": [{"name": "Vecinos", "kind": "organization", "country": A}],
            "events": [
                {"on": filed, "kind": "filed"},
                {"on": filed.replace("-10", "-12"), "kind": "acknowledged"},
                *events,
            ],
        }

    later = {
        "on": "2024-06-20",
        "kind": "consolidated",
        "with": identifier(A, 8, 2024),
        "note": "Presenta los mismos hechos, aseveraciones y leyes.",
    }
    return [case(8, "2024-05-10", []), case(9, "2024-06-10", [later])]


def _for_the_profile(payload: dict) -> dict:
    """The example (written for the TPA: Peru, criteria a–f, one member instructs, two Parties
    comment) as the installed profile's history: Party A for Peru, the profile's identifiers
    and criteria, as many Council members as its rule needs, every Party's comment."""
    if SLUG == "us-peru-tpa":
        return payload
    text = json.dumps(payload, ensure_ascii=False)
    # The identifiers, wherever they are (document codes, related cases), then Peru.
    for old, new in (
        ("SEM/PE/007/2024", EVERY),
        ("SEM/US/001/2024", identifier(B, 1, 2024)),
        ("SACA-SEEM/PE/001/2018", identifier(A, 1, 2018)),
    ):
        text = text.replace(old, new)
    text = text.replace('"PE"', f'"{A}"').replace('"party:PE"', f'"party:{A}"')
    text = text.replace('"council:PE"', f'"council:{A}"')
    payload = {**json.loads(text), "profile": SLUG}
    for case in payload["submissions"]:
        events, position, first = [], {}, set()  # first: the kinds seen
        for index, event in enumerate(case["events"]):
            if "criteria" in event and event["on"] >= "2020-07-01":
                event["criteria"] = {c: event["criteria"][c] for c in CRITERIA}
            position[index] = len(events)
            events.append(event)
            kind = event["kind"]
            if kind == "council_instructed" and kind in first:
                events.pop()  # A's member voted with the others on the first day (below)
                continue
            if kind == "council_instructed":
                # The Council votes on the first day: the others' members against (a kind of
                # the CEC's alone), B's and A's for, as many as its rule needs.
                first.add(kind)
                events.pop()
                for member in OTHERS if VOTES_AGAINST else ():
                    vote = {**event, "kind": "council_declined", "party": member}
                    events.append({**vote, "author": f"council:{member}"})
                for member in (B, A)[: members_needed(kind)]:
                    events.append({**event, "party": member, "author": f"council:{member}"})
            if kind == "publication_instructed":
                # As many members as the rule needs: A's, then the others'.
                for member in (*OTHERS, B)[: members_needed(kind) - 1]:
                    events.append({**event, "party": member, "author": f"council:{member}"})
            if kind == "party_responded" and SUPPLEMENT:
                # The Party's supplemental information, the CEC's SEM-04-005, days later.
                events.append(
                    {
                        "on": "2024-04-20",
                        "kind": "party_information_added",
                        "author": f"party:{A}",
                        "note": "Información complementaria: el procedimiento sigue en curso.",
                    }
                )
            if kind == "draft_commented" and event["party"] == B:
                for other in OTHERS:
                    events.append({**event, "party": other, "author": f"party:{other}"})
        # References to earlier events by their place in the list follow them.
        for event in events:
            if "proposal_event" in event:
                event["proposal_event"] = position[event["proposal_event"]]
            if isinstance(event.get("event"), int):
                event["event"] = position[event["event"]]
            if isinstance(event.get("document"), list):
                event["document"] = [position[event["document"][0]], event["document"][1]]
        if ERRATUM and case.get("identifier") == EVERY:
            # The erratum of the determination SEM/PE/007/2024/D1 (event 10), in the closed case.
            corrected = position[10]
            assert events[corrected]["kind"] == "admissibility_determined"
            events.append(
                {
                    "on": "2024-10-15",
                    "kind": "erratum",
                    "corrects": corrected,
                    "note": "Donde dice criterio (c), debe decir criterio (e).",
                }
            )
        case["events"] = events
    if CONSOLIDATION:
        payload["submissions"] += _consolidated_pair()
    return payload


# Where the process is put into words for these pages.
PYTHON_SOURCES = [
    "workflow/describe.py",
    "workflow/deadlines.py",
    "workflow/treaty.py",
    "workflow/table.py",
    "workflow/models.py",
    "submissions/stages.py",
]
TEMPLATES = [
    "templates/docket/case.html",
    "templates/filing/track.html",
    "templates/filing/_deadlines.html",
    "templates/portals/_events.html",
    "templates/portals/_deadlines.html",
    "templates/workspace/_event.html",
]
LITERAL = r'(?:"(?:[^"\\]|\\.)*"\s*)+'
CALL = re.compile(r"\b(?:_|gettext|gettext_lazy)\(\s*(" + LITERAL + r")\s*[,)]")
TRANSLATE = re.compile(r'{%\s*translate\s+"([^"]+)"')
BLOCK = re.compile(r"{%\s*blocktranslate[^%]*%}(.*?){%\s*endblocktranslate\s*%}", re.S)
PLACEHOLDER = re.compile(r"%\(\w+\)s|{{[^}]*}}|{\w*}")


def _msgids() -> set[str]:
    found = set()
    for name in PYTHON_SOURCES:
        for literals in CALL.findall((ROOT / name).read_text(encoding="utf-8")):
            found.add(
                "".join(json.loads(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', literals))
            )
    for name in TEMPLATES:
        text = (ROOT / name).read_text(encoding="utf-8")
        found.update(TRANSLATE.findall(text))
        found.update(" ".join(body.split()) for body in BLOCK.findall(text))
    return found


def english_sentences() -> dict[str, str]:
    """Each piece of two words or more of the process's English, with its message; a piece the
    Spanish translation keeps as it is (a name, an article number) does not count."""
    pieces = {}
    for msgid in _msgids():
        with translation.override("es"):
            spanish = gettext(msgid)
        for piece in PLACEHOLDER.split(msgid):
            piece = piece.strip(" .,:;—–()“”«»\n")
            kept = spanish != msgid and piece in spanish  # untranslated: every piece counts
            if len(piece.split()) >= 2 and not kept:
                pieces[piece] = msgid
    return pieces


def page_text(response) -> str:
    assert response.status_code == 200, response.status_code
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def spanish(msgid: str) -> str:
    with translation.override("es"):
        return gettext(msgid)


@pytest.fixture
def cases(officer, director):
    """Every event kind (the registry's example with each one), links between related cases,
    each reason for recomputing deadlines, and each kind of deadline explanation."""
    payload = _for_the_profile(json.loads(EVERY_KIND.read_text(encoding="utf-8")))
    report = import_registry(payload, base_dir=EVERY_KIND.parent)
    assert report.ok, report.refused
    every = Submission.objects.get(identifier=EVERY)
    kinds = set(Event.objects.values_list("kind", flat=True))
    assert kinds == set(EVENT_KINDS)  # every event kind of this profile is on some page below

    # Recomputed: a non-working day on a due date, a length changed and back, the day removed.
    # A length the Secretariat sets (the TPA's 30 days to determine admissibility; the CEC's is
    # the treaty's, so its 5 working days to acknowledge, of a case not yet acknowledged).
    period, length = {
        "us-peru-tpa": ("admissibility", 30),
        "usmca-cec": ("acknowledgement", 5),
        "cafta-dr": ("admissibility", 30),
    }[SLUG]
    # The non-working day: admissibility due Sunday 9 April → Monday 10.
    edited = drive("admissibility_review", acknowledged=period == "admissibility").case
    with frozen(D(2023, 3, 20)):
        services.set_non_working_day(D(2023, 4, 10), "Cierre por mantenimiento", actor=director)
        services.set_deadline_length(period, 35, actor=director)
        services.set_deadline_length(period, length, actor=director)
        services.remove_non_working_day(D(2023, 4, 10), actor=director)
    reasons = [e.data["reason"]["code"] for e in edited.events.filter(kind="deadlines_recomputed")]
    assert sorted(set(reasons)) == [
        "length_set",
        "non_working_day_added",
        "non_working_day_removed",
    ]
    services.link_related(edited, every, actor=officer, reason="Misma concesión.")
    services.unlink_related(edited, every, actor=officer, reason="Asuntos distintos.")
    services.link_related(edited, every, actor=officer, reason="Misma concesión, otra vez.")

    return {
        "every": every,
        "edited": edited,
        # Working days: the acknowledgement of a case not yet registered.
        "unregistered": drive("admissibility_review", acknowledged=False).case,
        # Moved to the next working day: admissibility due on Sunday 9 April 2023.
        "moved": drive("admissibility_review").case,
        # Calendar days: the Party's response (the TPA's 45 days, the USMCA's 60).
        "waiting": drive("awaiting_response").case,
        "council": drive("awaiting_council").case,
        # The CEC's consolidation, on the later case's pages (_consolidated_pair).
        **(
            {"consolidated": Submission.objects.get(identifier=identifier(A, 9, 2024))}
            if CONSOLIDATION
            else {}
        ),
    }


def _pages(client, cases, officer, a_focal, a_council):
    def tracking(case):
        token = case.memberships.order_by("position", "id").first().tracking_token
        return f"/es/track/{token}/"

    with translation.override("es"):
        public = {
            f"docket {name}": reverse("docket_case", args=[case.slug])
            for name, case in cases.items()
            if case.identifier
        }
        party = {
            f"party {name}": reverse("party_case", kwargs={"pk": cases[name].pk})
            for name in ("every", "waiting")
        }
        council = {
            f"council {name}": reverse("council_case", kwargs={"pk": cases[name].pk})
            for name in ("every", "council")
        }
        workspace = {
            f"workspace {name}": reverse("ws_case", kwargs={"pk": case.pk})
            for name, case in cases.items()
        }
    pages = {}
    for label, url in public.items():
        pages[label] = page_text(client.get(url))
    for name, case in cases.items():
        pages[f"tracking {name}"] = page_text(client.get(tracking(case), follow=True))
    for user, urls in ((a_focal, party), (a_council, council), (officer, workspace)):
        client.force_login(user)
        for label, url in urls.items():
            pages[label] = page_text(client.get(url))
        client.logout()
    return pages


@frozen(D(2023, 3, 30))
def test_spanish_pages_show_no_english_sentence_of_the_process(
    client, cases, officer, a_focal, a_council
):
    pages = _pages(client, cases, officer, a_focal, a_council)
    # What people wrote (document titles in English, say) is theirs, not the process's words:
    # a piece counts only where it appears more often than inside such texts.
    written = {*Document.objects.values_list("title", flat=True)}
    written |= {*Event.objects.values_list("title", flat=True)}
    written = {" ".join(w.split()) for w in written if w}

    def outside_writing(piece, text):
        inside = sum(text.count(w) * w.count(piece) for w in written if piece in w)
        return text.count(piece) > inside

    sentences = english_sentences()
    assert len(sentences) > 150  # the sources were read
    leaked = {
        label: sorted(piece for piece in sentences if outside_writing(piece, text))
        for label, text in pages.items()
    }
    assert {label: found for label, found in leaked.items() if found} == {}

    # And the Spanish words are there: a sample of each kind of thing these pages word.
    with translation.override("es"):
        docket_moved = pages["docket moved"]
        assert "30 días calendario desde la presentación, el 10 de marzo de 2023" in docket_moved
        assert "trasladado al siguiente día hábil" in docket_moved
        assert "5 días hábiles desde la presentación" in pages["tracking unregistered"]
        # The Party's response: the TPA's 45 days, the USMCA's 60 (Art. 24.27(4)), CAFTA-DR's 45
        # (Art. 17.7.5).
        days = {"us-peru-tpa": 45, "usmca-cec": 60, "cafta-dr": 45}[SLUG]
        assert f"{days} días calendario desde la entrega de la solicitud" in pages["party waiting"]
        assert str(TABLE["filed"].label) in pages["docket every"]
        assert str(TABLE["party_responded"].label) in pages["party every"]
        workspace = pages["workspace edited"]
        assert f"{spanish('Linked to a related case')}: {cases['every'].identifier}" in workspace
        assert spanish("Link to a related case removed") in workspace
        assert "Día no hábil agregado: 10 de abril de 2023 (Cierre por mantenimiento)" in workspace
        assert "Día no hábil eliminado: 10 de abril de 2023" in workspace
        assert "fijada en 35 días" in workspace
        criterion = spanish(
            {
                "us-peru-tpa": "is in writing in either English or Spanish",
                "usmca-cec": "is in writing in English, French, or Spanish",
                "cafta-dr": "is in writing in either English or Spanish",
            }[SLUG]
        )
        assert f"(a) {criterion}" in pages["workspace every"]


def test_an_explanation_stored_in_english_before_codes_is_shown_in_spanish(client, cases):
    """Rows written before explanations were codes hold English words; when the row's fields
    give the same words they are put into Spanish like any other."""
    deadline = Deadline.objects.get(submission=cases["moved"], kind="admissibility")
    assert deadline.explanation == "next_working_day"  # a code, no sentence
    old = (
        "30 calendar days from filing on 10 March 2023 → Sunday 9 April 2023, moved to the "
        "next working day, Monday 10 April 2023"
    )
    Deadline.objects.filter(pk=deadline.pk).update(explanation=old)
    with translation.override("es"):
        url = reverse("docket_case", args=[cases["moved"].slug])
    text = page_text(client.get(url))
    assert old not in text
    assert "domingo 9 de abril de 2023, trasladado al siguiente día hábil" in text
    # Words the row's fields do not give (written by hand, say) are shown as they are.
    Deadline.objects.filter(pk=deadline.pk).update(explanation="Plazo acordado por escrito.")
    assert "Plazo acordado por escrito." in page_text(client.get(url))


def test_links_and_recomputations_keep_the_chain_free_of_words(cases):
    edited = cases["edited"]
    link = Event.objects.filter(submission=edited, kind="correspondence").order_by("seq").first()
    assert (link.title, link.data) == ("", {"link": "linked", "other": cases["every"].identifier})
    recomputed = Event.objects.filter(submission=edited, kind="deadlines_recomputed").first()
    assert recomputed.data["reason"] == {
        "code": "non_working_day_added",
        "date": "2023-04-10",
        "description": "Cierre por mantenimiento",
    }
    assert isinstance(
        datetime.date.fromisoformat(recomputed.data["changes"][0]["to"]), datetime.date
    )


def test_a_case_with_links_and_recomputations_round_trips_through_the_registry(cases):
    """The codes are data keys of the registry format: a restricted export with them imports
    again (hashes checked on the way in) and exports the same bytes."""
    first = export_registry(restricted=True)
    assert '"link": "unlinked"' in first and '"code": "length_set"' in first
    Submission.objects.all().delete()
    report = import_registry(json.loads(first))
    assert report.ok, [str(r) for r in report.refused]
    assert export_registry(restricted=True) == first


def test_no_party_or_outcome_code_on_the_docket_or_the_approvals_page(client, officer, director):
    """Seen walking the process on /es/: "Parte: PE" under a Council instruction on the
    docket, "Resultado: meets" on the Director's approvals page."""
    story = drive("awaiting_council")
    story.council(on=D(2023, 9, 20))
    page = page_text(Client().get(f"/es/docket/{story.case.slug}/"))
    # The member's Party, named as such (walk 47: "Parte: …" read as the Party concerned).
    assert f"Miembro del Consejo: {party_name(A, 'es')}" in page
    assert f"Parte: {A}" not in page and f"Consejo: {A}" not in page
    review = drive("admissibility_review", party=B)
    with frozen(D(2023, 3, 20)):
        services.record_event(
            review.case,
            "admissibility_determined",
            actor=officer,
            data={
                "outcome": "meets",
                "criteria": {k: {"met": True, "reasons": "Sí."} for k in CRITERIA},
            },
        )
    client.force_login(director)
    approvals = page_text(client.get("/es/secretariat/approvals/"))
    assert "meets" not in approvals
    assert "cumple los requisitos" in approvals
