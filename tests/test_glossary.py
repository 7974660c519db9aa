"""Acceptance 1 of issue 17: Spanish a Peruvian lawyer would sign.

``docs/glossary.md`` is read as data: its terms (English → Spanish) and its words to avoid. The
catalogue must follow it; and every public, workspace and portal page and every email kind,
rendered in Spanish for a case about each Party with a submitter whose identity is withheld,
must show none of the broken phrases that placeholders used to make ("a el Perú", "por
Secretaría"), no Party or outcome code as visible text, and the glossary's Spanish wherever the
same page in English shows the English term.
"""

import csv
import html
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import trans_real

from notices import emails, messages, personal
from notices.context import case_context
from notices.models import Notice
from submissions import profiles
from submissions.models import Party, SubmissionSubmitter, User
from submissions.stages import ClosureReason
from tests.helpers_cases import D, drive, frozen
from tests.parties import CODES, OTHERS, SLUG, A, B, es, name
from workflow import treaty
from workflow.models import Event

pytestmark = pytest.mark.django_db

GLOSSARY = Path(settings.BASE_DIR) / "docs" / "glossary.md"


def _table(heading: str) -> list[list[str]]:
    """The rows of the first table under ``## heading``, as lists of cell texts."""
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[2:]]


def _english(term: str) -> str:
    """An English term as a pattern that admits its plural ("submissions")."""
    return r"\b" + r"\s+".join(re.escape(word) for word in term.split()) + r"(?:s|es)?\b"


def _spanish(term: str) -> str:
    """A Spanish term as a pattern that admits its plural and agreement ("comunicaciones",
    "no divulgada")."""
    words = []
    for word in term.split():
        words.append(re.escape(word[:-2]) + r"\w*" if len(word) > 4 else re.escape(word))
    return r"\b" + r"\s+".join(words)


# Where the English or the Spanish of a term takes forms a stem cannot follow; the rest of the
# table is used as it is.
ENGLISH_FORMS = {
    "fail to effectively enforce": r"\bfail\w* to effectively enforce",
    "comments on accuracy": r"\bcomment\w* on (?:its|the) accuracy",
    "instruct": r"\binstruct\w*",
    "warrants": r"\bwarrant\w*",
    # Not in "withheld at the submitter's request": its own term, worded for anyone.
    "submitter": r"\bsubmitters?\b(?!'s? request)",
    # An entry of a case's history (walk 80: "entrada" on a form, "actuación" on the next).
    "entry (of a case's history)": r"\bentry\b|\bentries\b",
}
SPANISH_FORMS = {
    "instruct": r"instrucci",
    "entry (of a case's history)": r"\bactuaci",
    "fail to effectively enforce": r"aplica\w* efectivamente",
    "filing": r"\bpresent",
    "draft factual record": r"\b" + es("borrador"),
    "comments on accuracy": r"\bobservaciones sobre (?:la|su) exactitud",
    "withheld from the public": r"\bno (?:se )?divulg",
    "working days": r"\bh[aá]bil",
    "calendar days": r"\bd[ií]as? calendario",
}

# Catalogue entries a term's check does not apply to: the treaty quoted in its own words, and
# "submission" meaning the act of submitting a record ("dentro de los 45 días posteriores a su
# presentación"), not a citizen's submission.
EXEMPT = {str(text) for text in (*treaty.CRITERIA.values(), *treaty.FACTORS.values())} | {
    # Every profile's treaty texts, earlier eras' included (NAAEC's "petición").
    str(text)
    for profile in profiles.PROFILES.values()
    for texts in (profile, *profile.earlier_eras)
    for text in (*texts.criteria.values(), *texts.factors.values())
}
# Django admin's own (its log of changes), shown to superusers alone in Django's words.
EXEMPT |= {"entry", "log entry", "log entries"}
NOT_A_SUBMISSION = re.compile(r"submission of the|of its submission")


def glossary_terms() -> list[tuple[str, str, str]]:
    """(English term, English pattern, Spanish pattern) for each row of the terms table, the
    Spanish as the installed profile words it (``es``)."""
    terms = []
    for english, spanish, *_rest in _table("Terms"):
        terms.append(
            (
                english,
                ENGLISH_FORMS.get(english, _english(english)),
                SPANISH_FORMS.get(english, _spanish(es(spanish))),
            )
        )
    return terms


