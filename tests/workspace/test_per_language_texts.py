"""A case's title and summary are kept per working language of the profile (``title_en``,
``title_es``, ``title_fr``: issue #18): the paper filing and the public-texts form ask for each
of the profile's languages, the service keeps them, and a reader of each language reads their
own, or the first written one with its language named."""

import dataclasses

import pytest
from django.urls import reverse
from django.utils import translation

from secretariat.workspace.case_forms import PublicTextsForm
from submissions import profiles
from submissions.models import Submission
from tests.helpers_cases import drive
from tests.parties import PROFILE, SLUG, A
from workflow import services
from workflow.exceptions import InvalidInput

pytestmark = pytest.mark.django_db

# Whether French is a working language of the profile (the CEC's; not the TPA's nor
# CAFTA-DR's).
FRENCH = {"us-peru-tpa": False, "usmca-cec": True, "cafta-dr": False}[SLUG]


def test_a_paper_filing_takes_the_title_and_summary_in_the_other_language(client, officer):
    client.force_login(officer)
    page = client.get(reverse("ws_file")).content.decode()
    assert 'name="title_en"' in page and 'name="summary_es"' in page
    assert ('name="title_fr"' in page) is FRENCH  # not a working language of the TPA
    # Each other-language text says to leave it empty in the submission's own language (walk
    # 176: two Spanish title fields for a Spanish submission, unexplained).
    assert page.count("Leave it empty if the submission is in this language") >= 4
    data = {
        "party": A,
        "language": "es",
        "title": "Río Rímac",
        "title_en": "The Rímac River",
        "title_es": "Otro título del río",
        "summary": "Vertidos al río.",
        "summary_en": "Discharges into the river.",
        "submitter_name": "Ana",
        "submitter_kind": "individual",
        "nationality": A,
        "law": "Ley 28611",
        "filed_on": "2023-06-10",
        "date_reason": "Recibido por correo postal",
    }
    # A second, different title in the submission's own language is asked about, not dropped.
    refused = client.post(reverse("ws_file"), data)
    assert refused.status_code == 200 and not Submission.objects.exists()
    assert "The submission is in this language: its text is the one above." in (
        refused.content.decode()
    )
    assert "Otro título del río" in refused.content.decode()
    response = client.post(reverse("ws_file"), {**data, "title_es": "Río Rímac"})
    assert response.status_code == 302
    case = Submission.objects.get()
    assert (case.title_es, case.title_en, case.summary_en) == (
        "Río Rímac",
        "The Rímac River",
        "Discharges into the river.",
    )


@pytest.fixture
def three_languages(monkeypatch, settings):
    profile = dataclasses.replace(PROFILE, languages=("en", "fr", "es"))
    monkeypatch.setitem(profiles.PROFILES, SLUG, profile)
    settings.LANGUAGES = [("en", "English"), ("fr", "French"), ("es", "Spanish")]


def test_under_a_profile_with_french_each_language_has_its_text(three_languages, officer):
    case = drive("admissibility_review").case
    form = PublicTextsForm(case)
    assert list(form.fields) == [
        "title_en",
        "title_fr",
        "title_es",
        "summary_en",
        "summary_fr",
        "summary_es",
        "reason",
    ]
    services.set_public_texts(
        case,
        actor=officer,
        title_fr="Exploitation forestière illégale",
        summary_fr="Résumé.",
        reason="Texte public en français",
    )
    case.refresh_from_db()
    assert case.title_fr == "Exploitation forestière illégale"
    assert case.texts("title")["fr"] == "Exploitation forestière illégale"
    assert [row[0] for row in case.text_rows()] == ["en", "fr", "es"]
    with translation.override("fr"):
        assert case.text_in("title") == ("Exploitation forestière illégale", False)
    with pytest.raises(InvalidInput):
        services.set_public_texts(case, actor=officer, title_de="Titel", reason="x")


def test_french_text_is_kept_only_where_french_is_a_working_language(officer):
    """The TPA keeps no French text; the CEC keeps it."""
    case = drive("admissibility_review").case
    assert ("title_fr" in PublicTextsForm(case).fields) is FRENCH
    if not FRENCH:
        with pytest.raises(InvalidInput):
            services.set_public_texts(case, actor=officer, title_fr="Titre", reason="x")
        return
    services.set_public_texts(case, actor=officer, title_fr="Titre", reason="x")
    case.refresh_from_db()
    assert case.title_fr == "Titre"
