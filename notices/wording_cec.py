"""The formal documents' text under the ``usmca-cec`` profile, in English, French and Spanish
(notices.wording picks the installed profile's tables; the keys are the same).

The articles are the USMCA's: 24.27 for the submission, its criteria (24.27(2), read) and the
request (24.27(3)); 24.28 for the factual record, without the paragraph numbers this research
did not read (docs/profiles.md). The periods stated are the profile's (60 days, 90 on notice;
45 for comments), which are among its unverified values. A case of the NAAEC era (filed until
30 June 2020, which continues under NAAEC Arts. 14–15) is worded with NAAEC's articles and
periods instead (``ERAS``, derived from the tables below).
"""

EN, FR, ES = "en", "fr", "es"

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
        "signature": "Secretariat of the Commission for Environmental Cooperation",
        "reasons_heading": "Reasons of the Secretariat",
        "note_heading": "Note of the Secretariat",
        "note_language": (
            "The Secretariat's note is given in %(language)s, the language of the submission."
        ),
        "reasons_language": (
            "The Secretariat's reasons are given in %(language)s, the language of the submission."
        ),
        "withheld_in_sentence": "a submitter whose name is withheld at their request",
        # Several of them, as one item of the list (walk 62: "by a submitter whose name is
        # withheld at their request and a submitter whose name is withheld at their request").
        "withheld_many": "%(count)s submitters whose names are withheld at their request",
    },
    FR: {
        "identifier": "Identifiant",
        "code": "Code du document",
        "determination_code": "Décision",
        "date": "Date",
        "submission": "Communication",
        "submitters": "Déposée par",
        "party": "Partie visée",
        "criterion": "Critère",
        "factor": "Facteur",
        "finding": "Conclusion",
        "reasons": "Motifs",
        "met": "Satisfait",
        "not_met": "Non satisfait",
        "yes": "Oui",
        "no": "Non",
        "signature": "Secrétariat de la Commission de coopération environnementale",
        "reasons_heading": "Motifs du Secrétariat",
        "note_heading": "Note du Secrétariat",
        "note_language": (
            "La note du Secrétariat est rédigée en %(language)s, la langue de la communication."
        ),
        "reasons_language": (
            "Les motifs du Secrétariat sont donnés en %(language)s, la langue de la communication."
        ),
        "withheld_in_sentence": "une personne dont le nom n’est pas divulgué à sa demande",
        "withheld_many": "%(count)s personnes dont le nom n’est pas divulgué à leur demande",
    },
    ES: {
        "identifier": "Identificador",
        "code": "Código del documento",
        "determination_code": "Determinación",
        "date": "Fecha",
        "submission": "Petición",
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
        "signature": "Secretariado de la Comisión para la Cooperación Ambiental",
        "reasons_heading": "Razones del Secretariado",
        "note_heading": "Nota del Secretariado",
        "note_language": (
            "La nota del Secretariado se da en %(language)s, el idioma de la petición."
        ),
        "reasons_language": (
            "Las razones del Secretariado se dan en %(language)s, el idioma de la petición."
        ),
        "withheld_in_sentence": "una persona cuyo nombre se reserva a su solicitud",
        "withheld_many": "%(count)s personas cuyos nombres se reservan a su solicitud",
    },
}

