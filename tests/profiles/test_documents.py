"""The formal documents under the installed profile: issued in each of its languages that
the documents' wording has, in its own articles (notices.wording; notices.wording_cec for
the CEC), the case's own language first."""

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
            ("fr", "Décision en vertu de l'article 24.27(2) et (3)"),
            ("es", "Solicitud de respuesta conforme al artículo 24.27(3)"),
            ("en", "Request for a response under Article 24.27(3)"),
            ("fr", "Demande de réponse en vertu de l'article 24.27(3)"),
        ],
        "says": {
            "fr": "satisfait aux critères de l'article 24.27(2) et justifie de demander une "
            "réponse à la Partie visée",
            "es": "cumple los requisitos del artículo 24.27(2) y amerita solicitar",
            "en": "meets the criteria of Article 24.27(2) and merits requesting",
        },
        "never": ("18.8", "18.9", "Peru", "Pérou", "Perú"),
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