# The glossary's Secretariat's name is the TPA's (and the site's under the CEC); CAFTA-DR's
# body is the "Secretaría de Asuntos Ambientales" (the glossary's "that other name"): under
# that profile the two names swap places, its own used and the TPA's avoided.
OWN_NAME, OTHER_NAME = {
    "us-peru-tpa": (
        "Secretaría para Asuntos de Cumplimiento Ambiental",
        "Secretaría de Asuntos Ambientales",
    ),
    "usmca-cec": (
        "Secretaría para Asuntos de Cumplimiento Ambiental",
        "Secretaría de Asuntos Ambientales",
    ),
    "cafta-dr": (
        "Secretaría de Asuntos Ambientales",
        "Secretaría para Asuntos de Cumplimiento Ambiental",
    ),
}[SLUG]


def words_to_avoid() -> list[str]:
    # The word a profile uses for a term itself is not one to avoid under it (es(): the CEC's
    # "petición" for a submission, the CEC's and CAFTA-DR's "peticionario" for a submitter).
    words = [avoid for avoid, use, *_rest in _table("Words to avoid") if es(use) != avoid]
    if es("remitente") != "remitente":  # and the TPA's word is then one to avoid ("comunicación"
        words.append("remitente")  # is not: it also names the media, "medios de comunicación")
    return [OTHER_NAME if word == OWN_NAME else word for word in words]


def spanish_catalogue(shown: bool = False) -> dict[str, str]:
    """The compiled Spanish catalogue the site uses: msgid → msgstr (plural forms by their
    singular msgid, contexts stripped). ``shown``: only each key's value the site reads, where a
    profile's own catalogue hides the common one's (CAFTA-DR's Secretariat's name for the
    TPA's); otherwise every catalogue's values, joined."""
    catalogue = trans_real.translation("es")._catalog
    entries = {}
    if shown:
        pairs = [(key, catalogue[key]) for key in dict.fromkeys(k for k, _v in catalogue.items())]
    else:
        pairs = list(catalogue.items())
    for key, value in pairs:
        msgid = key[0] if isinstance(key, tuple) else key
        msgid = msgid.split("\x04", 1)[-1]
        if msgid:
            entries.setdefault(msgid, []).append(value)
    return {msgid: " ".join(values) for msgid, values in entries.items()}


def test_the_glossary_is_read():
    terms = {english for english, *_ in glossary_terms()}
    assert {"submission", "submitter", "factual record", "Executive Director", "docket"} <= terms
    assert len(terms) >= 25
    assert "Director Ejecutivo" in words_to_avoid()
    for _english, english_pattern, spanish_pattern in glossary_terms():
        re.compile(english_pattern)
        re.compile(spanish_pattern)


def test_the_catalogue_follows_the_glossary():
    catalogue = spanish_catalogue()
    assert len(catalogue) > 1000
    broken = {}
    for english, english_pattern, spanish_pattern in glossary_terms():
        for msgid, msgstr in catalogue.items():
            if msgid in EXEMPT or not re.search(english_pattern, msgid, re.I):
                continue
            if english == "submission" and NOT_A_SUBMISSION.search(msgid):
                continue
            if not re.search(spanish_pattern, msgstr, re.I):
                broken.setdefault(english, []).append((msgid, msgstr))
    assert broken == {}


def test_the_catalogue_uses_no_word_to_avoid():
    found = [
        (word, msgid, msgstr)
        for msgid, msgstr in spanish_catalogue(shown=True).items()
        if msgid not in EXEMPT
        for word in words_to_avoid()
        if word.lower() in msgstr.lower()
    ]
    assert found == []


# --- Pages and emails ----------------------------------------------------------------------

# What placeholders made of a preposition and a name, and words the issue found.
BROKEN = [
    r"\b(?:a|de) el\b",
    r"\bpor Secretaría\b",
    r"\bpor (?:Remitente|Peticionario)\b",
    r"Identidad reservada al público",
    re.escape(OTHER_NAME),
]
# Identifiers and document codes carry the Party's code by design under the TPA
# (SEM/PE/001/2023/D1); the CEC's (SEM-23-001) carry none.
PARTY_CODE = "|".join(CODES)
IDENTIFIER = re.compile(rf"\b[A-Z0-9-]+/(?:{PARTY_CODE})/\d{{3,}}/\d{{4}}(?:/[A-Z]+\d*)?")
PARTY_OR_OUTCOME = re.compile(
    rf"\b(?:{PARTY_CODE})\b|\b(?:party|council):(?:{PARTY_CODE})\b"
    r"|\b(?:meets|does_not_meet|no_request|not_warranted|warranted)\b"
)


