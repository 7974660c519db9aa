"""The text of the formal documents, in English and Spanish side by side (another profile's
own, in its languages, in notices.wording_<profile>: ``OWN_WORDING``).

These are legal texts and the Secretariat reviews a document's two versions together, so they
are kept here as data in both languages rather than in the interface catalogue; the renderers
pick the language's column and never mix them. The treaty's own words (the criteria of
Article 18.8.2 and the factors of Article 18.8.4) are not here: they are in ``workflow.treaty``,
the one wording that forms, pages and documents share. A Party is named here by whole phrases
("relativa al Perú"), never by a preposition put before its name (docs/glossary.md).
"""

import importlib

from submissions import profiles
from submissions.dates import long_date

EN, ES = "en", "es"


def _by_language(key: str) -> dict:
    """{language: {Party code: phrase}} from the installation's profile (submissions.profiles)."""
    parties = profiles.installed().parties
    return {
        language: {p.code: p.document_phrases[language][key] for p in parties}
        for language in profiles.installed().languages
    }


# The Party as a label (the particulars), and as whole phrases inside a sentence.
PARTIES = _by_language("name")
CONCERNING = _by_language("concerning")
# The addressee of a request for a response (Art. 18.8.4).
ADDRESSEE = _by_language("addressee")

LABELS = {
    EN: {
        "identifier": "Identifier",
        "code": "Document code",
        "determination_code": "Determination",
        "date": "Date",
        "submission": "Submission",
        "submitters": "Submitted by",
        "party": "Party concerned",
        "criterion": "Criterion",
        "factor": "Factor",
        "finding": "Finding",
        "reasons": "Reasons",
        "met": "Met",
        "not_met": "Not met",
        "yes": "Yes",
        "no": "No",
        "signature": "Secretariat for Environmental Matters",
        "reasons_heading": "Reasons of the Secretariat",
        "note_heading": "Note of the Secretariat",
        "note_language": (
            "The Secretariat's note is given in %(language)s, the language of the submission."
        ),
        "reasons_language": (
            "The Secretariat's reasons are given in %(language)s, the language of the submission."
        ),
        # In a sentence ("filed … by …") instead of the list's "Name withheld at …" label.
        "withheld_in_sentence": "a submitter whose name is withheld at their request",
        # Several of them, as one item of the list (walk 62: "by a submitter whose name is
        # withheld at their request and a submitter whose name is withheld at their request").
        "withheld_many": "%(count)s submitters whose names are withheld at their request",
    },
    ES: {
        "identifier": "Identificador",
        "code": "Código del documento",
        "determination_code": "Determinación",
        "date": "Fecha",
        "submission": "Comunicación",
        "submitters": "Presentada por",
        "party": "Parte en cuestión",
        "criterion": "Requisito",
        "factor": "Factor",
        "finding": "Conclusión",
        "reasons": "Razones",
        "met": "Cumple",
        "not_met": "No cumple",
        "yes": "Sí",
        "no": "No",
        "signature": "Secretaría para Asuntos de Cumplimiento Ambiental",
        "reasons_heading": "Razones de la Secretaría",
        "note_heading": "Nota de la Secretaría",
        "note_language": (
            "La nota de la Secretaría se da en %(language)s, el idioma de la comunicación."
        ),
        "reasons_language": (
            "Las razones de la Secretaría se dan en %(language)s, el idioma de la comunicación."
        ),
        "withheld_in_sentence": "una persona cuyo nombre se reserva a su solicitud",
        "withheld_many": "%(count)s personas cuyos nombres se reservan a su solicitud",
    },
}

