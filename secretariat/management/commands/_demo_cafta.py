"""The demo's cases under the ``cafta-dr`` profile (seed_demo): five cases about five of the
seven Parties, in Spanish and English, through CAFTA-DR's three determinations and its
any-one-member Council rule (Art. 17.8.2). Invented, like the default profile's demo; the
Secretariat's real histories are in tests/data/cafta_histories.json."""

from secretariat.management.commands._demo_letters import letter
from workflow.services import FilingInput, LawInput, SubmitterInput

PROFILE = "cafta-dr"

# The Secretariat's findings on Articles 17.7.2 and 17.7.4, in Spanish (walk 69: the demo's
# public determinations read "—" for every criterion).
MET_ES = {
    "a": "La comunicación está escrita en español.",
    "b": "Los peticionarios indican su nombre, su organización y una dirección.",
    "c": "Cita las disposiciones en cuestión y adjunta actas de inspección y permisos.",
    "d": "Pide que se aplique la ley; no se dirige contra ninguna empresa competidora.",
    "e": "Adjunta las cartas dirigidas a las autoridades y sus respuestas.",
    "f": "Los peticionarios son una organización constituida en una Parte.",
}
# Worded for any of the demo's cases (walk 121: the coffee plant's case read the mangroves').
WEIGHED_ES = {
    "a": (True, "Los peticionarios describen el daño que sufren en la zona afectada."),
    "b": (True, "Su estudio aclararía cómo se fiscaliza la legislación ambiental invocada."),
    "c": (True, "Presentaron una denuncia ante la fiscalía ambiental."),
    "d": (False, "Se basa en inspecciones y resoluciones, no en la prensa."),
}


def met(unmet=(), **reasons) -> dict:
    """Every criterion met but those in ``unmet``, with the reasons above or ``letter=…``."""
    return {
        letter: {"met": letter not in unmet, "reasons": reasons.get(letter, why)}
        for letter, why in MET_ES.items()
    }


WEIGHED = {f: {"met": yes, "reasons": why} for f, (yes, why) in WEIGHED_ES.items()}


