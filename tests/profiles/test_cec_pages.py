"""The public site under ``usmca-cec``: its three languages, its treaty's articles and
Parties in each, and the notice that the procedure is provisional while values of the USMCA's
text are unverified (submissions.profile_cec).

Runs in the usmca-cec pass of ``make test``.
"""

import html
import re

import pytest
from django.utils import translation

from submissions import profiles
from tests.helpers_cases import drive
from tests.parties import A
from workflow import services
from workflow.table import TABLE

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        profiles.installed_slug() != "usmca-cec", reason="runs in the usmca-cec pass of make test"
    ),
]

PAGES = ("", "docket/", "file/", "statistics/", "privacy/")
# What only the TPA says: its articles, its Parties, its treaty's name, its two languages.
TPA = re.compile(
    r"\b18\.(?:8|9|14)\b|\bP[ée]r(?:ou|ú|u)\b|Peruvian|péruvien|peruan|Promotion Agreement"
    r"|promotion commerciale|Promoción Comercial|English (?:or|and) Spanish"
    r"|anglais (?:ou|et) (?:en )?espagnol|español (?:o|y) (?:en )?inglés"
)


def text_of(response) -> str:
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


@pytest.mark.parametrize("language", ["fr", "es", "en"])
def test_the_public_pages_speak_the_usmca_and_its_parties(client, language):
    for page in PAGES:
        response = client.get(f"/{language}/{page}")
        assert response.status_code == 200, page
        text = text_of(response)
        assert not TPA.search(text), (page, TPA.search(text).group(0))


def test_the_home_page_in_french_names_the_treaty_the_five_criteria_and_the_parties(client):
    text = text_of(client.get("/fr/"))
    assert "Procédure provisoire" in text
    assert "ACEUM (USMCA, T-MEC), articles 24.27 et 24.28" in text
    assert "satisfait aux cinq critères de l’article 24.27(2)" in text
    assert "le Canada, les États-Unis ou le Mexique" in text
    assert "identifiant permanent, par exemple SEM-23-002" in text
    # USMCA 24.27(2) has no criterion (f): standing is in 24.27(1).
    assert "Elle est déposée par une personne d’une Partie." not in text


def test_the_language_switcher_offers_the_three_languages(client):
    body = client.get("/es/").content.decode()
    offered = re.findall(r'name="language" value="(\w\w)"', body)
    assert sorted(offered) == ["en", "fr"]  # Spanish is the page's own
    assert 'aria-current="true"><span lang="es">Español</span>' in body


def test_the_docket_filters_by_the_three_parties(client):
    body = client.get("/fr/docket/").content.decode()
    options = re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]+)</option>', body)
    assert options == [("CA", "Canada"), ("MX", "Mexique"), ("US", "États-Unis")]


def test_a_label_and_its_value_are_parted_the_french_way(client):
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load sem_text %}Issue{% colon %} satisfait")
    with translation.override("fr"):
        assert template.render(Context()) == "Issue\u00a0: satisfait"
    with translation.override("es"):
        assert template.render(Context()) == "Issue: satisfait"


def test_a_summary_in_two_other_languages_is_not_said_to_be_in_one_only(client):
    import datetime

    from tests.factories import file_case
    from tests.helpers_cases import Story

    case = file_case(
        on=datetime.date(2023, 3, 10),
        party="MX",
        language="es",
        summary="Resumen en español.",
        other_summaries={"en": "Summary in English."},
    )
    Story(case, datetime.date(2023, 3, 10)).add("acknowledged", datetime.date(2023, 3, 13))
    case.refresh_from_db()
    page = re.sub(r"[ \t\n]+", " ", client.get(f"/fr/docket/{case.slug}/").content.decode())
    assert "Non rédigé dans la langue de cette page\u00a0: affiché ici en anglais." in page
    assert "seulement" not in page
    assert "Resumen en español." in page  # under its own heading, in Spanish


def test_spanish_pages_name_the_cec_secretariat_as_it_does(client):
    # The CEC's own Spanish: "el Secretariado de la Comisión para la Cooperación Ambiental"
    # [registry], in the interface as in its letterheads and documents.
    for page in PAGES:
        text = text_of(client.get(f"/es/{page}"))
        assert "Secretaría" not in text, page
    assert "Contacto con el Secretariado" in text_of(client.get("/es/"))


