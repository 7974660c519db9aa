"""The ``cafta-dr`` profile: the Secretariat for Environmental Matters of the Dominican
Republic–Central America–United States Free Trade Agreement, Arts. 17.7–17.8.

Each value's source is in docs/profiles.md, "Profile cafta-dr", with the marks used there:
[treaty] read in a published copy (Chapter 17 and Art. 2.1 in the ToTA corpus's copy of the
Agreement, mappingtreaties/tota xml/pta_23.xml), [practice] the Secretariat's and SIECA's own
pages, [registry] its case records, [ours] a choice of this system where no source speaks.
Art. 2.1: "days means calendar days" [treaty]; where the Agreement fixes no period, the
period is the installation's setting, as under the TPA. The authentic Spanish text of
Chapter 17 was not read: where CAFTA-DR's English differs from the TPA's (17.7.2(c) and (f),
17.7.4(b)), the catalogue's Spanish is this system's translation, named in ``unverified``.
"""

import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.procedure import (
    CAFTA_DR_IDENTIFIER,
    COMBINED_DETERMINATION,
    ERRATA,
    CouncilRule,
    Party,
    Period,
    Procedure,
)
from submissions.profile_tpa import UNITED_STATES

COSTA_RICA = Party(
    code="CR",
    label=_("Costa Rica"),
    in_sentence=_("Costa Rica"),
    government=_("Government of Costa Rica"),
    council=_("Council member of Costa Rica"),
    names={"en": "Costa Rica", "es": "Costa Rica"},
    demonyms=(
        "costa rican",
        "costarricense",
        "costarricenses",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning Costa Rica"),
        "from": pgettext_lazy("a response", "from Costa Rica"),
        "for": pgettext_lazy("an account", "for Costa Rica"),
        "by_government": pgettext_lazy("author", "by the Government of Costa Rica"),
        "by_council": pgettext_lazy("author", "by the Council member of Costa Rica"),
        "on_behalf_government": pgettext_lazy(
            "author", "on behalf of the Government of Costa Rica"
        ),
        "on_behalf_council": pgettext_lazy(
            "author", "on behalf of the Council member of Costa Rica"
        ),
    },
    document_phrases={
        "en": {
            "name": "Costa Rica",
            "concerning": "concerning Costa Rica",
            "addressee": "from the Government of Costa Rica",
        },
        "es": {
            "name": "Costa Rica",
            "concerning": "relativa a Costa Rica",
            "addressee": "al Gobierno de Costa Rica",
        },
    },
)

DOMINICAN_REPUBLIC = Party(
    code="DO",
    label=_("Dominican Republic"),
    in_sentence=_("the Dominican Republic"),
    government=_("Government of the Dominican Republic"),
    council=_("Council member of the Dominican Republic"),
    names={"en": "Dominican Republic", "es": "República Dominicana"},
    demonyms=(
        "dominican",
        "dominicano",
        "dominicana",
        "dominicanos",
        "dominicanas",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning the Dominican Republic"),
        "from": pgettext_lazy("a response", "from the Dominican Republic"),
        "for": pgettext_lazy("an account", "for the Dominican Republic"),
        "by_government": pgettext_lazy("author", "by the Government of the Dominican Republic"),
        "by_council": pgettext_lazy("author", "by the Council member of the Dominican Republic"),
        "on_behalf_government": pgettext_lazy(
            "author", "on behalf of the Government of the Dominican Republic"
        ),
        "on_behalf_council": pgettext_lazy(
            "author", "on behalf of the Council member of the Dominican Republic"
        ),
    },
    document_phrases={
        "en": {
            "name": "Dominican Republic",
            "concerning": "concerning the Dominican Republic",
            "addressee": "from the Government of the Dominican Republic",
        },
        "es": {
            "name": "República Dominicana",
            "concerning": "relativa a la República Dominicana",
            "addressee": "al Gobierno de la República Dominicana",
        },
    },
)