TITLES = {
    EN: {
        "acknowledgement": "Acknowledgement of receipt",
        "determination_18_8_2": "Determination under Article 18.8.2",
        "determination_18_8_4": "Determination under Article 18.8.4",
        "determination_combined": "Determination under Articles 18.8.2 and 18.8.4",
        "request": "Request for a response under Article 18.8.4",
        "notification": "Notification to the Council under Article 18.9.1",
        "not_warranted": "Determination that a factual record is not warranted",
        "draft_cover": "Cover letter: draft factual record",
        "final_cover": "Cover letter: final factual record",
        "closing": "Notice of closure",
        "publication": "Notice of publication of the factual record",
    },
    ES: {
        "acknowledgement": "Acuse de recibo",
        "determination_18_8_2": "Determinación conforme al artículo 18.8.2",
        "determination_18_8_4": "Determinación conforme al artículo 18.8.4",
        "determination_combined": "Determinación conforme a los artículos 18.8.2 y 18.8.4",
        "request": "Solicitud de respuesta conforme al artículo 18.8.4",
        "notification": "Notificación al Consejo conforme al artículo 18.9.1",
        "not_warranted": "Determinación de que la comunicación no amerita un expediente de hechos",
        "draft_cover": "Carta de remisión: borrador del expediente de hechos",
        "final_cover": "Carta de remisión: expediente de hechos final",
        "closing": "Aviso de cierre",
        "publication": "Aviso de publicación del expediente de hechos",
    },
}

CLOSURE = {
    EN: {
        "not_a_submission": "it is not a submission",
        "not_admissible": "it does not meet the admissibility criteria",
        "no_response_merited": "a response from the Party is not merited",
        "pending_proceeding": "the matter is the subject of a pending proceeding",
        "factual_record_not_warranted": "a factual record is not warranted",
        "no_council_instruction": "no member of the Council instructed a factual record",
        "factual_record_published": "the factual record has been published",
        "withdrawn": "the submitters withdrew it",
    },
    ES: {
        "not_a_submission": "no constituye una comunicación",
        "not_admissible": "no cumple los requisitos de admisibilidad",
        "no_response_merited": "no amerita solicitar una respuesta a la Parte",
        "pending_proceeding": "el asunto es objeto de un procedimiento judicial o "
        "administrativo pendiente",
        "factual_record_not_warranted": "la comunicación no amerita un expediente de hechos",
        "no_council_instruction": "ningún miembro del Consejo dio instrucciones para que se "
        "elaborara un expediente de hechos",
        "factual_record_published": "el expediente de hechos ha sido publicado",
        "withdrawn": "los remitentes la retiraron",
    },
}

