"""Issue 17: what a person wrote carries the language it is written in, on every public page
that shows it, whichever language the page is in."""

import html
import re

import pytest
from django.test import Client

from tests.helpers_cases import D, drive, frozen
from tests.parties import ALL_MET, CRITERIA, A

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    with frozen(D(2023, 3, 20)):
        return drive("admissibility_review", party=A).case  # written in Spanish


def _lang_of(page: str, text: str) -> set[str]:
    """The lang of each element whose own text starts with ``text``."""
    return set(re.findall(r'lang="(\w\w)"[^>]*>\s*' + re.escape(text), page))


@pytest.mark.parametrize("language", ["en", "es"])
@frozen(D(2023, 3, 20))
def test_titles_summaries_and_laws_carry_their_language(case, language):
    client = Client()
    pages = {
        "case": client.get(f"/{language}/docket/{case.slug}/").content.decode(),
        "home": client.get(f"/{language}/").content.decode(),
    }
    membership = case.memberships.get()
    pages["tracking"] = client.get(
        f"/{language}/track/{membership.tracking_token}/", follow=True
    ).content.decode()
    for name, page in pages.items():
        assert _lang_of(page, "Concesiones forestales") == {"es"}, name
    assert _lang_of(pages["case"], "Resumen.") == {"es"}
    assert _lang_of(pages["case"], "Ley Forestal") == {"es"}


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_public_note_carries_the_cases_language(language):
    # The Secretariat writes a case's notes in the case's language; the public timeline says
    # so, as the workspace and the portals do.
    story = drive("awaiting_revision", party=A)  # a case written in Spanish
    story.add(
        "closed",
        data={"reason": "not_admissible"},
        note="No se presentó una comunicación revisada dentro del plazo.",
    )
    page = Client().get(f"/{language}/docket/{story.case.slug}/").content.decode()
    assert _lang_of(page, "No se presentó una comunicación revisada") == {"es"}


@frozen(D(2023, 3, 20))
def test_a_text_in_one_language_says_so_and_the_other_language_has_its_section(case):
    client = Client()
    english = client.get(f"/en/docket/{case.slug}/").content.decode()
    assert '<p class="fallback">Available in Spanish only.</p>' in english
    assert 'lang="es">Resumen.' in english
    assert "other-heading" not in english  # the Spanish texts are already the page's
    case.title_en = "Forest concessions"
    case.summary_en = "Summary."
    case.save()
    english = client.get(f"/en/docket/{case.slug}/?v=2").content.decode()
    spanish = client.get(f"/es/docket/{case.slug}/?v=2").content.decode()
    assert "Available in Spanish only." not in english
    section = english.split('aria-labelledby="other-heading-es" lang="es">', 1)[1]
    assert section.split("</section>", 1)[0].count("Concesiones forestales") == 1
    assert '<h2 id="other-heading-es">En español</h2>' in section
    assert '<h2 id="other-heading-en">In English</h2>' in spanish
    # A summary in English only, on the Spanish page: shown as the fallback, not again under
    # "In English" beside the English title (walk 18).
    case.summary_es = ""
    case.save()
    spanish = client.get(f"/es/docket/{case.slug}/?v=3").content.decode()
    assert spanish.count("Summary.") == 1
    section = spanish.split('aria-labelledby="other-heading-en" lang="en">', 1)[1]
    assert "Forest concessions" in section.split("</section>", 1)[0]


