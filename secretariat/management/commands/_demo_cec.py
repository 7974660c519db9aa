"""The demo's cases under the ``usmca-cec`` profile (seed_demo): five cases about the three
Parties, in the three languages, through the CEC's combined determination, its two-of-three
Council rule and a submission that can be consolidated with an earlier one. Invented, like the
default profile's demo; the CEC's real histories are in tests/data/cec_histories.json."""

from secretariat.management.commands._demo_letters import letter
from workflow.services import FilingInput, LawInput, SubmitterInput

PROFILE = "usmca-cec"
# The findings of each case's combined determination, in the case's language.
MET_ES = {
    letter: {"met": True, "reasons": f"Se cumple el requisito ({letter})."} for letter in "abcde"
}
WEIGHED_ES = {
    "a": {"met": True, "reasons": "Los peticionarios describen el daño a la pesca de la laguna."},
    "b": {"met": True, "reasons": "Su estudio contribuiría a las metas del Capítulo."},
    "c": {"met": True, "reasons": "Se presentó una denuncia ante la autoridad federal en 2024."},
    "d": {"met": False, "reasons": "Se basa en actas de inspección, no en la prensa."},
}
MET_FR = {
    letter: {"met": True, "reasons": f"Le critère ({letter}) est satisfait."} for letter in "abcde"
}
WEIGHED_FR = {
    "a": {"met": True, "reasons": "Les auteurs décrivent le tort causé à la harde de caribous."},
    "b": {"met": True, "reasons": "Son étude contribuerait aux objectifs du chapitre."},
    "c": {"met": False, "reasons": "Aucun recours privé n’a été exercé."},
    "d": {"met": False, "reasons": "Elle se fonde sur des rapports scientifiques."},
}


