"""Demo accounts (one per role) and a handful of cases at different stages, for `make run`.

Every case is built through the workflow services, exactly as the registry importer and the
live screens build them: the past is recorded with ``ImportOptions`` (historical dates, no four
eyes), and one decision is taken live today — proposed by the officer, approved by the
Executive Director — so the demo also exercises the four-eyes path. Nothing here sets a stage.

Dates are relative to today so that the open deadlines of the demo are always near: some due
soon, none long overdue.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from notices import services as notice_documents
from secretariat.management.commands import _demo_cafta, _demo_cec
from secretariat.management.commands._demo_letters import letter
from submissions import profiles
from submissions.access import assign_role
from submissions.models import Submission, User
from submissions.roles import Role
from workflow import services, statements
from workflow.services import FilingInput, LawInput, SubmitterInput

# The Secretariat's findings on the demo's determinations (walk 69: their public reading pages
# showed "—" for every criterion), in the submission's language.
MET = {
    "en": {
        "a": "The submission is written in English.",
        "b": "The submitters give their names, their organisation and an address.",
        "c": "It cites the provisions at issue and attaches inspection reports and permits.",
        "d": "It asks that the law be enforced; it names no competitor.",
        "e": "It attaches the submitters' letters to the authorities and their replies.",
        "f": "The submitters are an organisation established in a Party.",
    },
    "es": {
        "a": "La comunicación está escrita en español.",
        "b": "Los remitentes indican su nombre, su organización y una dirección.",
        "c": "Cita las disposiciones en cuestión y adjunta actas de inspección y permisos.",
        "d": "Pide que se aplique la ley; no se dirige contra ninguna empresa competidora.",
        "e": "Adjunta las cartas dirigidas a las autoridades y sus respuestas.",
        "f": "Los remitentes son una organización constituida en una Parte.",
    },
}
WEIGHED = {
    "en": {
        "a": (True, "The organisation's members work the forests from which the timber comes."),
        "b": (True, "Its study would show how the Lacey Act's due care is enforced."),
        "c": (False, "No private remedy is open to a foreign organisation under the Act."),
        "d": (False, "It relies on customs records and field reports, not on the press."),
    },
    "es": {
        "a": (True, "Las comunidades de los remitentes viven en los bosques talados."),
        "b": (True, "Su estudio aclararía cómo se evalúan los cambios de uso de suelo."),
        "c": (True, "Los remitentes presentaron una denuncia ante la fiscalía ambiental."),
        "d": (False, "Se basa en imágenes satelitales y resoluciones, no en la prensa."),
    },
}


def _met(language: str) -> dict:
    return {c: {"met": True, "reasons": reasons} for c, reasons in MET[language].items()}


def _weighed(language: str) -> dict:
    return {f: {"met": met, "reasons": why} for f, (met, why) in WEIGHED[language].items()}


# Printed on every run; the demo is for a developer's laptop, never a deployment (see handle).
DEMO_PASSWORD = "demo-password-sem"  # noqa: S105

# username, role, Party (for Party-bound roles), Secretariat staff (Django admin access): a
# focal point and a Council member for each of the profile's Parties (pe_focal, us_council…).
DEMO_USERS = [
    ("officer", Role.OFFICER, None, True),
    ("director", Role.DIRECTOR, None, True),
    *(
        (f"{code.lower()}_{suffix}", role, code, False)
        for suffix, role in (("focal", Role.FOCAL_POINT), ("council", Role.COUNCIL))
        for code in profiles.installed().codes
    ),
    ("auditor", Role.AUDITOR, None, False),
]
# The language a Party's demo accounts read their e-mails in (English where not named).
DEMO_LANGUAGES = {
    "PE": "es",
    "MX": "es",
    "CA": "fr",
    **dict.fromkeys(("CR", "DO", "SV", "GT", "HN", "NI"), "es"),
}
# Each demo account's name, as receipts and e-mails show it (walk 44: receipts read "Recorded
# by pe_focal" and e-mails opened "Dear colleague," for want of one). Invented people.
DEMO_NAMES = {
    "officer": ("María", "Quispe"),
    "director": ("Daniel", "Reyes"),
    "auditor": ("Grace", "Okafor"),
    "pe_focal": ("Lucía", "Paredes"),
    "pe_council": ("Jorge", "Salazar"),
    "us_focal": ("John", "Miller"),
    "us_council": ("Sarah", "Collins"),
    "mx_focal": ("Ana", "Hernández"),
    "mx_council": ("Luis", "Ortega"),
    "ca_focal": ("Émilie", "Tremblay"),
    "ca_council": ("David", "Chen"),
    "gt_focal": ("Carmen", "López"),
    "gt_council": ("Rafael", "Morales"),
    "cr_focal": ("Sofía", "Vargas"),
    "cr_council": ("Andrés", "Solís"),
    "do_focal": ("Patricia", "Peña"),
    "do_council": ("Miguel", "Féliz"),
    "sv_focal": ("Gabriela", "Flores"),
    "sv_council": ("Óscar", "Martínez"),
    "hn_focal": ("Claudia", "Zelaya"),
    "hn_council": ("Roberto", "Cruz"),
    "ni_focal": ("Isabel", "Rivas"),
    "ni_council": ("Ernesto", "Blandón"),
}
# Why the demo's history bears earlier dates than it was recorded on: the audit page flags each
# such entry and shows its reason (walk 127: every demo entry read "No reason was recorded", an
# alarm the live forms never allow). In the case's language, as an officer would write it.
DATE_REASON = {
    "en": "Demonstration data: an earlier step entered when the demo was set up.",
    "es": "Datos de demostración: paso anterior registrado al preparar la demostración.",
    "fr": "Données de démonstration\u00a0: étape antérieure saisie à la préparation de la "
    "démonstration.",
}

ADMIN_USERNAME = "admin"
# Where the demo's notices go while it is built: nowhere (Django's dummy backend).
QUIET_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create demo accounts (one per role, plus a superuser) and six cases at different "
        "stages. Does nothing but print the credentials if the demo accounts already exist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though DEBUG is off (the demo accounts have a published password).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password and runs only with "
                "DEBUG on (local settings). Use --force if you really mean it."
            )
        if User.objects.filter(username="officer").exists():
            self.stdout.write("Demo data already loaded; nothing changed.")
            self._print_credentials()
            return
        # The demo's notices are sent (their rows show in the admin) but not printed: the
        # console backend of the local settings would bury the account list under emails.
        with override_settings(EMAIL_BACKEND=QUIET_EMAIL_BACKEND), transaction.atomic():
            users = self._create_users()
            cases = self._create_cases(users)
            # Today's signed statement of the chain heads, as the beat signs one each day: the
            # embedded set-up runs no beat, and the docket's promise of a daily statement led
            # to an empty page (walk 51).
            statements.publish(timezone.localdate())
        self._print_cases(cases)
        # Last, so that it is what `make run` leaves on the screen above the server's banner.
        self._print_credentials()

    # --- accounts ------------------------------------------------------------------------------

    def _create_users(self) -> dict[str, User]:
        users = {}
        for username, role, party, staff in DEMO_USERS:
            first_name, last_name = DEMO_NAMES.get(username, ("", ""))
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@sem.example.org",
                is_staff=staff,
                preferred_language=DEMO_LANGUAGES.get(party, "en"),
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            assign_role(user, role, party)
            users[username] = user
        User.objects.create_superuser(
            ADMIN_USERNAME, f"{ADMIN_USERNAME}@sem.example.org", DEMO_PASSWORD
        )
        return users

    def _print_credentials(self) -> None:
        self.stdout.write(f"Sign in at {settings.SEM_SITE_URL}/en/accounts/login/ as:")
        rows = [("username", "password", "role")]
        for username, role, party, _staff in DEMO_USERS:
            label = str(role.label) + (f" ({party})" if party else "")
            rows.append((username, DEMO_PASSWORD, label))
        rows.append((ADMIN_USERNAME, DEMO_PASSWORD, "Superuser (Django admin)"))
        self._table(rows)

    def _table(self, rows) -> None:
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
        for index, row in enumerate(rows):
            self.stdout.write(
                "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths))

    def _print_cases(self, cases) -> None:
        rows = [("reference", "Party", "lang", "stage", "title")]
        for case in cases:
            case.refresh_from_db()
            stage = case.stage + (f" ({case.closure_reason})" if case.closure_reason else "")
            if not case.is_registered:  # as the workspace reads it (walk 70)
                stage = "received, not yet acknowledged"
            title = next(filter(None, (case.title_en, case.title_es, case.title_fr)), "")
            rows.append((case.reference, case.party.code, case.language, stage, title[:60]))
        self._table(rows)
        self.stdout.write("")

    # --- cases -----------------------------------------------------------------------------------

    def _create_cases(self, users) -> list[Submission]:
        officer, director = users["officer"], users["director"]
        today = services.today()
        history = services.ImportOptions(recorded_by=officer)

        def ago(days: int) -> datetime.date:
            return today - datetime.timedelta(days=days)

        def past(case, kind, days, data=None, **kwargs):
            # With the formal documents the event issues, generated as the workspace generates
            # them (walk 69: the demo's public determinations and notices had no file to
            # download, and their reading pages no findings).
            data = {**(data or {}), "date_reason": DATE_REASON[case.language]}
            return notice_documents.record_with_documents(
                case, kind, actor=None, on=ago(days), importing=history, data=data, **kwargs
            )

        def file(filing, days):
            return services.file_submission(
                filing,
                actor=None,
                on=ago(days),
                importing=history,
                data={"date_reason": DATE_REASON[filing.language]},
            )

        def decide_today(case, kind, **kwargs):
            """A live decision: proposed by the officer, approved by the Executive Director."""
            event = notice_documents.record_with_documents(case, kind, actor=officer, **kwargs)
            if event.kind == "proposed":  # four eyes on (the default)
                services.approve_proposal(case, event.seq, actor=director)

        for own in (_demo_cec, _demo_cafta):
            if profiles.installed_slug() == own.PROFILE:
                return own.cases(file, past, decide_today, officer)
        # Oldest first, so that receipt numbers and identifiers follow the filing dates.
        cases = []
        # 1. Closed as not admissible: municipal noise rules are not central-government
        #    "environmental law" (Art. 18.14), and no revision came.
        case = file(
            FilingInput(
                party="PE",
                language="es",
                title="Ruido de locales nocturnos en Miraflores",
                other_titles={"en": "Nightclub noise in Miraflores"},
                summary="Vecinos de Miraflores denuncian que la municipalidad no hace cumplir su "
                "ordenanza de ruidos.",
                other_summaries={
                    "en": "Residents of Miraflores say that the municipality does not enforce "
                    "its noise ordinance."
                },
                submitters=[
                    SubmitterInput(
                        kind="individual",
                        name="Carlos Ríos Salazar",
                        nationality="PE",
                        preferred_language="es",
                    )
                ],
                laws=[LawInput("Ordenanza Municipal N.° 016 de Miraflores")],
            ),
            days=300,
        )
        past(case, "acknowledged", 298)
        past(
            case,
            "admissibility_determined",
            270,
            data={
                "outcome": "does_not_meet",
                "criteria": {
                    **_met("es"),
                    "c": {
                        "met": False,
                        "reasons": "Invoca una ordenanza municipal, que no es legislación "
                        "ambiental en el sentido del artículo 18.14 (solo comprende normas del "
                        "gobierno central), y no aporta pruebas del incumplimiento.",
                    },
                    "e": {
                        "met": False,
                        "reasons": "No indica que el asunto se haya comunicado por escrito a "
                        "las autoridades.",
                    },
                    "f": {"met": True, "reasons": "El remitente es un nacional del Perú."},
                    "b": {"met": True, "reasons": "El remitente indica su nombre y dirección."},
                },
            },
        )
        past(
            case,
            "closed",
            230,
            data={"reason": "not_admissible"},
            note="No se presentó una comunicación revisada dentro del plazo de 30 días.",
        )
        cases.append(case)

        # 2. About the United States, awaiting the Council's instruction.
        case = file(
            FilingInput(
                party="US",
                language="en",
                title="Enforcement of the Lacey Act on timber imported from Peru",
                other_titles={"es": "Aplicación de la Ley Lacey a la madera importada del Perú"},
                summary="A Peruvian organisation asserts that the United States fails to enforce "
                "the Lacey Act's declaration and due-care requirements on imports of "
                "Peruvian timber of illegal origin.",
                other_summaries={
                    "es": "Una organización peruana sostiene que los Estados Unidos no aplican "
                    "las exigencias de declaración y diligencia debida de la Ley Lacey a "
                    "la madera peruana de origen ilegal."
                },
                submitters=[
                    SubmitterInput(
                        kind="organization",
                        name="Instituto de Derecho Forestal",
                        nationality="PE",
                        email="idf@example.org",
                    )
                ],
                laws=[LawInput("Lacey Act (16 U.S.C. 3371–3378)", "§ 3372(f)")],
            ),
            days=200,
        )
        past(case, "acknowledged", 197)
        past(case, "assigned", 197, data={"officer": officer.username})
        past(
            case, "admissibility_determined", 172, data={"outcome": "meets", "criteria": _met("en")}
        )
        past(
            case,
            "response_decided",
            145,
            data={
                "outcome": "request",
                "factors": _weighed("en"),
                "delivered_on": ago(143).isoformat(),
            },
        )
        past(
            case,
            "extension_notified",
            130,
            author="party:US",
            documents_in=[
                letter(
                    "Notice of exceptional circumstances",
                    "en",
                    "The United States notifies exceptional circumstances and will respond "
                    "within 60 days of the request's delivery. (Demo text.)",
                )
            ],
        )
        past(
            case,
            "party_responded",
            90,
            author="party:US",
            data={"pending_proceeding": False},
            documents_in=[letter("Response of the United States", "en")],
        )
        # With its reasons (walk 71: the notice promised "the reasons set out below").
        past(
            case,
            "factual_record_notified",
            35,
            data={"outcome": "warranted"},
            note="The response describes the Lacey Act's declaration rules but not how due care "
            "is checked for timber declared as of legal origin; a factual record would set out "
            "the facts of that enforcement.",
        )
        cases.append(case)

        # 3. Awaiting the response of Peru: the request was decided live today (four eyes), so
        #    the Party's 45 days start today.
        case = file(
            FilingInput(
                party="PE",
                language="es",
                title="Deforestación para palma aceitera en Ucayali",
                other_titles={"en": "Oil palm deforestation in Ucayali"},
                summary="Los remitentes afirman que se otorgaron cambios de uso de suelo sin "
                "evaluación ambiental en bosques primarios de Ucayali.",
                other_summaries={
                    "en": "The submitters assert that land-use changes were granted without "
                    "environmental assessment in primary forest in Ucayali."
                },
                submitters=[
                    SubmitterInput(
                        kind="organization",
                        name="Red Amazónica Ucayali",
                        nationality="PE",
                        email="red@ucayali.example.org",
                        preferred_language="es",
                    )
                ],
                laws=[
                    LawInput("Ley Forestal y de Fauna Silvestre (Ley N.° 29763)", "Art. 38"),
                    LawInput(
                        "Ley del Sistema Nacional de Evaluación de Impacto Ambiental "
                        "(Ley N.° 27446)",
                        "Art. 3",
                    ),
                ],
            ),
            days=55,
        )
        past(case, "acknowledged", 52)
        past(case, "assigned", 52, data={"officer": officer.username})
        past(
            case,
            "admissibility_determined",
            28,
            data={"outcome": "meets", "criteria": _met("es")},
        )
        decide_today(
            case, "response_decided", data={"outcome": "request", "factors": _weighed("es")}
        )
        cases.append(case)

        # 4. A submitter who asked to have their identity withheld; about to be decided on a
        #    response request.
        case = file(
            FilingInput(
                party="PE",
                language="es",
                title="Tala ilegal en la Reserva Comunal Amarakaeri",
                other_titles={"en": "Illegal logging in the Amarakaeri Communal Reserve"},
                summary="Se alega que no se fiscaliza la tala ilegal dentro de la Reserva Comunal "
                "Amarakaeri.",
                other_summaries={
                    "en": "The submission alleges that illegal logging inside the Amarakaeri "
                    "Communal Reserve goes unchecked."
                },
                submitters=[
                    SubmitterInput(
                        kind="individual",
                        name="Juan Pérez Mamani",
                        nationality="PE",
                        email="jpm@example.org",
                        preferred_language="es",
                        confidential=True,
                    ),
                    SubmitterInput(
                        kind="organization",
                        name="Federación Nativa del Río Madre de Dios",
                        nationality="PE",
                        preferred_language="es",
                    ),
                ],
                laws=[LawInput("Ley de Áreas Naturales Protegidas (Ley N.° 26834)", "Art. 22")],
            ),
            days=40,
        )
        past(case, "acknowledged", 38)
        past(case, "assigned", 38, data={"officer": officer.username})
        past(
            case, "admissibility_determined", 12, data={"outcome": "meets", "criteria": _met("es")}
        )
        cases.append(case)

        # 5. Acknowledged and in admissibility review, in English; title and summary only in
        #    English, so the Spanish pages show the fallback. A proposal awaits the Director.
        case = file(
            FilingInput(
                party="PE",
                language="en",
                title="Illegal gold mining in the Tambopata buffer zone",
                summary="The submitters assert that Peru fails to enforce its forestry and "
                "mining-formalisation laws against alluvial gold mining in the buffer zone "
                "of the Tambopata National Reserve.",
                submitters=[
                    SubmitterInput(
                        kind="organization",
                        name="Madre de Dios Watch",
                        nationality="US",
                        email="info@mdd-watch.example.org",
                    )
                ],
                laws=[
                    LawInput("Forest and Wildlife Law (Law No. 29763)", "Arts. 2, 150"),
                    LawInput("Legislative Decree No. 1105", "Art. 4"),
                ],
            ),
            days=12,
        )
        past(case, "acknowledged", 10)
        past(case, "assigned", 10, data={"officer": officer.username})
        if settings.SEM_FOUR_EYES:
            notice_documents.record_with_documents(
                case,
                "admissibility_determined",
                actor=officer,
                data={"outcome": "meets", "criteria": _met("en")},
                note="Criteria (a)–(f) met; see the draft determination.",
            )
        cases.append(case)

        # 6. Just filed, in Spanish, by a submitter; not yet acknowledged, so not public.
        #    Written by the submitter, so its title exists only in Spanish.
        cases.append(
            file(
                FilingInput(
                    party="PE",
                    language="es",
                    title="Vertimiento de relaves mineros en el río Santa",
                    summary="Una comunidad de Áncash sostiene que la autoridad no fiscaliza los "
                    "vertimientos de relaves de una planta concentradora en el río Santa.",
                    submitters=[
                        SubmitterInput(
                            kind="individual",
                            name="Rosa Huamán Cárdenas",
                            nationality="PE",
                            email="rhuaman@example.org",
                            preferred_language="es",
                        )
                    ],
                    laws=[
                        LawInput("Ley General del Ambiente (Ley N.° 28611)", "Art. 74"),
                        LawInput("Ley de Recursos Hídricos (Ley N.° 29338)", "Art. 79"),
                    ],
                ),
                days=1,
            )
        )
        return cases
