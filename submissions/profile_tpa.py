"""The ``us-peru-tpa`` profile: the United States–Peru Trade Promotion Agreement, Arts.
18.8–18.9, as PROCESS.md describes it (today's behaviour, the default). Each value's source is
in docs/profiles.md, "Profile us-peru-tpa"."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.procedure import CouncilRule, Party, Period, Procedure

PERU = Party(
    code="PE",
    label=_("Peru"),
    in_sentence=_("Peru"),
    government=_("Government of Peru"),
    council=_("Council member of Peru"),
    names={"en": "Peru", "es": "Perú"},
    demonyms=("peruvian", "peruano", "peruana", "peruanos", "peruanas"),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning Peru"),
        "from": pgettext_lazy("a response", "from Peru"),
        "for": pgettext_lazy("an account", "for Peru"),
        "by_government": pgettext_lazy("author", "by the Government of Peru"),
        "by_council": pgettext_lazy("author", "by the Council member of Peru"),
        "on_behalf_government": pgettext_lazy("author", "on behalf of the Government of Peru"),
        "on_behalf_council": pgettext_lazy("author", "on behalf of the Council member of Peru"),
    },
    document_phrases={
        "en": {
            "name": "Peru",
            "concerning": "concerning Peru",
            "addressee": "from the Government of Peru",
        },
        "es": {
            "name": "Perú",
            "concerning": "relativa al Perú",
            "addressee": "al Gobierno del Perú",
        },
    },
)

UNITED_STATES = Party(
    code="US",
    label=_("United States"),
    in_sentence=_("the United States"),
    government=_("Government of the United States"),
    council=_("Council member of the United States"),
    names={"en": "United States", "es": "Estados Unidos"},
    short_names=("us", "usa", "eeuu", "eua"),
    demonyms=(
        "american",
        "usa",
        "estadounidense",
        "estadounidenses",
        "norteamericano",
        "norteamericana",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning the United States"),
        "from": pgettext_lazy("a response", "from the United States"),
        "for": pgettext_lazy("an account", "for the United States"),
        "by_government": pgettext_lazy("author", "by the Government of the United States"),
        "by_council": pgettext_lazy("author", "by the Council member of the United States"),
        "on_behalf_government": pgettext_lazy(
            "author", "on behalf of the Government of the United States"
        ),
        "on_behalf_council": pgettext_lazy(
            "author", "on behalf of the Council member of the United States"
        ),
    },
    document_phrases={
        "en": {
            "name": "United States",
            "concerning": "concerning the United States",
            "addressee": "from the Government of the United States",
        },
        "es": {
            "name": "Estados Unidos",
            "concerning": "relativa a los Estados Unidos",
            "addressee": "al Gobierno de los Estados Unidos",
        },
    },
)

US_PERU_TPA = Procedure(
    slug="us-peru-tpa",
    parties=(
        PERU,
        UNITED_STATES,
    ),
    languages=("en", "es"),
    time_zone="America/New_York",  # Washington, D.C.
    holidays=("US", "DC"),
    # PROCESS.md's deadline table; "setting": ours, where the Agreement fixes no period.
    periods={
        "acknowledgement": Period(5, True, "setting"),
        "admissibility": Period(30, False, "setting"),
        "revision": Period(30, False, "setting"),
        "response_decision": Period(30, False, "setting"),
        "party_response": Period(45, False, "Art. 18.8.5"),
        "factual_record_decision": Period(60, False, "setting"),
        "council_instruction": Period(60, False, "setting"),
        "draft_factual_record": Period(120, False, "setting"),
        "draft_comments": Period(45, False, "Art. 18.9.5"),
        "publication": Period(60, False, "Art. 18.9.7"),
    },
    extended_party_response=Period(60, False, "Art. 18.8.5"),
    # Article 18.8.2: the Secretariat may consider a submission if it finds that the submission:
    criteria={
        "a": _("is in writing in either English or Spanish"),
        "b": _("clearly identifies the person making the submission"),
        "c": _(
            "provides sufficient information to allow for the review of the submission, including "
            "any documentary evidence on which the submission may be based and identification of "
            "the environmental laws of which the failure to enforce is asserted"
        ),
        "d": _("appears to be aimed at promoting enforcement rather than at harassing industry"),
        "e": _(
            "indicates that the matter has been communicated in writing to the relevant "
            "authorities of the Party and indicates the Party's response, if any"
        ),
        "f": _("is filed by a person of a Party, except as provided in paragraph 3"),
    },
    # Article 18.8.4: in deciding whether to request a response, the Secretariat is guided by
    # whether:
    factors={
        "a": _(
            "the submission is not frivolous and alleges harm to the person making the submission"
        ),
        "b": _(
            "the submission, alone or in combination with other submissions, raises matters whose "
            "further study in this process would advance the goals of Chapter 18 and the "
            "Environmental Cooperation Agreement"
        ),
        "c": _("private remedies available under the Party's law have been pursued"),
        "d": _("the submission is drawn exclusively from mass media reports"),
    },
    not_about_own_party=("US",),
    language_tags={"es": "es-PE", "en": "en-US"},
    letterheads={
        "en": "Secretariat for Environmental Matters — United States–Peru Trade Promotion "
        "Agreement",
        "es": "Secretaría para Asuntos de Cumplimiento Ambiental — Acuerdo de Promoción "
        "Comercial Perú–Estados Unidos",
    },
    preparation_rule=CouncilRule(basis="Art. 18.9.2"),
    publication_rule=CouncilRule(basis="Art. 18.9.7"),
    eligibility_warnings={
        "not_a_person_of_a_party": _(
            "%(name)s does not appear to be a person of Peru or of the United States. "
            "Under Article 18.8.2(f), a submission must be filed by a person of a Party: "
            "a national or permanent resident of Peru or the United States, or an "
            "organization constituted in one of them."
        ),
        "own_party": _(
            "%(name)s is a person of the United States. Under Article 18.8.3, a person "
            "of the United States may not file a submission about the United States "
            "under this Agreement: such submissions go to the process of the "
            "Commission for Environmental Cooperation (CEC)."
        ),
        "own_party_and_another": _(
            "%(name)s is a person of the United States as well as of Peru: a national "
            "or a permanent resident of the United States is a person of the United "
            "States even if also Peruvian. Under Article 18.8.3, a person of the United "
            "States may not file a submission about the United States under this "
            "Agreement: such submissions go to the process of the Commission for "
            "Environmental Cooperation (CEC)."
        ),
    },
)