# Paragraphs, with named placeholders.
BODY = {
    EN: {
        "acknowledgement": "The Secretariat acknowledges receipt of the submission "
        "“%(title)s”, filed on %(filed_on)s under Article 18.8 by %(submitters)s, "
        "%(concerning_party)s. It has been assigned the identifier %(reference)s and entered on "
        "the public docket.",
        "criteria_intro": "The Secretariat has reviewed the submission against each criterion "
        "of Article 18.8.2. The submission:",
        "meets": "The Secretariat determines that the submission meets the criteria of "
        "Article 18.8.2 and will consider whether to request a response from the Party "
        "concerned.",
        "does_not_meet": "The Secretariat determines that the submission does not meet the "
        "criteria of Article 18.8.2.",
        "revision_one": "The submitter may file a revised submission within %(revision_period)s "
        "of this determination.",
        "revision_many": "The submitters may file a revised submission within "
        "%(revision_period)s of this determination.",
        "factors_intro": "In deciding whether to request a response, the Secretariat has "
        "been guided by the factors of Article 18.8.4, namely whether:",
        "request": "The Secretariat determines that the submission merits requesting a "
        "response from the Party concerned.",
        "no_request": "The Secretariat determines that the submission does not merit "
        "requesting a response from the Party concerned, and closes the case.",
        "combined_request": "The Secretariat determines that the submission meets the "
        "criteria of Article 18.8.2 and merits requesting a response from the Party "
        "concerned.",
        "combined_no_request": "The Secretariat determines that the submission meets the "
        "criteria of Article 18.8.2 but does not merit requesting a response from the Party "
        "concerned, and closes the case.",
        "request_letter": "In accordance with Article 18.8.4, the Secretariat requests a "
        "response %(addressee)s to the submission, which it forwards with all its "
        "supporting information.",
        "request_forwarded": "The Secretariat forwards with this request the submission and "
        "the following supporting information:",
        # Walk 121: "and the following supporting information:" above the submission alone.
        "request_forwarded_alone": "The Secretariat forwards the submission with this request:",
        "request_due": "Under Article 18.8.5 the response is due within 45 days of delivery "
        "of this request, or within 60 days in exceptional circumstances notified to the "
        "Secretariat.",
        "notification": "In accordance with Article 18.9.1, the Secretariat informs the "
        "Environmental Affairs Council that, in its view, submission %(reference)s warrants "
        "the development of a factual record, for the reasons set out below.",
        "not_warranted": "Having considered the submission and any response of the Party, "
        "the Secretariat determines under Article 18.9.1 that the development of a factual "
        "record is not warranted, and closes the case.",
        "draft_cover": "In accordance with Article 18.9.5, the Secretariat submits to the "
        "Council the draft factual record on submission %(reference)s. Each Party may comment "
        "on its accuracy within 45 days.",
        "final_cover": "In accordance with Article 18.9.6, the Secretariat submits to the "
        "Council the final factual record on submission %(reference)s, incorporating the "
        "comments of the Parties as appropriate.",
        "closing": "The Secretariat gives notice that the case of submission %(reference)s "
        "is closed because %(closure)s.",
        "publication": "In accordance with Article 18.9.7, on the instruction of a member of "
        "the Council, the Secretariat makes public the final factual record on submission "
        "%(reference)s, and closes the case.",
        "publication_comments": "The following Parties' comments on the draft factual record "
        "are published with it: %(parties)s.",
    },
    ES: {
        "acknowledgement": "La Secretaría acusa recibo de la comunicación «%(title)s», "
        "presentada el %(filed_on)s conforme al artículo 18.8 por %(submitters)s, "
        "%(concerning_party)s. Se le ha asignado el identificador %(reference)s y se ha "
        "incorporado al registro público.",
        "criteria_intro": "La Secretaría ha examinado la comunicación respecto de cada uno de "
        "los requisitos del artículo 18.8.2. La comunicación:",
        "meets": "La Secretaría determina que la comunicación cumple los requisitos del "
        "artículo 18.8.2 y considerará si solicita una respuesta a la Parte en cuestión.",
        "does_not_meet": "La Secretaría determina que la comunicación no cumple los "
        "requisitos del artículo 18.8.2.",
        "revision_one": "El remitente podrá presentar una comunicación revisada dentro de los "
        "%(revision_period)s siguientes a esta determinación.",
        "revision_many": "Los remitentes podrán presentar una comunicación revisada dentro de "
        "los %(revision_period)s siguientes a esta determinación.",
        "factors_intro": "Para decidir si solicita una respuesta, la Secretaría se ha guiado "
        "por los factores del artículo 18.8.4, a saber, si:",
        "request": "La Secretaría determina que la comunicación amerita solicitar una "
        "respuesta a la Parte en cuestión.",
        "no_request": "La Secretaría determina que la comunicación no amerita solicitar una "
        "respuesta a la Parte en cuestión y da por concluido el caso.",
        "combined_request": "La Secretaría determina que la comunicación cumple los requisitos "
        "del artículo 18.8.2 y amerita solicitar una respuesta a la Parte en cuestión.",
        "combined_no_request": "La Secretaría determina que la comunicación cumple los "
        "requisitos del artículo 18.8.2 pero no amerita solicitar una respuesta a la Parte en "
        "cuestión, y da por concluido el caso.",
        "request_letter": "De conformidad con el artículo 18.8.4, la Secretaría solicita una "
        "respuesta %(addressee)s respecto de la comunicación, que remite junto con toda su "
        "información de respaldo.",
        "request_forwarded": "La Secretaría remite con esta solicitud la comunicación y la "
        "siguiente información de respaldo:",
        # Walk 121: "and the following supporting information:" above the submission alone.
        "request_forwarded_alone": "La Secretaría remite la comunicación con esta solicitud:",
        "request_due": "Conforme al artículo 18.8.5, la respuesta debe presentarse dentro de "
        "los 45 días siguientes a la entrega de esta solicitud, o de 60 días en circunstancias "
        "excepcionales notificadas a la Secretaría.",
        "notification": "De conformidad con el artículo 18.9.1, la Secretaría informa al "
        "Consejo de Asuntos Ambientales que, a su juicio, la comunicación %(reference)s amerita "
        "la elaboración de un expediente de hechos, por las razones que se exponen a "
        "continuación.",
        "not_warranted": "Habiendo considerado la comunicación y la respuesta de la Parte, si "
        "la hubo, la Secretaría determina conforme al artículo 18.9.1 que la comunicación no "
        "amerita la elaboración de un expediente de hechos y da por concluido el caso.",
        "draft_cover": "De conformidad con el artículo 18.9.5, la Secretaría presenta al "
        "Consejo el borrador del expediente de hechos sobre la comunicación %(reference)s. "
        "Cada Parte podrá formular observaciones sobre su exactitud dentro de 45 días.",
        "final_cover": "De conformidad con el artículo 18.9.6, la Secretaría presenta al "
        "Consejo el expediente de hechos final sobre la comunicación %(reference)s, que "
        "incorpora, según corresponda, las observaciones de las Partes.",
        "closing": "La Secretaría notifica que el caso de la comunicación %(reference)s ha "
        "concluido porque %(closure)s.",
        "publication": "De conformidad con el artículo 18.9.7, por instrucción de un miembro "
        "del Consejo, la Secretaría hace público el expediente de hechos final sobre la "
        "comunicación %(reference)s y da por concluido el caso.",
        "publication_comments": "Se publican con él las observaciones de las siguientes Partes "
        "sobre el borrador del expediente de hechos: %(parties)s.",
    },
}


