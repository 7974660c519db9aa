"""The formal documents' text under the ``cafta-dr`` profile, in English and Spanish
(notices.wording picks the installed profile's tables; the keys are the same).

A copy of the default tables (notices.wording, worded for the default profile's TPA) with only
what the Dominican Republic–Central America–United States Free Trade Agreement (CAFTA-DR)
changes: its Chapter 17's articles (17.7 for the submission, its criteria (17.7.2), the request
for a response (17.7.4) and the Party's 45 or 60 days (17.7.5); 17.8.1, 17.8.5, 17.8.6 and
17.8.7 for the factual record), and the Spanish name of its Secretariat, the Secretaría de
Asuntos Ambientales. The periods (45 and 60 days for a response, 45 for comments on a draft)
and the Council's rule (any one Party's vote, 17.8.2 and 17.8.7) are the TPA's, so those
sentences stay. The authentic Spanish of Chapter 17 was not read (submissions.profile_cafta,
``unverified``): the Spanish here is the TPA's, whose Spanish follows CAFTA-DR's. No table
names a Party: it is named through the profile's phrases (``CONCERNING``, ``ADDRESSEE``), as
under the default.
"""

EN, ES = "en", "es"

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
        "signature": "Secretaría de Asuntos Ambientales",
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
        "determination_18_8_2": "Determination under Article 17.7.2",
        "determination_18_8_4": "Determination under Article 17.7.4",
        "determination_combined": "Determination under Articles 17.7.2 and 17.7.4",
        "request": "Request for a response under Article 17.7.4",
        "notification": "Notification to the Council under Article 17.8.1",
        "not_warranted": "Determination that a factual record is not warranted",
        "draft_cover": "Cover letter: draft factual record",
        "final_cover": "Cover letter: final factual record",
        "closing": "Notice of closure",
        "publication": "Notice of publication of the factual record",
    },
    ES: {
        "acknowledgement": "Acuse de recibo",
        "determination_18_8_2": "Determinación conforme al artículo 17.7.2",
        "determination_18_8_4": "Determinación conforme al artículo 17.7.4",
        "determination_combined": "Determinación conforme a los artículos 17.7.2 y 17.7.4",
        "request": "Solicitud de respuesta conforme al artículo 17.7.4",
        "notification": "Notificación al Consejo conforme al artículo 17.8.1",
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
        "withdrawn": "los peticionarios la retiraron",
    },
}