def test_french_staff_pages_put_a_space_before_the_colon(client, officer, director):
    """The fourteenth walk: "SEM-23-002: Dossier factuel rendu public" on the approvals page.
    French puts a non-breaking space before a colon: the approvals headings, the queue's
    counts, a tracking page's details."""
    import datetime

    from submissions.stages import Stage
    from tests.helpers_cases import drive, frozen
    from workflow import services

    story = drive(Stage.ADMISSIBILITY_REVIEW)
    with frozen(datetime.date(2023, 3, 20)):
        services.record_event(
            story.case,
            "admissibility_determined",
            actor=officer,
            data={"outcome": "does_not_meet"},
            note="Motifs.",
        )
        client.force_login(director)
        approvals = client.get("/fr/secretariat/approvals/").content.decode()
        assert f"{story.case.reference}</a>\u00a0: " in approvals
        assert f"{story.case.reference}</a>: " not in approvals
        client.force_login(officer)
        queue = client.get("/fr/secretariat/").content.decode()
        assert re.search(r"</a><span class=\"counts__n\">\u00a0: \d+</span></li>", queue)
        # Walk 18: "Connecté en tant que auditor" elided nothing and gendered everyone.
        assert f"Session ouverte\u00a0: {officer.get_username()}" in queue
        assert not re.search(r"</a>: \d+</li>", queue)


def test_french_pages_write_the_first_of_the_month_as_french_does(client):
    """ "1er mars 2023", never "1 mars 2023", on the case page, its feed and the docket."""
    import datetime

    from tests.factories import file_case
    from tests.helpers_cases import Story

    case = file_case(on=datetime.date(2023, 3, 1), party="MX", language="fr")
    Story(case, datetime.date(2023, 3, 1)).add("acknowledged", datetime.date(2023, 3, 1))
    case.refresh_from_db()
    for url in (f"/fr/docket/{case.slug}/", "/fr/docket/", f"/fr/docket/{case.slug}/feed/"):
        body = client.get(url).content.decode()
        assert "1er mars 2023" in body, url
        assert not re.search(r"(?<![\d])1 mars 2023", body), url


@pytest.mark.parametrize(
    ("language", "preparation", "publication"),
    [
        ("en", "Council member's vote for a factual record", None),
        (
            "fr",
            "Vote d’un membre du Conseil en faveur d’un dossier factuel",
            "Vote d’un membre du Conseil pour rendre public le dossier factuel",
        ),
        ("es", "Voto de un miembro del Consejo a favor de un expediente de hechos", None),
    ],
)
def test_each_members_instruction_is_named_a_vote(
    client, a_council, language, preparation, publication
):
    """Walk 24: under the two-thirds rule one member's vote read "Council instruction to
    prepare a factual record" on the docket while the case still awaited the Council."""
    case = drive("awaiting_council").case
    services.record_event(case, "council_instructed", actor=a_council, data={"party": A})
    page = html.unescape(text_of(client.get(f"/{language}/docket/{case.slug}/")))
    assert preparation in page
    with translation.override(language):
        assert str(TABLE["council_instructed"].label) == preparation
        if publication:
            assert str(TABLE["publication_instructed"].label) == publication


@pytest.mark.parametrize(
    "language, label",
    [
        ("en", "Recommendation on the matters the factual record addresses"),
        ("es", "Recomendación sobre los asuntos que trata el expediente de hechos"),
        ("fr", "Recommandation sur les questions traitées dans le dossier factuel"),
    ],
)
def test_the_councils_recommendation_names_no_tpa_addressee(client, a_council, language, label):
    """Walk 130: the Council's recommendation was addressed to the "Environmental Cooperation
    Commission", the TPA's body (its Article 18.9.8), under the CEC too; Article 24.28's
    addressee is not among the profile's read values, so the label names none."""
    case = drive("final_factual_record").case
    client.force_login(a_council)
    page = html.unescape(client.get(f"/{language}/council/cases/{case.pk}/recommend/").text)
    assert label in page
    assert not re.search(
        r"Cooperation Commission|Comisión de Cooperación|coopération en matière", page
    )