# A profile with its own wording of the documents (the keys are the same): its tables replace
# the TPA's above.
OWN_WORDING = {"usmca-cec": "notices.wording_cec", "cafta-dr": "notices.wording_cafta"}
# An earlier era's own wording of the same documents, by the era's name (the CEC's NAAEC era).
ERAS: dict = {}
if profiles.installed_slug() in OWN_WORDING:
    _own = importlib.import_module(OWN_WORDING[profiles.installed_slug()])
    LABELS, TITLES, CLOSURE, BODY = _own.LABELS, _own.TITLES, _own.CLOSURE, _own.BODY
    ERAS = getattr(_own, "ERAS", {})


def tables_for(filed_on) -> tuple[dict, dict, dict, dict]:
    """(LABELS, TITLES, CLOSURE, BODY) for a case filed on ``filed_on``: its era's wording where
    the profile has one (a NAAEC-era case cites NAAEC's articles), else the profile's."""
    era = profiles.installed().era_for(filed_on)
    own = ERAS.get(era.name) if era else None
    if not own:
        return LABELS, TITLES, CLOSURE, BODY
    return LABELS, own["TITLES"], own["CLOSURE"], own["BODY"]


def date_in(day, language: str) -> str:
    """ "28 October 2026" / "28 de octubre de 2026": the site's one date format per language
    (secretariat/formats), so a document and the page beside it agree."""
    return long_date(day, language)


# A period as the documents state it ("30 days", "60 días hábiles"): calendar, working days.
PERIOD = {
    "en": ("%(n)s days", "%(n)s working days"),
    "es": ("%(n)s días", "%(n)s días hábiles"),
    "fr": ("%(n)s\u00a0jours", "%(n)s\u00a0jours ouvrables"),
}


def period_in(length: int, working_days: bool, language: str) -> str:
    """A period (``workflow.deadlines.period_of``) as a document in ``language`` states it."""
    return PERIOD[language[:2]][bool(working_days)] % {"n": length}


def party_phrases(code: str, language: str) -> dict:
    """The Party of a case as the documents name it, in ``language``."""
    return {
        "party": PARTIES[language].get(code, code),
        "concerning_party": CONCERNING[language].get(code, code),
        "addressee": ADDRESSEE[language].get(code, code),
    }