def visible(body: str) -> str:
    """The text a person sees: no tags, scripts or styles; entities decoded; spaces folded."""
    body = re.sub(r"<(script|style|head)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def problems(text: str, codes: bool = True) -> list[str]:
    found = [m.group(0) for pattern in BROKEN for m in re.finditer(pattern, text)]
    found += [word for word in words_to_avoid() if word.lower() in text.lower()]
    if codes:
        found += [m.group(0) for m in PARTY_OR_OUTCOME.finditer(IDENTIFIER.sub(" ", text))]
    return found


# The audit page shows the stored rows' history as stored (``outcome: meets``, ``party: PE``):
# that is the record being audited, not words for a reader.
RAW_RECORDS = tuple(f"audit {code}" for code in CODES)


def missing_terms(english_text: str, spanish_text: str) -> list[str]:
    """The glossary terms the English shows whose Spanish the Spanish does not."""
    return [
        english
        for english, english_pattern, spanish_pattern in glossary_terms()
        if re.search(english_pattern, english_text, re.I)
        and not re.search(spanish_pattern, spanish_text, re.I)
    ]


def withheld(story):
    """The case's submitter asks for their identity to be withheld (through the workflow)."""
    story.add("identity_withheld", data={"submitter": 0}, author="submitter")
    assert story.case.memberships.get().submitter.confidential
    return story


@pytest.fixture
def cases():
    """A case about each Party, each with a withheld submitter, far enough along to have
    determinations, a request, a response and (for Party A) a notification to the Council."""
    with frozen(D(2023, 7, 20)):
        stories = {A: withheld(drive("awaiting_council", party=A))}
        for code in (B, *OTHERS):
            stories[code] = withheld(drive("awaiting_response", party=code))
    return {code: story.case for code, story in stories.items()}


# Party A's name and the phrases its Spanish takes, whole (the TPA's Peru takes the article).
A_ES = {
    "us-peru-tpa": {
        "concerning": "relativa al Perú",
        "request": "una respuesta del Perú",
        "government": "en nombre del Gobierno del Perú",
        "for": "del Perú.",
    },
    "usmca-cec": {
        "concerning": "relativa a México",
        "request": "una respuesta de México",
        "government": "en nombre del Gobierno de México",
        "for": "de México.",
    },
    "cafta-dr": {
        "concerning": "relativa a Guatemala",
        "request": "una respuesta de Guatemala",
        "government": "en nombre del Gobierno de Guatemala",
        "for": "de Guatemala.",
    },
}[SLUG]


def _tracking_url(case) -> str:
    return f"/track/{case.memberships.get().tracking_token}/"


def _pages(cases) -> dict[str, tuple]:
    """label → (who, path without the language prefix)."""
    pages = {
        "home": (None, "/"),
        "docket": (None, "/docket/"),
        "statistics": (None, "/statistics/"),
        "statements": (None, "/docket/statements/"),
        "filing form": (None, "/file/"),
        "lost link": (None, "/track/lost/"),
        "privacy": (None, "/privacy/"),
        "queue": ("officer", "/secretariat/"),
        "approvals": ("director", "/secretariat/approvals/"),
        "paper filing": ("officer", "/secretariat/file/"),
        "accounts": ("director", "/secretariat/accounts/"),
        "council home": ("a_council", "/council/"),
    }
    for code, case in cases.items():
        pages[f"docket {code}"] = (None, f"/docket/{case.slug}/")
        pages[f"tracking {code}"] = (None, _tracking_url(case))
        pages[f"workspace {code}"] = ("officer", f"/secretariat/case/{case.pk}/")
        pages[f"audit {code}"] = ("director", f"/secretariat/case/{case.pk}/audit/")
        focal = {A: "a_focal", B: "b_focal"}.get(code, f"{code.lower()}_focal")
        pages[f"party home {code}"] = (focal, "/party/")
        pages[f"party case {code}"] = (focal, f"/party/cases/{case.pk}/")
    pages[f"council case {A}"] = ("a_council", f"/council/cases/{cases[A].pk}/")
    return pages


def _render_pages(request, cases, language: str) -> dict[str, str]:
    texts = {}
    for label, (who, path) in _pages(cases).items():
        client = Client()
        if who:
            client.force_login(User.objects.get(username=who))
        response = client.get(f"/{language}{path}", follow=True)
        assert response.status_code == 200, (label, response.status_code)
        texts[label] = visible(response.content.decode())
    return texts


@frozen(D(2023, 7, 20))
def test_every_page_in_spanish_has_no_broken_phrase_no_code_and_the_glossary_terms(
    request, cases, officer, director, a_focal, b_focal, a_council, other_focals
):
    spanish = _render_pages(request, cases, "es")
    english = _render_pages(request, cases, "en")
    found = {label: problems(text, label not in RAW_RECORDS) for label, text in spanish.items()}
    assert {label: words for label, words in found.items() if words} == {}
    missing = {
        label: missing_terms(english[label], text)
        for label, text in spanish.items()
        if label not in RAW_RECORDS
    }
    assert {label: terms for label, terms in missing.items() if terms} == {}
    # What the checks rest on is there: each Party named in words, the withheld name.
    assert f"Parte en cuestión {name(A, 'es')}" in spanish[f"docket {A}"]
    assert "Parte en cuestión Estados Unidos" in spanish[f"docket {B}"]
    assert es("Nombre reservado a solicitud de la persona interesada") in spanish[f"docket {B}"]
    assert "identidad no divulgada al público" in spanish[f"tracking {A}"]
    by_the_secretariat = {
        "us-peru-tpa": "por la Secretaría",
        "usmca-cec": "por el Secretariado",
        "cafta-dr": "por la Secretaría",
    }[SLUG]
    assert by_the_secretariat in spanish[f"docket {A}"]


def _notices(cases, language: str, request) -> dict[str, Notice]:
    """One unsaved outbox row of every message kind, in ``language``, as the dispatcher, the
    reminders and the outbox write them."""
    rows = {}
    for code, case in cases.items():
        event = case.events.order_by("-seq").first()
        for message in messages.MESSAGES:
            context = case_context(case, language) | {
                "code": f"{case.identifier}/D1",
                "on": "2023-07-14",
                "kind": event.kind,
                "outcome": "",
                "due_on": "2023-08-28",
                "days": 5,
                "link": "https://sem.example.org/",
                "proposal": "factual_record_notified",
                "proposal_outcome": "not_warranted",
                "proposal_event": 7,
                "votes": 1,
                "needed": 2,
                "step": "party_responded",
                "comment": "Revise las razones del factor (b).",
                "closure": "not_admissible",
                "references": case.identifier,  # a check of the histories found it broken
                "items": [
                    {
                        "reference": case.identifier,
                        "kind": "party_response",
                        "party": code,
                        "due_on": "2023-06-21",
                        "overdue": True,
                    }
                ],
            }
            rows[f"{message} {code}"] = Notice(
                message=message, language=language, recipient_name="Ana", context=context
            )
    focal = request.getfixturevalue("a_focal")
    officer = request.getfixturevalue("officer")
    recorded = Event.objects.filter(submission=cases[A], kind="party_responded").get()
    memberships = list(SubmissionSubmitter.objects.values_list("pk", flat=True))
    rows["tracking_links"] = Notice(
        message=personal.TRACKING_LINKS, language=language, context={"memberships": memberships}
    )
    rows["invitation"] = Notice(
        message=personal.INVITATION, language=language, context={"user": focal.pk}
    )
    rows["invitation staff"] = Notice(
        message=personal.INVITATION, language=language, context={"user": officer.pk}
    )
    rows["second_factor_reset"] = Notice(
        message=personal.SECOND_FACTOR_RESET,
        language=language,
        context={"user": focal.pk, "by": officer.pk},
    )
    rows["portal_receipt"] = Notice(
        message=personal.PORTAL_RECEIPT,
        language=language,
        event=recorded,
        context={"portal": "party"},
    )
    assert {label.split()[0] for label in rows} >= set(messages.MESSAGES) | set(personal.MESSAGES)
    return rows


@frozen(D(2023, 7, 20))
def test_every_email_in_spanish_has_no_broken_phrase_no_code_and_the_glossary_terms(
    request, cases, officer, a_focal
):
    rendered = {}
    for language in ("es", "en"):
        for label, notice in _notices(cases, language, request).items():
            subject, text, body = emails.render(notice)
            assert f'<html lang="{language}">' in body, label
            if label == "tracking_links":  # a title written in Spanish, in either email
                assert '<span lang="es">Concesiones forestales</span>' in body
            rendered[label, language] = (subject, text, visible(body))
    letterhead = settings.SEM_LETTERHEAD_ES
    found, missing = {}, {}
    for (label, language), (subject, text, body) in rendered.items():
        if language != "es":
            continue
        assert letterhead in text and letterhead in body, label
        assert settings.SEM_LETTERHEAD not in text, label
        spanish_text = f"{subject} {text} {body}"
        found[label] = problems(spanish_text)
        english_subject, english_text, english_body = rendered[label, "en"]
        # The letterhead is the body's name as its profile spells it (the CEC's "Peticiones
        # sobre aplicación efectiva…" for "Submissions on Enforcement Matters"), not a
        # sentence the glossary words; the TPA's names no term of it.
        missing[label] = missing_terms(
            f"{english_subject} {english_text} {english_body}".replace(
                settings.SEM_LETTERHEAD, " "
            ),
            spanish_text.replace(letterhead, " "),
        )
    assert {label: words for label, words in found.items() if words} == {}
    assert {label: terms for label, terms in missing.items() if terms} == {}
    # The phrases a Party or an author takes, whole.
    assert A_ES["concerning"] in rendered[f"new_filing {A}", "es"][1]
    assert "relativa a los Estados Unidos" in rendered[f"new_filing {B}", "es"][1]
    assert A_ES["request"] in rendered[f"request_to_party {A}", "es"][1]
    assert "la respuesta de los Estados Unidos" in rendered[f"party_responded {B}", "es"][1]
    assert A_ES["government"] in rendered["portal_receipt", "es"][1]
    assert A_ES["for"] in rendered["invitation", "es"][1]
    as_role = {
        "us-peru-tpa": "con el rol de",
        "usmca-cec": "le abrió una cuenta como",
        "cafta-dr": "con el rol de",
    }[SLUG]
    assert as_role in rendered["invitation staff", "es"][1]


def test_the_spanish_csv_export_has_spanish_headers_and_the_english_one_is_unchanged(cases):
    english = Client().get("/en/docket/export.csv").content.decode("utf-8-sig").splitlines()[0]
    assert english.split(",")[:3] == ["identifier", "party", "language"]
    with translation.override("es"):
        url = reverse("docket_export_csv")
    response = Client().get(url)
    # Walk 23: a spreadsheet opens the accents whole only after a byte-order mark, and the
    # file's name is the reader's word too.
    assert response.content.startswith("\ufeff".encode())
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="registro-publico-{day}.csv"'

    spanish = response.content.decode("utf-8-sig").splitlines()[0]
    assert spanish.startswith("Identificador,Parte en cuestión,Idioma")
    assert not set(spanish.split(",")) & set(english.split(",")) - {"url", "URL"}
    # The coded columns stay codes; the three label columns say them in the reader's words
    # (walk 21: "closed,closed,factual_record_published" under Spanish headers).
    assert spanish.endswith(
        "Estado (en palabras),Etapa (en palabras),Motivo de cierre (en palabras),"
        "Parte en cuestión (en palabras)"
    )
    assert english.endswith("status_label,stage_label,closure_reason_label,party_label")
    with frozen(D(2023, 7, 20)):
        drive("closed")
    rows = list(csv.DictReader(io.StringIO(Client().get(url).content.decode("utf-8-sig"))))
    closed = next(row for row in rows if row["Estado"] == "closed")
    with translation.override("es"):
        reason = str(ClosureReason(closed["Motivo de cierre"]).label)
    assert (closed["Estado (en palabras)"], closed["Motivo de cierre (en palabras)"]) == (
        "Cerrado",
        reason,
    )
    assert reason != closed["Motivo de cierre"]
    assert all(row["Etapa (en palabras)"] and "_" not in row["Etapa (en palabras)"] for row in rows)
    # The Party by its name too (walk 169: "PE" alone, explained on another page).
    with translation.override("es"):
        names = {party.code: party.name for party in Party.objects.all()}
    assert {
        (row["Parte en cuestión"], row["Parte en cuestión (en palabras)"]) for row in rows
    } <= set(names.items())