EL_SALVADOR = Party(
    code="SV",
    label=_("El Salvador"),
    in_sentence=_("El Salvador"),
    government=_("Government of El Salvador"),
    council=_("Council member of El Salvador"),
    names={"en": "El Salvador", "es": "El Salvador"},
    demonyms=(
        "salvadoran",
        "salvadorean",
        "salvadoreño",
        "salvadoreña",
        "salvadoreños",
        "salvadoreñas",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning El Salvador"),
        "from": pgettext_lazy("a response", "from El Salvador"),
        "for": pgettext_lazy("an account", "for El Salvador"),
        "by_government": pgettext_lazy("author", "by the Government of El Salvador"),
        "by_council": pgettext_lazy("author", "by the Council member of El Salvador"),
        "on_behalf_government": pgettext_lazy(
            "author", "on behalf of the Government of El Salvador"
        ),
        "on_behalf_council": pgettext_lazy(
            "author", "on behalf of the Council member of El Salvador"
        ),
    },
    document_phrases={
        "en": {
            "name": "El Salvador",
            "concerning": "concerning El Salvador",
            "addressee": "from the Government of El Salvador",
        },
        "es": {
            "name": "El Salvador",
            "concerning": "relativa a El Salvador",
            "addressee": "al Gobierno de El Salvador",
        },
    },
)

GUATEMALA = Party(
    code="GT",
    label=_("Guatemala"),
    in_sentence=_("Guatemala"),
    government=_("Government of Guatemala"),
    council=_("Council member of Guatemala"),
    names={"en": "Guatemala", "es": "Guatemala"},
    demonyms=(
        "guatemalan",
        "guatemalteco",
        "guatemalteca",
        "guatemaltecos",
        "guatemaltecas",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning Guatemala"),
        "from": pgettext_lazy("a response", "from Guatemala"),
        "for": pgettext_lazy("an account", "for Guatemala"),
        "by_government": pgettext_lazy("author", "by the Government of Guatemala"),
        "by_council": pgettext_lazy("author", "by the Council member of Guatemala"),
        "on_behalf_government": pgettext_lazy("author", "on behalf of the Government of Guatemala"),
        "on_behalf_council": pgettext_lazy(
            "author", "on behalf of the Council member of Guatemala"
        ),
    },
    document_phrases={
        "en": {
            "name": "Guatemala",
            "concerning": "concerning Guatemala",
            "addressee": "from the Government of Guatemala",
        },
        "es": {
            "name": "Guatemala",
            "concerning": "relativa a Guatemala",
            "addressee": "al Gobierno de Guatemala",
        },
    },
)

HONDURAS = Party(
    code="HN",
    label=_("Honduras"),
    in_sentence=_("Honduras"),
    government=_("Government of Honduras"),
    council=_("Council member of Honduras"),
    names={"en": "Honduras", "es": "Honduras"},
    demonyms=(
        "honduran",
        "hondureño",
        "hondureña",
        "hondureños",
        "hondureñas",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning Honduras"),
        "from": pgettext_lazy("a response", "from Honduras"),
        "for": pgettext_lazy("an account", "for Honduras"),
        "by_government": pgettext_lazy("author", "by the Government of Honduras"),
        "by_council": pgettext_lazy("author", "by the Council member of Honduras"),
        "on_behalf_government": pgettext_lazy("author", "on behalf of the Government of Honduras"),
        "on_behalf_council": pgettext_lazy("author", "on behalf of the Council member of Honduras"),
    },
    document_phrases={
        "en": {
            "name": "Honduras",
            "concerning": "concerning Honduras",
            "addressee": "from the Government of Honduras",
        },
        "es": {
            "name": "Honduras",
            "concerning": "relativa a Honduras",
            "addressee": "al Gobierno de Honduras",
        },
    },
)