TITLES = {
    EN: {
        "acknowledgement": "Acknowledgement of receipt",
        "determination_18_8_2": "Determination under Article 24.27(2)",
        "determination_18_8_4": "Determination under Article 24.27(3)",
        "determination_combined": "Determination under Article 24.27(2) and (3)",
        "request": "Request for a response under Article 24.27(3)",
        "notification": "Notification to the Council under Article 24.28",
        "not_warranted": "Determination that a factual record is not warranted",
        "draft_cover": "Cover letter: draft factual record",
        "final_cover": "Cover letter: final factual record",
        "closing": "Notice of closure",
        "publication": "Notice of publication of the factual record",
    },
    FR: {
        "acknowledgement": "Accusé de réception",
        "determination_18_8_2": "Décision en vertu de l’article 24.27(2)",
        "determination_18_8_4": "Décision en vertu de l’article 24.27(3)",
        "determination_combined": "Décision en vertu de l’article 24.27(2) et (3)",
        "request": "Demande de réponse en vertu de l’article 24.27(3)",
        "notification": "Notification au Conseil en vertu de l’article 24.28",
        "not_warranted": "Décision selon laquelle la constitution d’un dossier factuel n’est "
        "pas justifiée",
        "draft_cover": "Lettre d’accompagnement\u00a0: version provisoire du dossier factuel",
        "final_cover": "Lettre d’accompagnement\u00a0: dossier factuel final",
        "closing": "Avis de clôture",
        "publication": "Avis de publication du dossier factuel",
    },
    ES: {
        "acknowledgement": "Acuse de recibo",
        "determination_18_8_2": "Determinación conforme al artículo 24.27(2)",
        "determination_18_8_4": "Determinación conforme al artículo 24.27(3)",
        "determination_combined": "Determinación conforme al artículo 24.27(2) y (3)",
        "request": "Solicitud de respuesta conforme al artículo 24.27(3)",
        "notification": "Notificación al Consejo conforme al artículo 24.28",
        "not_warranted": "Determinación de que la petición no amerita un expediente de hechos",
        "draft_cover": "Carta de remisión: proyecto de expediente de hechos",
        "final_cover": "Carta de remisión: expediente de hechos final",
        "closing": "Aviso de cierre",
        "publication": "Aviso de publicación del expediente de hechos",
    },
}

CLOSURE = {
    EN: {
        "not_a_submission": "it is not a submission",
        "not_admissible": "it does not meet the criteria of Article 24.27(2)",
        "no_response_merited": "a response from the Party is not merited",
        "pending_proceeding": "the matter is the subject of a pending proceeding",
        "factual_record_not_warranted": "a factual record is not warranted",
        "no_council_instruction": "the Council did not instruct the preparation of a factual "
        "record",
        "factual_record_published": "the factual record has been published",
        "withdrawn": "the submitters withdrew it",
    },
    FR: {
        "not_a_submission": "il ne s’agit pas d’une communication",
        "not_admissible": "elle ne satisfait pas aux critères de l’article 24.27(2)",
        "no_response_merited": "elle ne justifie pas de demander une réponse à la Partie",
        "pending_proceeding": "la question fait l’objet d’une procédure judiciaire ou "
        "administrative en instance",
        "factual_record_not_warranted": "la constitution d’un dossier factuel n’est pas justifiée",
        "no_council_instruction": "le Conseil n’a pas donné instruction de constituer un "
        "dossier factuel",
        "factual_record_published": "le dossier factuel a été publié",
        "withdrawn": "ses auteurs l’ont retirée",
    },
    ES: {
        "not_a_submission": "no constituye una petición",
        "not_admissible": "no cumple los requisitos del artículo 24.27(2)",
        "no_response_merited": "no amerita solicitar una respuesta a la Parte",
        "pending_proceeding": "el asunto es objeto de un procedimiento judicial o "
        "administrativo pendiente",
        "factual_record_not_warranted": "la petición no amerita un expediente de hechos",
        "no_council_instruction": "el Consejo no dio instrucciones para que se elaborara un "
        "expediente de hechos",
        "factual_record_published": "el expediente de hechos ha sido publicado",
        "withdrawn": "los peticionarios la retiraron",
    },
}