def cases(file, past, decide_today, officer) -> list:
    """``file``, ``past`` and ``decide_today`` record as seed_demo does (historical dates
    through the services, and one live decision under four eyes)."""
    made = []

    # 1. About Honduras, in Spanish: one Council member's vote (the United States's) has
    #    instructed the factual record, which is being prepared.
    case = file(
        FilingInput(
            party="HN",
            language="es",
            title="Relleno de manglares en la bahía de Trujillo",
            other_titles={"en": "Filling of mangroves in Trujillo Bay"},
            summary="Pescadores artesanales de Colón afirman que Honduras no aplica "
            "efectivamente su Ley General del Ambiente al relleno de manglares en la bahía.",
            other_summaries={
                "en": "Artisanal fishers of Colón assert that Honduras fails to effectively "
                "enforce its General Environment Law as to the filling of mangroves in the bay.",
            },
            submitters=[
                SubmitterInput(
                    kind="organization",
                    name="Asociación de Pescadores Artesanales de Trujillo",
                    nationality="HN",
                    residence="HN",
                    email="pescadores@example.org",
                    preferred_language="es",
                )
            ],
            laws=[LawInput("Ley General del Ambiente (Decreto 104-93)", "Art. 11")],
        ),
        days=420,
    )
    past(case, "acknowledged", 418)
    past(case, "assigned", 418, data={"officer": officer.username})
    past(case, "admissibility_determined", 390, data={"outcome": "meets", "criteria": met()})
    past(case, "response_decided", 360, data={"outcome": "request", "factors": WEIGHED})
    past(
        case,
        "party_responded",
        318,
        author="party:HN",
        data={"pending_proceeding": False},
        documents_in=[
            letter(
                "Respuesta de Honduras",
                "es",
                "El Gobierno de Honduras responde a la comunicación "
                "y describe las medidas de aplicación adoptadas. (Texto de demostración.)",
            )
        ],
    )
    past(
        case,
        "factual_record_notified",
        60,
        data={"outcome": "warranted"},
        note="La respuesta no explica qué inspecciones se hicieron a los rellenos de manglar; un "
        "expediente de hechos expondría los hechos de esa aplicación de la ley.",
    )
    past(case, "council_instructed", 20, author="council:US", data={"party": "US"})
    made.append(case)

    # 2. About Guatemala, in Spanish, with a co-submitter whose name is withheld: the request
    #    for a response is decided live today (four eyes), so the Party's period starts today.
    case = file(
        FilingInput(
            party="GT",
            language="es",
            title="Descargas de una planta de beneficio de café en el río Samalá",
            other_titles={"en": "Discharges from a coffee processing plant into the Samalá River"},
            summary="Vecinos de Quetzaltenango afirman que Guatemala no aplica efectivamente "
            "su reglamento de descargas de aguas residuales a una planta de beneficio de café.",
            submitters=[
                SubmitterInput(
                    kind="organization",
                    name="Colectivo Río Samalá Vivo",
                    nationality="GT",
                    residence="GT",
                    email="samala@example.org",
                    preferred_language="es",
                ),
                # A co-submitter who asked that the name be withheld (a registered case:
                # the public pages must not show it).
                SubmitterInput(
                    kind="individual",
                    name="Rosa Elvira Xicará",
                    nationality="GT",
                    residence="GT",
                    email="rex@example.org",
                    preferred_language="es",
                    confidential=True,
                ),
            ],
            laws=[
                LawInput("Reglamento de Descargas de Aguas Residuales (A.G. 236-2006)", "Art. 17")
            ],
        ),
        days=45,
    )
    past(case, "acknowledged", 43)
    past(case, "assigned", 43, data={"officer": officer.username})
    past(case, "admissibility_determined", 20, data={"outcome": "meets", "criteria": met()})
    decide_today(case, "response_decided", data={"outcome": "request", "factors": WEIGHED})
    made.append(case)

    # 3. About the Dominican Republic, in Spanish: it did not meet Article 17.7.2; a revised
    #    submission is awaited (30 days; a late one is not considered).
    case = file(
        FilingInput(
            party="DO",
            language="es",
            title="Extracción de arena en el río Yaque del Norte",
            other_titles={"en": "Sand extraction in the Yaque del Norte River"},
            summary="Un comité de vecinos de Santiago afirma que la República Dominicana no "
            "aplica efectivamente su Ley 64-00 a la extracción de arena del cauce del río.",
            submitters=[
                SubmitterInput(
                    kind="individual",
                    name="Ramón Antonio Peralta",
                    nationality="DO",
                    residence="DO",
                    email="rperalta@example.org",
                    preferred_language="es",
                )
            ],
            laws=[
                LawInput(
                    "Ley General sobre Medio Ambiente y Recursos Naturales (64-00)", "Art. 128"
                )
            ],
        ),
        days=30,
    )
    past(case, "acknowledged", 28)
    past(case, "assigned", 28, data={"officer": officer.username})
    past(
        case,
        "admissibility_determined",
        10,
        data={
            "outcome": "does_not_meet",
            "criteria": met(
                "e",
                b="El peticionario indica su nombre y dirección.",
                e="No indica que el asunto se haya comunicado por escrito a las autoridades.",
                f="El peticionario es un nacional de la República Dominicana.",
            ),
        },
    )
    made.append(case)

    # 4. About the United States, in English, filed by a Costa Rican organization (17.7.3: a
    #    person of another Party may file about the United States): in review.
    case = file(
        FilingInput(
            party="US",
            language="en",
            title="Sea turtle bycatch in Gulf of Mexico shrimp trawls",
            summary="The submitter asserts that the United States fails to effectively enforce "
            "its turtle excluder device rules in the Gulf of Mexico shrimp fishery.",
            submitters=[
                SubmitterInput(
                    kind="organization",
                    name="Red Costarricense de Tortugas Marinas",
                    nationality="CR",
                    residence="CR",
                    email="tortugas@example.org",
                    preferred_language="es",
                )
            ],
            laws=[LawInput("Endangered Species Act", "§ 9")],
        ),
        days=10,
    )
    past(case, "acknowledged", 8)
    past(case, "assigned", 8, data={"officer": officer.username})
    made.append(case)

    # 5. Just filed, in Spanish, not yet acknowledged: not public.
    made.append(
        file(
            FilingInput(
                party="SV",
                language="es",
                title="Tala en el área natural protegida El Imposible",
                summary="Una guardarrecursos afirma que El Salvador no persigue la tala ilegal "
                "en el área natural protegida.",
                submitters=[
                    SubmitterInput(
                        kind="individual",
                        name="Marta Alicia Henríquez",
                        nationality="SV",
                        residence="SV",
                        email="mhenriquez@example.org",
                        preferred_language="es",
                    )
                ],
                laws=[LawInput("Ley de Áreas Naturales Protegidas (Decreto 579)", "Art. 41")],
            ),
            days=1,
        )
    )
    return made