def cases(file, past, decide_today, officer) -> list:
    """``file``, ``past`` and ``decide_today`` record as seed_demo does (historical dates
    through the services, and one live decision under four eyes)."""
    made = []

    # 1. About Mexico, in Spanish: one Council member of three has instructed a factual record;
    #    a second one's instruction is awaited (two-thirds).
    case = file(
        FilingInput(
            party="MX",
            language="es",
            title="Descargas de aguas residuales en la laguna de Cuyutlán",
            other_titles={
                "en": "Wastewater discharges into the Cuyutlán lagoon",
                "fr": "Rejets d’eaux usées dans la lagune de Cuyutlán",
            },
            summary="Cooperativas pesqueras de Colima afirman que México no aplica "
            "efectivamente las normas de descarga de aguas residuales en la laguna.",
            other_summaries={
                "en": "Fishing cooperatives of Colima assert that Mexico fails to effectively "
                "enforce its wastewater discharge standards in the lagoon.",
            },
            submitters=[
                SubmitterInput(
                    kind="organization",
                    name="Federación de Cooperativas Pesqueras de Colima",
                    nationality="MX",
                    residence="MX",
                    email="cooperativas@example.org",
                    preferred_language="es",
                )
            ],
            laws=[LawInput("Ley de Aguas Nacionales", "Art. 88 bis")],
        ),
        days=200,
    )
    past(case, "acknowledged", 198)
    past(case, "assigned", 198, data={"officer": officer.username})
    past(
        case,
        "response_decided",
        172,
        data={"outcome": "request", "criteria": MET_ES, "factors": WEIGHED_ES},
    )
    past(
        case,
        "party_responded",
        115,
        author="party:MX",
        data={"pending_proceeding": False},
        documents_in=[
            letter(
                "Respuesta de México",
                "es",
                "El Gobierno de México responde a la petición "
                "y describe las medidas de aplicación adoptadas. (Texto de demostración.)",
            )
        ],
    )
    past(
        case,
        "factual_record_notified",
        40,
        data={"outcome": "warranted"},
        note="La respuesta no indica qué inspecciones se hicieron a las descargas en la laguna; "
        "un expediente de hechos expondría los hechos de esa aplicación de la ley.",
    )
    past(case, "council_instructed", 20, author="council:CA", data={"party": "CA"})
    made.append(case)

    # 2. About Canada, in French: the combined determination is decided live today (four
    #    eyes), so the Party's response period starts today.
    case = file(
        FilingInput(
            party="CA",
            language="fr",
            title="Protection de l’habitat du caribou forestier en Abitibi",
            other_titles={"en": "Protection of woodland caribou habitat in Abitibi"},
            summary="Les auteurs affirment que le Canada omet d’assurer l’application efficace "
            "de la Loi sur les espèces en péril à l’habitat essentiel du caribou.",
            other_summaries={
                "en": "The submitters assert that Canada fails to effectively enforce the "
                "Species at Risk Act as to the caribou's critical habitat.",
            },
            submitters=[
                SubmitterInput(
                    kind="organization",
                    name="Coalition pour la forêt boréale",
                    nationality="CA",
                    residence="CA",
                    email="coalition@example.org",
                    preferred_language="fr",
                ),
                # A co-submitter who asked that the name be withheld (a registered case:
                # the public pages must not show it).
                SubmitterInput(
                    kind="individual",
                    name="Marc-André Gagnon",
                    nationality="CA",
                    residence="CA",
                    email="mag@example.org",
                    preferred_language="fr",
                    confidential=True,
                ),
            ],
            laws=[LawInput("Loi sur les espèces en péril (L.C. 2002, ch. 29)", "art. 58")],
        ),
        days=25,
    )
    past(case, "acknowledged", 23)
    past(case, "assigned", 23, data={"officer": officer.username})
    decide_today(
        case,
        "response_decided",
        data={"outcome": "request", "criteria": MET_FR, "factors": WEIGHED_FR},
    )
    made.append(case)

    # 3. About the United States, in English, filed by a resident of Mexico: in review.
    case = file(
        FilingInput(
            party="US",
            language="en",
            title="Border wall construction and the San Pedro River",
            summary="The submitter asserts that the United States fails to effectively enforce "
            "its water and wildlife laws in the San Pedro River's riparian area.",
            submitters=[
                SubmitterInput(
                    kind="individual",
                    name="Ana Lucía Moreno",
                    nationality="MX",
                    residence="MX",
                    email="alm@example.org",
                    preferred_language="es",
                )
            ],
            laws=[LawInput("Endangered Species Act", "§ 7")],
        ),
        days=10,
    )
    past(case, "acknowledged", 8)
    past(case, "assigned", 8, data={"officer": officer.username})
    made.append(case)

    # 4. Just filed, in French, not yet acknowledged: not public.
    made.append(
        file(
            FilingInput(
                party="CA",
                language="fr",
                title="Déversements de la raffinerie de Lévis",
                summary="Des riverains affirment que les déversements répétés de la raffinerie "
                "ne font l’objet d’aucune mesure d’application.",
                submitters=[
                    SubmitterInput(
                        kind="individual",
                        name="Julie Tremblay",
                        nationality="CA",
                        residence="CA",
                        email="jtremblay@example.org",
                        preferred_language="fr",
                    )
                ],
                laws=[LawInput("Loi sur les pêches (L.R.C. 1985, ch. F-14)", "par. 36(3)")],
            ),
            days=1,
        )
    )

    # 5. About Canada, in English: a later submission on the caribou habitat of case 2, by
    #    another group, in review: the officer may consolidate it with case 2, as the CEC did
    #    SEM-06-004 with SEM-06-003.
    case = file(
        FilingInput(
            party="CA",
            language="en",
            title="Woodland caribou habitat in Abitibi: a second submission",
            summary="A hunters' and trappers' association asserts that Canada fails to "
            "effectively enforce the Species at Risk Act as to the caribou's critical habitat "
            "in Abitibi, the matter of the coalition's earlier submission.",
            submitters=[
                SubmitterInput(
                    kind="organization",
                    name="Abitibi Trappers' Association",
                    nationality="CA",
                    residence="CA",
                    email="trappers@example.org",
                    preferred_language="en",
                )
            ],
            laws=[LawInput("Species at Risk Act (S.C. 2002, c. 29)", "s. 58")],
        ),
        days=15,
    )
    past(case, "acknowledged", 13)
    past(case, "assigned", 13, data={"officer": officer.username})
    made.append(case)
    return made