BODY = {
    EN: {
        "acknowledgement": "The Secretariat acknowledges receipt of the submission "
        "“%(title)s”, filed on %(filed_on)s under Article 24.27 by %(submitters)s, "
        "%(concerning_party)s. It has been assigned the identifier %(reference)s and entered on "
        "the public registry.",
        "criteria_intro": "The Secretariat has reviewed the submission against each criterion "
        "of Article 24.27(2). The submission:",
        "meets": "The Secretariat determines that the submission meets the criteria of "
        "Article 24.27(2) and will consider whether to request a response from the Party "
        "concerned.",
        "does_not_meet": "The Secretariat determines that the submission does not meet the "
        "criteria of Article 24.27(2).",
        "revision_one": "The submitter may file a revised submission within %(revision_period)s "
        "of this determination.",
        "revision_many": "The submitters may file a revised submission within "
        "%(revision_period)s of this determination.",
        "factors_intro": "In deciding whether to request a response, the Secretariat has "
        "been guided by the factors of Article 24.27(3), namely whether:",
        "request": "The Secretariat determines that the submission merits requesting a "
        "response from the Party concerned.",
        "no_request": "The Secretariat determines that the submission does not merit "
        "requesting a response from the Party concerned, and closes the case.",
        "combined_request": "The Secretariat determines that the submission meets the "
        "criteria of Article 24.27(2) and merits requesting a response from the Party "
        "concerned.",
        "combined_no_request": "The Secretariat determines that the submission meets the "
        "criteria of Article 24.27(2) but does not merit requesting a response from the Party "
        "concerned, and closes the case.",
        "request_letter": "In accordance with Article 24.27(3), the Secretariat requests a "
        "response %(addressee)s to the submission, which it forwards with all its "
        "supporting information.",
        "request_forwarded": "The Secretariat forwards with this request the submission and "
        "the following supporting information:",
        # Walk 121: "and the following supporting information:" above the submission alone.
        "request_forwarded_alone": "The Secretariat forwards the submission with this request:",
        "request_due": "Under Article 24.27 the response is due within 60 days of delivery "
        "of this request, or within 90 days in exceptional circumstances notified to the "
        "Secretariat.",
        "notification": "In accordance with Article 24.28, the Secretariat informs the Council "
        "that, in its view, submission %(reference)s warrants the development of a factual "
        "record, for the reasons set out below.",
        "not_warranted": "Having considered the submission and any response of the Party, "
        "the Secretariat determines under Article 24.28 that the development of a factual "
        "record is not warranted, and closes the case.",
        "draft_cover": "In accordance with Article 24.28, the Secretariat submits to the "
        "Council the draft factual record on submission %(reference)s. Each Party may comment "
        "on its accuracy within 45 days.",
        "final_cover": "In accordance with Article 24.28, the Secretariat submits to the "
        "Council the final factual record on submission %(reference)s, incorporating the "
        "comments of the Parties as appropriate.",
        "closing": "The Secretariat gives notice that the case of submission %(reference)s "
        "is closed because %(closure)s.",
        "publication": "In accordance with Article 24.28, the Council having so decided, the "
        "Secretariat makes public the final factual record on submission %(reference)s, and "
        "closes the case.",
        "publication_comments": "The following Parties' comments on the draft factual record "
        "are published with it: %(parties)s.",
    },
    FR: {
        "acknowledgement": "Le Secrétariat accuse réception de la communication "
        "«\u00a0%(title)s\u00a0», déposée le %(filed_on)s en vertu de l’article 24.27 par "
        "%(submitters)s, %(concerning_party)s. Elle a reçu l’identifiant %(reference)s et a été "
        "inscrite au registre public.",
        "criteria_intro": "Le Secrétariat a examiné la communication au regard de chacun des "
        "critères de l’article 24.27(2). La communication\u00a0:",
        "meets": "Le Secrétariat décide que la communication satisfait aux critères de "
        "l’article 24.27(2) et examinera s’il y a lieu de demander une réponse à la Partie "
        "visée.",
        "does_not_meet": "Le Secrétariat décide que la communication ne satisfait pas aux "
        "critères de l’article 24.27(2).",
        "revision_one": "Son auteur peut déposer une communication révisée dans les "
        "%(revision_period)s suivant la présente décision.",
        "revision_many": "Ses auteurs peuvent déposer une communication révisée dans les "
        "%(revision_period)s suivant la présente décision.",
        "factors_intro": "Pour décider s’il y a lieu de demander une réponse, le Secrétariat "
        "s’est guidé sur les facteurs de l’article 24.27(3), à savoir si\u00a0:",
        "request": "Le Secrétariat décide que la communication justifie de demander une "
        "réponse à la Partie visée.",
        "no_request": "Le Secrétariat décide que la communication ne justifie pas de demander "
        "une réponse à la Partie visée, et clôt l’affaire.",
        "combined_request": "Le Secrétariat décide que la communication satisfait aux critères "
        "de l’article 24.27(2) et justifie de demander une réponse à la Partie visée.",
        "combined_no_request": "Le Secrétariat décide que la communication satisfait aux "
        "critères de l’article 24.27(2) mais ne justifie pas de demander une réponse à la "
        "Partie visée, et clôt l’affaire.",
        "request_letter": "Conformément à l’article 24.27(3), le Secrétariat demande une "
        "réponse %(addressee)s au sujet de la communication, qu’il transmet avec tous les "
        "renseignements à l’appui.",
        "request_forwarded": "Le Secrétariat transmet avec la présente demande la "
        "communication et les renseignements à l’appui suivants\u00a0:",
        # Walk 121: "and the following supporting information:" above the submission alone.
        "request_forwarded_alone": "Le Secrétariat transmet la communication avec la présente "
        "demande\u00a0:",
        "request_due": "En vertu de l’article 24.27, la réponse est attendue dans les "
        "60\u00a0jours suivant la remise de la présente demande, ou dans les 90\u00a0jours "
        "dans des circonstances exceptionnelles notifiées au Secrétariat.",
        "notification": "Conformément à l’article 24.28, le Secrétariat informe le Conseil "
        "qu’à son avis la communication %(reference)s justifie la constitution d’un dossier "
        "factuel, pour les motifs exposés ci-dessous.",
        "not_warranted": "Ayant examiné la communication et toute réponse de la Partie, le "
        "Secrétariat décide en vertu de l’article 24.28 que la constitution d’un dossier "
        "factuel n’est pas justifiée, et clôt l’affaire.",
        "draft_cover": "Conformément à l’article 24.28, le Secrétariat présente au Conseil la "
        "version provisoire du dossier factuel sur la communication %(reference)s. Chaque "
        "Partie peut présenter des observations sur son exactitude dans les 45\u00a0jours.",
        "final_cover": "Conformément à l’article 24.28, le Secrétariat présente au Conseil le "
        "dossier factuel final sur la communication %(reference)s, qui intègre, s’il y a lieu, "
        "les observations des Parties.",
        "closing": "Le Secrétariat donne avis que l’affaire de la communication %(reference)s "
        "est close parce que %(closure)s.",
        "publication": "Conformément à l’article 24.28, le Conseil en ayant ainsi décidé, le "
        "Secrétariat rend public le dossier factuel final sur la communication %(reference)s, "
        "et clôt l’affaire.",
        "publication_comments": "Sont publiées avec lui les observations des Parties suivantes "
        "sur la version provisoire du dossier factuel\u00a0: %(parties)s.",
    },
    ES: {
        "acknowledgement": "El Secretariado acusa recibo de la petición «%(title)s», "
        "presentada el %(filed_on)s conforme al artículo 24.27 por %(submitters)s, "
        "%(concerning_party)s. Se le ha asignado el identificador %(reference)s y se ha "
        "incorporado al registro público.",
        "criteria_intro": "El Secretariado ha examinado la petición respecto de cada uno "
        "de los requisitos del artículo 24.27(2). La petición:",
        "meets": "El Secretariado determina que la petición cumple los requisitos del "
        "artículo 24.27(2) y considerará si solicita una respuesta a la Parte en cuestión.",
        "does_not_meet": "El Secretariado determina que la petición no cumple los "
        "requisitos del artículo 24.27(2).",
        "revision_one": "El peticionario podrá presentar una petición revisada dentro de los "
        "%(revision_period)s siguientes a esta determinación.",
        "revision_many": "Los peticionarios podrán presentar una petición revisada dentro de "
        "los %(revision_period)s siguientes a esta determinación.",
        "factors_intro": "Para decidir si solicita una respuesta, el Secretariado se ha "
        "guiado por los factores del artículo 24.27(3), a saber, si:",
        "request": "El Secretariado determina que la petición amerita solicitar una "
        "respuesta a la Parte en cuestión.",
        "no_request": "El Secretariado determina que la petición no amerita solicitar una "
        "respuesta a la Parte en cuestión y da por concluido el caso.",
        "combined_request": "El Secretariado determina que la petición cumple los "
        "requisitos del artículo 24.27(2) y amerita solicitar una respuesta a la Parte en "
        "cuestión.",
        "combined_no_request": "El Secretariado determina que la petición cumple los "
        "requisitos del artículo 24.27(2) pero no amerita solicitar una respuesta a la Parte "
        "en cuestión, y da por concluido el caso.",
        "request_letter": "De conformidad con el artículo 24.27(3), el Secretariado solicita "
        "una respuesta %(addressee)s respecto de la petición, que remite junto con toda "
        "su información de respaldo.",
        "request_forwarded": "El Secretariado remite con esta solicitud la petición y la "
        "siguiente información de respaldo:",
        # Walk 121: "and the following supporting information:" above the submission alone.
        "request_forwarded_alone": "El Secretariado remite la petición con esta solicitud:",
        "request_due": "Conforme al artículo 24.27, la respuesta debe presentarse dentro de "
        "los 60 días siguientes a la entrega de esta solicitud, o de 90 días en circunstancias "
        "excepcionales notificadas al Secretariado.",
        "notification": "De conformidad con el artículo 24.28, el Secretariado informa al "
        "Consejo que, a su juicio, la petición %(reference)s amerita la elaboración de un "
        "expediente de hechos, por las razones que se exponen a continuación.",
        "not_warranted": "Habiendo considerado la petición y la respuesta de la Parte, si "
        "la hubo, el Secretariado determina conforme al artículo 24.28 que la petición no "
        "amerita la elaboración de un expediente de hechos y da por concluido el caso.",
        "draft_cover": "De conformidad con el artículo 24.28, el Secretariado presenta al "
        "Consejo el proyecto de expediente de hechos sobre la petición %(reference)s. "
        "Cada Parte podrá formular observaciones sobre su exactitud dentro de 45 días.",
        "final_cover": "De conformidad con el artículo 24.28, el Secretariado presenta al "
        "Consejo el expediente de hechos final sobre la petición %(reference)s, que "
        "incorpora, según corresponda, las observaciones de las Partes.",
        "closing": "El Secretariado notifica que el caso de la petición %(reference)s ha "
        "concluido porque %(closure)s.",
        "publication": "De conformidad con el artículo 24.28, habiéndolo decidido así el "
        "Consejo, el Secretariado hace público el expediente de hechos final sobre la "
        "petición %(reference)s y da por concluido el caso.",
        "publication_comments": "Se publican con él las observaciones de las siguientes Partes "
        "sobre el proyecto de expediente de hechos: %(parties)s.",
    },
}