NICARAGUA = Party(
    code="NI",
    label=_("Nicaragua"),
    in_sentence=_("Nicaragua"),
    government=_("Government of Nicaragua"),
    council=_("Council member of Nicaragua"),
    names={"en": "Nicaragua", "es": "Nicaragua"},
    demonyms=(
        "nicaraguan",
        "nicaragüense",
        "nicaragüenses",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning Nicaragua"),
        "from": pgettext_lazy("a response", "from Nicaragua"),
        "for": pgettext_lazy("an account", "for Nicaragua"),
        "by_government": pgettext_lazy("author", "by the Government of Nicaragua"),
        "by_council": pgettext_lazy("author", "by the Council member of Nicaragua"),
        "on_behalf_government": pgettext_lazy("author", "on behalf of the Government of Nicaragua"),
        "on_behalf_council": pgettext_lazy(
            "author", "on behalf of the Council member of Nicaragua"
        ),
    },
    document_phrases={
        "en": {
            "name": "Nicaragua",
            "concerning": "concerning Nicaragua",
            "addressee": "from the Government of Nicaragua",
        },
        "es": {
            "name": "Nicaragua",
            "concerning": "relativa a Nicaragua",
            "addressee": "al Gobierno de Nicaragua",
        },
    },
)

CAFTA_DR = Procedure(
    slug="cafta-dr",
    # The Parties in the order of the Agreement's preamble [treaty].
    parties=(
        COSTA_RICA,
        DOMINICAN_REPUBLIC,
        EL_SALVADOR,
        GUATEMALA,
        HONDURAS,
        NICARAGUA,
        UNITED_STATES,
    ),
    # Art. 17.7.2(a): "in writing in either English or Spanish" [treaty].
    languages=("en", "es"),
    # The seat: the Secretariat is a unit within SIECA (Understanding of 18 February 2005,
    # para. 1) [treaty], whose headquarters are in Guatemala City [practice: SICA's page on
    # SIECA]; the zone and Guatemala's holidays follow the seat [ours].
    time_zone="America/Guatemala",
    holidays=("GT", None),
    periods={
        "acknowledgement": Period(5, True, "setting"),
        "admissibility": Period(30, False, "setting"),
        # "The submitter has 30 days to provide the Secretariat a revised submission"
        # [registry: the Secretariat's determinations under 17.7.2]; calendar days (Art. 2.1).
        "revision": Period(30, False, "setting"),
        "response_decision": Period(30, False, "setting"),
        # Art. 17.7.5: "within 45 days or, in exceptional circumstances and on notification
        # to the secretariat, within 60 days of delivery of the request" [treaty].
        "party_response": Period(45, False, "Art. 17.7.5"),
        "factual_record_decision": Period(60, False, "setting"),
        "council_instruction": Period(60, False, "setting"),
        "draft_factual_record": Period(120, False, "setting"),
        # Art. 17.8.5: "within 45 days thereafter" [treaty].
        "draft_comments": Period(45, False, "Art. 17.8.5"),
        # Art. 17.8.7: "normally within 60 days following its submission" [treaty].
        "publication": Period(60, False, "Art. 17.8.7"),
    },
    extended_party_response=Period(60, False, "Art. 17.7.5"),
    # Article 17.7.2: "The secretariat may consider a submission under this Article if the
    # secretariat finds that the submission:" [treaty]. (a), (b), (d) and (e) are the TPA's
    # words; (c) names no law and (f) no exception.
    criteria={
        "a": _("is in writing in either English or Spanish"),
        "b": _("clearly identifies the person making the submission"),
        "c": _(
            "provides sufficient information to allow the secretariat to review the "
            "submission, including any documentary evidence on which the submission may be "
            "based"
        ),
        "d": _("appears to be aimed at promoting enforcement rather than at harassing industry"),
        "e": _(
            "indicates that the matter has been communicated in writing to the relevant "
            "authorities of the Party and indicates the Party's response, if any"
        ),
        "f": _("is filed by a person of a Party"),
    },
    # Article 17.7.4: "In deciding whether to request a response, the secretariat shall be
    # guided by whether:" [treaty]. (a), (c) and (d) are the TPA's words.
    factors={
        "a": _(
            "the submission is not frivolous and alleges harm to the person making the submission"
        ),
        "b": _(
            "the submission, alone or in combination with other submissions, raises matters "
            "whose further study in this process would advance the goals of this Chapter and "
            "the ECA, taking into account guidance regarding those goals provided by the "
            "Council and the Environmental Cooperation Commission established under the ECA"
        ),
        "c": _("private remedies available under the Party's law have been pursued"),
        "d": _("the submission is drawn exclusively from mass media reports"),
    },
    # CAALA/25/002 [registry]; one sequence across the Parties [ours, inferred].
    identifier=CAFTA_DR_IDENTIFIER,
    identifier_prefix="CAALA",
    law_example="104-93",
    seat_address="Ciudad de Guatemala",
    seat_country="GT",
    # The first Parties' entry into force, "during 2006" (docs/profiles.md [practice]): its
    # first day, the exact dates not verified.
    applies_from=datetime.date(2006, 1, 1),
    language_tags={"es": "es-GT", "en": "en-US"},
    letterheads={
        "en": "Secretariat for Environmental Matters — Dominican Republic–Central "
        "America–United States Free Trade Agreement (CAFTA-DR)",
        "es": "Secretaría de Asuntos Ambientales — Tratado de Libre Comercio entre República "
        "Dominicana, Centroamérica y Estados Unidos (CAFTA-DR)",
    },
    # Art. 17.8.2 and 17.8.7: "by a vote of any Party" [treaty].
    preparation_rule=CouncilRule(basis="Art. 17.8.2"),
    publication_rule=CouncilRule(basis="Art. 17.8.7"),
    # "Suspension of the submission consideration … It was presented extemporaneously"
    # (Agua Caliente River – ES, 30 January 2012) [registry].
    late_revision_refused=True,
    # Art. 17.7.3: "a person of the United States who considers that the United States is
    # failing to effectively enforce its environmental laws may not file a submission under
    # this Article" [treaty].
    not_about_own_party=("US",),
    # A combined determination after a revision (Sea Turtles – DR, 5 December 2007) and
    # errata linked to the determination they correct (Sea Turtle -DET- II – CR, 2012)
    # [registry].
    transitions={**COMBINED_DETERMINATION, **ERRATA},
    eligibility_warnings={
        "not_a_person_of_a_party": _(
            "%(name)s does not appear to be a person of a Party to the CAFTA-DR. Under "
            "Article 17.7.2(f), a submission must be filed by a person of a Party: a national "
            "or permanent resident of Costa Rica, the Dominican Republic, El Salvador, "
            "Guatemala, Honduras, Nicaragua or the United States, or an enterprise constituted "
            "or organized under the law of one of them."
        ),
        "own_party": _(
            "%(name)s is a person of the United States. Under Article 17.7.3, a person of the "
            "United States may not file a submission about the United States under this "
            "Agreement: such submissions go to the process of the Commission for "
            "Environmental Cooperation (CEC)."
        ),
        "own_party_and_another": _(
            "%(name)s is a person of the United States as well as of another Party: a "
            "national or a permanent resident of the United States is a person of the United "
            "States even if also a national of another Party. Under Article 17.7.3, a person "
            "of the United States may not file a submission about the United States under "
            "this Agreement: such submissions go to the process of the Commission for "
            "Environmental Cooperation (CEC)."
        ),
    },
    # The English is read; the Spanish of the three that differ from the TPA's is ours.
    unverified={
        "criteria": "the authentic Spanish of Art. 17.7.2(c) and (f) not read: the "
        "catalogue's Spanish of these two is this system's translation",
        "factors": "the authentic Spanish of Art. 17.7.4(b) not read: the catalogue's Spanish "
        "is this system's translation",
    },
)