def test_a_document_is_headed_by_its_version_in_the_pages_language(client, db):
    """A decision written in Spanish with the Secretariat's English translation heads the
    English page's list in English, marked so; the Spanish page keeps the original's title."""
    import datetime

    from submissions.storage import DocumentInput
    from tests.helpers_cases import drive

    story = drive("admissibility_review")
    story.add(
        "admissibility_determined",
        datetime.date(2023, 4, 10),
        data={"outcome": "meets"},
        documents_in=[
            DocumentInput(title="Determinación conforme al artículo 18.8.2", language="es"),
            DocumentInput(
                title="Determination under Article 18.8.2",
                language="en",
                translation_of=0,
                official_translation=True,
            ),
        ],
    )
    english = client.get(f"/en/docket/{story.case.slug}/").content.decode()
    assert '<span lang="en">Determination under Article 18.8.2</span>' in english
    spanish = client.get(f"/es/docket/{story.case.slug}/").content.decode()
    assert '<span lang="es">Determinación conforme al artículo 18.8.2</span>' in spanish


def test_each_versions_links_name_it_by_its_own_title_in_its_language(client, db):
    """Walk 95: on a French page, the English version's link read out "English: <the French
    title>" to a screen reader. Each version's links name it by its own title, marked with its
    language; a translation filed without a title of its own, by the list's heading."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from submissions.storage import DocumentInput

    def pdf(name):
        return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode())

    story = drive("admissibility_review")
    story.add(
        "correspondence",
        datetime.date(2023, 4, 10),
        visibility="public",
        documents_in=[
            DocumentInput(title="Carta a la Parte", language="es", file=pdf("c.pdf")),
            DocumentInput(
                title="Letter to the Party", language="en", file=pdf("l.pdf"), translation_of=0
            ),
        ],
    )
    english = client.get(f"/en/docket/{story.case.slug}/").content.decode()
    named = r'<span class="visually-hidden">: (<span lang="\w\w">[^<]*</span>)'
    hidden = re.findall(named, english)
    assert '<span lang="es">Carta a la Parte</span>' in hidden
    assert '<span lang="en">Letter to the Party</span>' in hidden
    spanish = client.get(f"/es/docket/{story.case.slug}/").content.decode()
    assert 'visually-hidden">: <span lang="en">Letter to the Party</span>' in spanish


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_findings_reasons_carry_the_cases_language(client, officer, language):
    """The sixteenth walk: "Met — Se cumple el requisito (a)." on an English page, with the
    reasons unmarked. The verdict is the page's; the reasons, as written, the case's (drive's
    determinations give each criterion ALL_MET's reasons on a case written in Spanish)."""
    case = drive("awaiting_response", party=A).case
    reasons = ALL_MET[CRITERIA[0]]["reasons"]
    pages = {
        "docket": Client().get(f"/{language}/docket/{case.slug}/").content.decode(),
        "tracking": Client()
        .get(f"/{language}/track/{case.memberships.get().tracking_token}/", follow=True)
        .content.decode(),
    }
    client.force_login(officer)
    pages["workspace"] = client.get(f"/{language}/secretariat/case/{case.pk}/").content.decode()
    for name, page in pages.items():
        assert _lang_of(page, reasons) == {"es"}, name
        # The verdict in the formal documents' word (walk 45: "Cumplido", a deadline's).
        verdict = {"en": "Met — ", "es": "Cumple — "}[language]
        assert verdict in page and "Cumplido —" not in page, name


@frozen(D(2023, 4, 20))
def test_findings_in_the_cases_language_say_so_on_a_page_in_another():
    """Walk 63: a French page gave the Secretariat's Spanish reasons with no word of it (the
    formal documents say "The Secretariat's reasons are given in Spanish")."""
    story = drive("admissibility_review", party=A)  # a case written in Spanish
    story.add("admissibility_determined", data={"outcome": "meets", "criteria": ALL_MET})
    note = "The reasons are given in Spanish, the language of the submission."
    english = Client().get(f"/en/docket/{story.case.slug}/").content.decode()
    spanish = Client().get(f"/es/docket/{story.case.slug}/").content.decode()
    assert english.count(f'<p class="fallback">{note}</p>') == 1
    assert 'class="fallback">Las razones' not in spanish and note not in spanish


@frozen(D(2023, 4, 20))
def test_the_secretariats_note_in_the_cases_language_says_so_on_a_page_in_another(officer):
    """Walk 73: findings said "the reasons are given in Spanish", a note of the Secretariat's
    in Spanish said nothing on an English page."""
    story = drive("admissibility_review", party=A)  # a case written in Spanish
    determined = story.add(
        "admissibility_determined",
        data={"outcome": "meets", "criteria": ALL_MET},
        note="Fecha corregida.",
    )
    assert determined.author == "secretariat"
    note = '<p class="fallback">Written in Spanish, the language of the submission.</p>'
    english = Client().get(f"/en/docket/{story.case.slug}/").content.decode()
    spanish = Client().get(f"/es/docket/{story.case.slug}/").content.decode()
    assert "Fecha corregida." in english and english.count(note) == 1
    assert "Fecha corregida." in spanish and 'class="fallback">Escrit' not in spanish
    client = Client()
    client.force_login(officer)
    staff = client.get(f"/en/secretariat/case/{story.case.pk}/").content.decode()
    assert staff.count(note) == 1


@frozen(D(2023, 4, 20))
def test_the_secretariats_title_in_the_cases_language_says_so_on_a_page_in_another(a_focal):
    """Walk 168: "Draft factual record submitted to the Council: Borrador del expediente de
    hechos" on an English page, the title marked only by its lang attribute. The docket, the
    submitters' page and the portals now say "(in Spanish)" after it; a Spanish page does
    not."""
    from django.urls import reverse

    from tests.filing.test_tracking import link_of

    story = drive("admissibility_review", party=A)  # a case written in Spanish
    story.add(
        "admissibility_determined",
        data={"outcome": "meets", "criteria": ALL_MET},
        title="Determinación sobre los requisitos",
    )
    story.add("response_decided", data={"outcome": "request"})
    said = (
        '<span lang="es">Determinación sobre los requisitos</span> '
        '<span class="fallback">(in Spanish)</span>'
    )
    _membership, track = link_of(story.case, client=(submitter := Client()))
    track = track.split("/", 2)[2]
    portal = Client()
    portal.force_login(a_focal)

    def portal_page(language):  # its path without the language prefix
        path = reverse("party_case", kwargs={"pk": story.case.pk}).split("/", 2)[2]
        return portal.get(f"/{language}/{path}")

    pages = {
        "docket": lambda language: Client().get(f"/{language}/docket/{story.case.slug}/"),
        "track": lambda language: submitter.get(f"/{language}/{track}"),
        "portal": portal_page,
    }
    for name, page in pages.items():
        english = html.unescape(page("en").content.decode())
        spanish = html.unescape(page("es").content.decode())
        assert english.count(said) == 1, name
        assert "Determinación sobre los requisitos" in spanish, name
        assert "(en español)" not in spanish and "(in Spanish)" not in spanish, name


@frozen(D(2023, 4, 20))
def test_a_proposals_reasons_in_the_cases_language_say_so_on_the_approvals_page(officer, director):
    """Walk 153: the approvals page gave a proposal's English reasons, on a Spanish page, with
    no word of it (the findings' reasons said so; the proposal's own did not)."""
    from notices import services as notices

    case = drive("admissibility_review", party=A).case  # a case written in Spanish
    met = {c: {"met": True} for c in CRITERIA}
    notices.record_with_documents(
        case,
        "admissibility_determined",
        actor=officer,
        data={"outcome": "meets", "criteria": met},
        note="La comunicación cumple los requisitos.",
    )
    client = Client()
    client.force_login(director)
    note = '<p class="fallback">Written in Spanish, the language of the submission.</p>'
    english = client.get("/en/secretariat/approvals/").content.decode()
    assert "La comunicación cumple los requisitos." in english and english.count(note) == 1
    spanish = client.get("/es/secretariat/approvals/").content.decode()
    assert "La comunicación cumple los requisitos." in spanish
    assert 'class="fallback">Escrit' not in spanish
