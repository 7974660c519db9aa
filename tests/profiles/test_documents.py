"""The formal documents under the installed profile: issued in each of its languages that
the documents' wording has, in its own articles (notices.wording; notices.wording_cec for
the CEC, notices.wording_cafta for CAFTA-DR), the case's own language first."""

import datetime
import io

import docx
import pytest

from notices.services import generated_documents
from submissions import profiles
from tests.factories import file_case
from tests.helpers_cases import Story

pytestmark = pytest.mark.django_db
D = datetime.date

# Per profile: the languages of the documents (the case's own first), the title of the combined
# or separate determination, and words its French, Spanish and English texts must hold.
EXPECTED = {
    "us-peru-tpa": {
        "kind": "admissibility_determined",
        "titles": [
            ("es", "Determinación conforme al artículo 18.8.2"),
            ("en", "Determination under Article 18.8.2"),
        ],
        "says": {"es": "artículo 18.8.2", "en": "Article 18.8.2"},
        "never": ("24.27",),
    },
    "usmca-cec": {
        "kind": "response_decided",
        "titles": [
            ("es", "Determinación conforme al artículo 24.27(2) y (3)"),
            ("en", "Determination under Article 24.27(2) and (3)"),
            ("fr", "Décision en vertu de l’article 24.27(2) et (3)"),
            ("es", "Solicitud de respuesta conforme al artículo 24.27(3)"),
            ("en", "Request for a response under Article 24.27(3)"),
            ("fr", "Demande de réponse en vertu de l’article 24.27(3)"),
        ],
        "says": {
            "fr": "satisfait aux critères de l’article 24.27(2) et justifie de demander une "
            "réponse à la Partie visée",
            "es": "cumple los requisitos del artículo 24.27(2) y amerita solicitar",
            "en": "meets the criteria of Article 24.27(2) and merits requesting",
        },
        "never": ("18.8", "18.9", "Peru", "Pérou", "Perú"),
    },
    # CAFTA-DR Art. 17.7.2 [treaty], in its two languages (notices.wording_cafta).
    "cafta-dr": {
        "kind": "admissibility_determined",
        "titles": [
            ("es", "Determinación conforme al artículo 17.7.2"),
            ("en", "Determination under Article 17.7.2"),
        ],
        "says": {"es": "artículo 17.7.2", "en": "Article 17.7.2"},
        "never": ("18.8", "18.9", "24.27", "Peru", "Perú", "Promoción Comercial"),
    },
}


def text_of(document) -> str:
    document.file.seek(0)
    return "\n".join(p.text for p in docx.Document(io.BytesIO(document.file.read())).paragraphs)


def test_the_determinations_documents_speak_the_profiles_articles_in_its_languages():
    expected = EXPECTED[profiles.installed_slug()]
    procedure = profiles.installed()
    story = Story(file_case(on=D(2023, 3, 10), party=procedure.codes[0]), D(2023, 3, 10))
    story.add("acknowledged", D(2023, 3, 13))
    criteria, factors = procedure.texts_for(D(2023, 3, 10))
    data = {
        "outcome": "meets" if expected["kind"] == "admissibility_determined" else "request",
        "criteria": {letter: {"met": True, "reasons": "Met."} for letter in criteria},
    }
    if expected["kind"] == "response_decided":
        data["factors"] = {letter: {"met": True, "reasons": "Yes."} for letter in factors}
    documents = generated_documents(story.case, expected["kind"], data=data, reasons="Why.")
    assert [(d.language, d.title) for d in documents] == expected["titles"]
    for document in documents:
        text = text_of(document)
        for word in expected["never"]:
            assert word not in text, (document.title, word)
    for document in documents:
        document.file.seek(0)
        properties = docx.Document(io.BytesIO(document.file.read())).core_properties
        # The file names the Secretariat and its own date, not python-docx's template.
        assert properties.author.startswith(("Secretar", "Secrétariat"))
        assert "python-docx" not in (properties.comments + properties.author)
        assert properties.created.year != 2013
        assert properties.language.startswith(document.language)
    first = {d.language: text_of(d) for d in documents[: len(expected["says"])]}
    for language, words in expected["says"].items():
        assert words in first[language], language


# A case filed before 1 July 2020: under the CEC, of the NAAEC era, whose documents cite NAAEC
# Arts. 14-15 and its periods (30 days for the response, 60 on notice) [treaty, read]; the TPA
# has no earlier era, so its documents are the same as a recent case's.
EARLIER = {
    "us-peru-tpa": {
        "titles": [
            ("es", "Determinación conforme al artículo 18.8.2"),
            ("en", "Determination under Article 18.8.2"),
        ],
        "says": [
            "The Secretariat determines that the submission meets the criteria of Article 18.8.2"
        ],
        "never": ("14(1)", "24.27"),
    },
    "usmca-cec": {
        "titles": [
            ("es", "Determinación conforme a los artículos 14(1) y (2)"),
            ("en", "Determination under Articles 14(1) and (2)"),
            ("fr", "Décision en vertu des articles 14(1) et (2)"),
            ("es", "Solicitud de respuesta conforme al artículo 14(2)"),
            ("en", "Request for a response under Article 14(2)"),
            ("fr", "Demande de réponse en vertu de l’article 14(2)"),
        ],
        "says": [
            "meets the criteria of Article 14(1) and merits requesting a response",
            "Under Article 14(3) the response is due within 30 days of delivery of this "
            "request, or within 60 days in exceptional circumstances",
            "dans les 30\u00a0jours suivant la remise de la présente demande, ou dans les "
            "60\u00a0jours",
            "cumple los requisitos del artículo 14(1) y amerita solicitar",
        ],
        "never": ("24.27", "24.28", "90 days", "90\u00a0jours", "90 días"),
    },
    # CAFTA-DR has no earlier era: a case of 2019 is worded as a recent one.
    "cafta-dr": {
        "titles": [
            ("es", "Determinación conforme al artículo 17.7.2"),
            ("en", "Determination under Article 17.7.2"),
        ],
        "says": [
            "The Secretariat determines that the submission meets the criteria of Article 17.7.2"
        ],
        "never": ("14(1)", "24.27", "18.8"),
    },
}


def test_a_case_of_an_earlier_era_is_worded_in_its_own_articles():
    expected = EARLIER[profiles.installed_slug()]
    procedure = profiles.installed()
    filed = D(2019, 3, 8)
    story = Story(file_case(on=filed, party=procedure.codes[0]), filed)
    story.add("acknowledged", D(2019, 3, 11))
    criteria, factors = procedure.texts_for(filed)
    combined = profiles.installed_slug() == "usmca-cec"
    data = {
        "outcome": "request" if combined else "meets",
        "criteria": {letter: {"met": True, "reasons": "Met."} for letter in criteria},
    }
    if combined:
        data["factors"] = {letter: {"met": True, "reasons": "Yes."} for letter in factors}
    kind = "response_decided" if combined else "admissibility_determined"
    documents = generated_documents(story.case, kind, data=data, reasons="Why.")
    assert [(d.language, d.title) for d in documents] == expected["titles"]
    texts = "\n".join(text_of(document) for document in documents)
    for words in expected["says"]:
        assert words in texts
    for words in expected["never"]:
        assert words not in texts