# Paragraphs, with named placeholders.
BODY = {
    EN: {
        "acknowledgement": "The Secretariat acknowledges receipt of the submission "
        "“%(title)s”, filed on %(filed_on)s under Article 17.7 by %(submitters)s, "
        "%(concerning_party)s. It has been assigned the identifier %(reference)s and entered on "
        "the public docket.",
        "criteria_intro": "The Secretariat has reviewed the submission against each criterion "
        "of Article 17.7.2. The submission:",
        "meets": "The Secretariat determines that the submission meets the criteria of "
        "Article 17.7.2 and will consider whether to request a response from the Party "
        "concerned.",
        "does_not_meet": "The Secretariat determines that the submission does not meet the "
        "criteria of Article 17.7.2.",
        "revision_one": "The submitter may file a revised submission within %(revision_period)s "
        "of this determination.",
        "revision_many": "The submitters may file a revised submission within "
        "%(revision_period)s of this determination.",
        "factors_intro": "In deciding whether to request a response, the Secretariat has "
        "been guided by the factors of Article 17.7.4, namely whether:",
        "request": "The Secretariat determines that the submission merits requesting a "
        "response from the Party concerned.",
        "no_request": "The Secretariat determines that the submission does not merit "
        "requesting a response from the Party concerned, and closes the case.",
        "combined_request": "The Secretariat determines that the submission meets the "
        "criteria of Article 17.7.2 and merits requesting a response from the Party "
        "concerned.",
        "combined_no_request": "The Secretariat determines that the submission meets the "
        "criteria of Article 17.7.2 but does not merit requesting a response from the Party "
        "concerned, and closes the case.",
        "request_letter": "In accordance with Article 17.7.4, the Secretariat requests a "
        "response %(addressee)s to the submission, which it forwards with all its "
        "supporting information.",
        "request_forwarded": "The Secretariat forwards with this request the submission and "
        "the following supporting information:",
        # Walk 121: "and the following supporting information:" above the submission alone.
        "request_forwarded_alone": "The Secretariat forwards the submission with this request:",
        "request_due": "Under Article 17.7.5 the response is due within 45 days of delivery "
        "of this request, or within 60 days in exceptional circumstances notified to the "
        "Secretariat.",
        "notification": "In accordance with Article 17.8.1, the Secretariat informs the "
        "Environmental Affairs Council that, in its view, submission %(reference)s warrants "
        "the development of a factual record, for the reasons set out below.",
        "not_warranted": "Having considered the submission and any response of the Party, "
        "the Secretariat determines under Article 17.8.1 that the development of a factual "
        "record is not warranted, and closes the case.",
        "draft_cover": "In accordance with Article 17.8.5, the Secretariat submits to the "
        "Council the draft factual record on submission %(reference)s. Each Party may comment "
        "on its accuracy within 45 days.",
        "final_cover": "In accordance with Article 17.8.6, the Secretariat submits to the "
        "Council the final factual record on submission %(reference)s, incorporating the "
        "comments of the Parties as appropriate.",
        "closing": "The Secretariat gives notice that the case of submission %(reference)s "
        "is closed because %(closure)s.",
        "publication": "In accordance with Article 17.8.7, on the instruction of a member of "
        "the Council, the Secretariat makes public the final factual record on submission "
        "%(reference)s, and closes the case.",
        "publication_comments": "The following Parties' comments on the draft factual record "
        "are published with it: %(parties)s.",
    },
    ES: {
        "acknowledgement": "La Secretaría acusa recibo de la comunicación «%(title)s», "
        "presentada el %(filed_on)s conforme al artículo 17.7 por %(submitters)s, "
        "%(concerning_party)s. Se le ha asignado el identificador %(reference)s y se ha "
        "incorporado al registro público.",
        "criteria_intro": "La Secretaría ha examinado la comunicación respecto de cada uno de "
        "los requisitos del artículo 17.7.2. La comunicación:",
        "meets": "La Secretaría determina que la comunicación cumple los requisitos del "
        "artículo 17.7.2 y considerará si solicita una respuesta a la Parte en cuestión.",
        "does_not_meet": "La Secretaría determina que la comunicación no cumple los "
        "requisitos del artículo 17.7.2.",
        "revision_one": "El peticionario podrá presentar una comunicación revisada dentro de "
        "los %(revision_period)s siguientes a esta determinación.",
        "revision_many": "Los peticionarios podrán presentar una comunicación revisada dentro "
        "de los %(revision_period)s siguientes a esta determinación.",
        "factors_intro": "Para decidir si solicita una respuesta, la Secretaría se ha guiado "
        "por los factores del artículo 17.7.4, a saber, si:",
        "request": "La Secretaría determina que la comunicación amerita solicitar una "
        "respuesta a la Parte en cuestión.",
        "no_request": "La Secretaría determina que la comunicación no amerita solicitar una "
        "respuesta a la Parte en cuestión y da por concluido el caso.",
        "combined_request": "La Secretaría determina que la comunicación cumple los requisitos "
        "del artículo 17.7.2 y amerita solicitar una respuesta a la Parte en cuestión.",
        "combined_no_request": "La Secretaría determina que la comunicación cumple los "
        "requisitos del artículo 17.7.2 pero no amerita solicitar una respuesta a la Parte en "
        "cuestión, y da por concluido el caso.",
        "request_letter": "De conformidad con el artículo 17.7.4, la Secretaría solicita una "
        "respuesta %(addressee)s respecto de la comunicación, que remite junto con toda su "
        "información de respaldo.",
        "request_forwarded": "La Secretaría remite con esta solicitud la comunicación y la "
        "siguiente información de respaldo:",
        # Walk 121: "and the following supporting information:" above the submission alone.
        "request_forwarded_alone": "La Secretaría remite la comunicación con esta solicitud:",
        "request_due": "Conforme al artículo 17.7.5, la respuesta debe presentarse dentro de "
        "los 45 días siguientes a la entrega de esta solicitud, o de 60 días en circunstancias "
        "excepcionales notificadas a la Secretaría.",
        "notification": "De conformidad con el artículo 17.8.1, la Secretaría informa al "
        "Consejo de Asuntos Ambientales que, a su juicio, la comunicación %(reference)s amerita "
        "la elaboración de un expediente de hechos, por las razones que se exponen a "
        "continuación.",
        "not_warranted": "Habiendo considerado la comunicación y la respuesta de la Parte, si "
        "la hubo, la Secretaría determina conforme al artículo 17.8.1 que la comunicación no "
        "amerita la elaboración de un expediente de hechos y da por concluido el caso.",
        "draft_cover": "De conformidad con el artículo 17.8.5, la Secretaría presenta al "
        "Consejo el borrador del expediente de hechos sobre la comunicación %(reference)s. "
        "Cada Parte podrá formular observaciones sobre su exactitud dentro de 45 días.",
        "final_cover": "De conformidad con el artículo 17.8.6, la Secretaría presenta al "
        "Consejo el expediente de hechos final sobre la comunicación %(reference)s, que "
        "incorpora, según corresponda, las observaciones de las Partes.",
        "closing": "La Secretaría notifica que el caso de la comunicación %(reference)s ha "
        "concluido porque %(closure)s.",
        "publication": "De conformidad con el artículo 17.8.7, por instrucción de un miembro "
        "del Consejo, la Secretaría hace público el expediente de hechos final sobre la "
        "comunicación %(reference)s y da por concluido el caso.",
        "publication_comments": "Se publican con él las observaciones de las siguientes Partes "
        "sobre el borrador del expediente de hechos: %(parties)s.",
    },
}