# --- The NAAEC era ------------------------------------------------------------------------------
# The same documents in NAAEC's articles and periods [treaty, read]: criteria 14(1), factors and
# the request 14(2), the response 14(3) (30 days; 60 in exceptional circumstances notified to the
# Secretariat), notification 15(1), comments on the draft 15(5), the final record 15(6), its
# publication 15(7).

# Where a table cites Article 24.28, the NAAEC paragraph it stands for, by key.
_NAAEC_24_28 = {
    "notification": "15(1)",
    "not_warranted": "15(1)",
    "draft_cover": "15(5)",
    "final_cover": "15(6)",
    "publication": "15(7)",
}
# The combined determination names two paragraphs: the phrase changes with its article.
_NAAEC_BOTH = {
    EN: ("Article 24.27(2) and (3)", "Articles 14(1) and (2)"),
    FR: ("de l’article 24.27(2) et (3)", "des articles 14(1) et (2)"),
    ES: ("al artículo 24.27(2) y (3)", "a los artículos 14(1) y (2)"),
}
# The response's periods as request_due states them: the USMCA's 60/90 days, NAAEC's 30/60.
_NAAEC_PERIODS = {
    EN: (("within 60 days", "within 30 days"), ("within 90 days", "within 60 days")),
    FR: (("60\u00a0jours", "30\u00a0jours"), ("90\u00a0jours", "60\u00a0jours")),
    ES: (("los 60 días", "los 30 días"), ("de 90 días", "de 60 días")),
}


def _naaec(language: str, key: str, text: str) -> str:
    text = text.replace(*_NAAEC_BOTH[language])
    text = text.replace("24.27(2)", "14(1)").replace("24.27(3)", "14(2)")
    if key == "request_due":
        text = text.replace("24.27", "14(3)")
        for usmca, naaec in _NAAEC_PERIODS[language]:
            text = text.replace(usmca, naaec)
    text = text.replace("24.27", "14")
    return text.replace("24.28", _NAAEC_24_28.get(key, "15"))


def _naaec_table(table: dict) -> dict:
    return {
        language: {key: _naaec(language, key, text) for key, text in entries.items()}
        for language, entries in table.items()
    }


# By the name of the profile's era (submissions.profile_cec): the tables that replace these.
ERAS = {
    "NAAEC": {
        "TITLES": _naaec_table(TITLES),
        "CLOSURE": _naaec_table(CLOSURE),
        "BODY": _naaec_table(BODY),
    }
}
