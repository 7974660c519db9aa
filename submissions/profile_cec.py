"""The ``usmca-cec`` profile: the Commission for Environmental Cooperation's submissions on
enforcement matters, under USMCA Arts. 24.27–24.28 since 1 July 2020 and NAAEC Arts. 14–15
before (an earlier era, for the cases filed until 30 June 2020).

Each value's source is in docs/profiles.md, "Profile usmca-cec", with the marks used there:
[treaty] read in a published copy, [practice] the CEC's own pages, [registry] its case
records, [ours] a choice of this system where no source speaks. The USMCA's Arts. 24.27(3)
(second half) to 24.28 were not reached in any copy read: the values they fix are named in
``unverified`` with what is missing, and the profile runs only where an installation accepts
that (``submissions.profiles.problem``).
"""

import dataclasses
import datetime

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions.procedure import (
    CEC_IDENTIFIER,
    COMBINED_DETERMINATION,
    CONSOLIDATION,
    COUNCIL_VOTES,
    SUPPLEMENTAL_INFORMATION,
    TWO_THIRDS,
    Era,
    Party,
    Period,
    Procedure,
)
from submissions.profile_tpa import UNITED_STATES

CANADA = Party(
    code="CA",
    label=_("Canada"),
    in_sentence=_("Canada"),
    government=_("Government of Canada"),
    council=_("Council member of Canada"),
    names={"en": "Canada", "es": "Canadá", "fr": "Canada"},
    demonyms=(
        "canadian",
        "canadien",
        "canadienne",
        "canadiens",
        "canadiennes",
        "canadiense",
        "canadienses",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning Canada"),
        "from": pgettext_lazy("a response", "from Canada"),
        "for": pgettext_lazy("an account", "for Canada"),
        "by_government": pgettext_lazy("author", "by the Government of Canada"),
        "by_council": pgettext_lazy("author", "by the Council member of Canada"),
        "on_behalf_government": pgettext_lazy("author", "on behalf of the Government of Canada"),
        "on_behalf_council": pgettext_lazy("author", "on behalf of the Council member of Canada"),
    },
    document_phrases={
        "en": {
            "name": "Canada",
            "concerning": "concerning Canada",
            "addressee": "from the Government of Canada",
        },
        "fr": {
            "name": "Canada",
            "concerning": "concernant le Canada",
            "addressee": "au gouvernement du Canada",
        },
        "es": {
            "name": "Canadá",
            "concerning": "relativa a Canadá",
            "addressee": "al Gobierno de Canadá",
        },
    },
)

MEXICO = Party(
    code="MX",
    label=_("Mexico"),
    in_sentence=_("Mexico"),
    government=_("Government of Mexico"),
    council=_("Council member of Mexico"),
    names={"en": "Mexico", "es": "México", "fr": "Mexique"},
    demonyms=(
        "mexican",
        "mexicain",
        "mexicaine",
        "mexicains",
        "mexicaines",
        "mexicano",
        "mexicana",
        "mexicanos",
        "mexicanas",
    ),
    phrases={
        "concerning": pgettext_lazy("a submission", "concerning Mexico"),
        "from": pgettext_lazy("a response", "from Mexico"),
        "for": pgettext_lazy("an account", "for Mexico"),
        "by_government": pgettext_lazy("author", "by the Government of Mexico"),
        "by_council": pgettext_lazy("author", "by the Council member of Mexico"),
        "on_behalf_government": pgettext_lazy("author", "on behalf of the Government of Mexico"),
        "on_behalf_council": pgettext_lazy("author", "on behalf of the Council member of Mexico"),
    },
    document_phrases={
        "en": {
            "name": "Mexico",
            "concerning": "concerning Mexico",
            "addressee": "from the Government of Mexico",
        },
        "fr": {
            "name": "Mexique",
            "concerning": "concernant le Mexique",
            "addressee": "au gouvernement du Mexique",
        },
        "es": {
            "name": "México",
            "concerning": "relativa a México",
            "addressee": "al Gobierno de México",
        },
    },
)

# The United States as the TPA names it, with its French names.
UNITED_STATES_CEC = dataclasses.replace(
    UNITED_STATES,
    names={**UNITED_STATES.names, "fr": "États-Unis"},
    demonyms=UNITED_STATES.demonyms + ("américain", "américaine", "étatsunien", "étatsunienne"),
    document_phrases={
        **UNITED_STATES.document_phrases,
        "fr": {
            "name": "États-Unis",
            "concerning": "concernant les États-Unis",
            "addressee": "au gouvernement des États-Unis",
        },
    },
)

# NAAEC Art. 14(1): the Secretariat may consider a submission "if the Secretariat finds that
# the submission:" [treaty, read: OAS SICE]. (d) and (e) are the TPA's words.
NAAEC_CRITERIA = {
    "a": _(
        "is in writing in a language designated by that Party in a notification to the Secretariat"
    ),
    "b": _("clearly identifies the person or organization making the submission"),
    "c": _(
        "provides sufficient information to allow the Secretariat to review the submission, "
        "including any documentary evidence on which the submission may be based"
    ),
    "d": _("appears to be aimed at promoting enforcement rather than at harassing industry"),
    "e": _(
        "indicates that the matter has been communicated in writing to the relevant "
        "authorities of the Party and indicates the Party's response, if any"
    ),
    "f": _(
        "is filed by a person or organization residing or established in the territory of a Party"
    ),
}
# NAAEC Art. 14(2): in deciding whether to request a response, "the Secretariat shall be
# guided by whether:" [treaty, read]. (c) and (d) are the TPA's words.
NAAEC_FACTORS = {
    "a": _("the submission alleges harm to the person or organization making the submission"),
    "b": _(
        "the submission, alone or in combination with other submissions, raises matters whose "
        "further study in this process would advance the goals of this Agreement"
    ),
    "c": _("private remedies available under the Party's law have been pursued"),
    "d": _("the submission is drawn exclusively from mass media reports"),
}

USMCA_CEC = Procedure(
    slug="usmca-cec",
    parties=(CANADA, MEXICO, UNITED_STATES_CEC),
    # Residence decides for an individual: NAAEC 14(1)(f) [treaty]; the CEC's filing page,
    # "established or residing in Canada, Mexico or the United States" [practice]; the
    # USMCA's definition of a person of a Party was not read (docs/profiles.md).
    standing_by_residence=True,
    # USMCA Art. 24.27(2)(a): "in writing in English, French, or Spanish" [treaty, read].
    languages=("en", "fr", "es"),
    # The seat: Montreal [practice]; its zone in the tz database, and Quebec's holidays [ours].
    time_zone="America/Toronto",
    holidays=("CA", "QC"),
    periods={
        "acknowledgement": Period(5, True, "setting"),
        # USMCA 24.27(3), first sentence: the Secretariat decides whether to request a response
        # "within 30 days of receipt of the submission" [treaty, read]; the CEC makes both
        # findings in one determination [practice], which meets this period.
        "admissibility": Period(30, False, "Art. 24.27(3)"),
        # "sesenta días hábiles para presentar una Petición Revisada", under sections 6.1 and
        # 6.2 of the CEC's Guidelines, as Mexico's response in SEM-16-001 quotes them
        # [guidelines, read in a registry document].
        "revision": Period(60, True, "Guidelines 6.2"),
        "response_decision": Period(30, False, "setting"),
        "party_response": Period(60, False, "Art. 24.27(4)"),
        "factual_record_decision": Period(60, False, "setting"),
        "council_instruction": Period(60, False, "setting"),
        "draft_factual_record": Period(120, False, "setting"),
        "draft_comments": Period(45, False, "Art. 24.28(5)"),
        "publication": Period(60, False, "Art. 24.28(7)"),
    },
    extended_party_response=Period(90, False, "Art. 24.27(4)"),
    # USMCA Art. 24.27(2) [treaty, read: WTI copy, page 35]: five criteria; standing moved to
    # 24.27(1).
    criteria={
        "a": _("is in writing in English, French, or Spanish"),
        "b": _("clearly identifies the person making the submission"),
        "c": _(
            "provides sufficient information to allow for the review of the submission "
            "including any documentary evidence on which the submission may be based and "
            "identification of the environmental law of which the failure to enforce is asserted"
        ),
        "d": _("appears to be aimed at promoting enforcement rather than at harassing industry"),
        "e": _(
            "indicates whether the matter has been communicated in writing to the relevant "
            "authorities of the Party and the Party's response, if any"
        ),
    },
    # USMCA Art. 24.27(3): not read (see ``unverified``); NAAEC's and the TPA's factors as the
    # USMCA is recalled to word them.
    factors={
        "a": _(
            "the submission is not frivolous and alleges harm to the person making the submission"
        ),
        "b": _(
            "the submission, alone or in combination with other submissions, raises matters "
            "whose further study in this process would advance the goals of this Chapter and "
            "the Environmental Cooperation Agreement"
        ),
        "c": _("private remedies available under the Party's law have been pursued"),
        "d": _("the submission is drawn exclusively from mass media reports"),
    },
    identifier=CEC_IDENTIFIER,
    identifier_prefix="SEM",
    law_example="LGEEPA",
    seat_address="Montréal (Québec)",
    seat_country="CA",
    # The NAAEC's entry into force (docs/profiles.md: 1 January 1994 [registry]).
    applies_from=datetime.date(1994, 1, 1),
    language_tags={"en": "en-CA", "fr": "fr-CA", "es": "es-MX"},
    letterheads={
        "en": "Secretariat of the Commission for Environmental Cooperation — Submissions on "
        "Enforcement Matters",
        "fr": "Secrétariat de la Commission de coopération environnementale — Communications "
        "relatives aux questions d’application",
        "es": "Secretariado de la Comisión para la Cooperación Ambiental — Peticiones sobre "
        "aplicación efectiva de la legislación ambiental",
    },
    # NAAEC 15(2) and 15(7): "by a two-thirds vote" [treaty, read]; the USMCA's rule: see
    # ``unverified``.
    preparation_rule=dataclasses.replace(TWO_THIRDS, basis="Art. 24.28(2)"),
    publication_rule=dataclasses.replace(TWO_THIRDS, basis="Art. 24.28(7)"),
    earlier_eras=(
        Era(
            name="NAAEC",
            # The USMCA and the ECA entered into force on 1 July 2020 [registry: the SEM-20-001
            # notification]; cases then active continued under NAAEC [practice].
            until=datetime.date(2020, 6, 30),
            criteria=NAAEC_CRITERIA,
            factors=NAAEC_FACTORS,
            periods={
                # NAAEC Art. 14 sets no period for the determinations under 14(1) and 14(2)
                # [treaty, read]: the USMCA's 30 days are kept as the Secretariat's own target
                # (a setting), not cited as an article the case was not under.
                "admissibility": Period(30, False, "setting"),
                # NAAEC 14(3): "within 30 days or, in exceptional circumstances and on
                # notification to the Secretariat, within 60 days of delivery of the request"
                # [treaty, read].
                "party_response": Period(30, False, "NAAEC Art. 14(3)"),
                # NAAEC 15(5): "within 45 days thereafter" [treaty, read].
                "draft_comments": Period(45, False, "NAAEC Art. 15(5)"),
                # NAAEC 15(7): "normally within 60 days following its submission" [treaty,
                # read].
                "publication": Period(60, False, "NAAEC Art. 15(7)"),
            },
            extended_party_response=Period(60, False, "NAAEC Art. 14(3)"),
            # Its steps as its own articles name them [treaty, read].
            labels={
                "admissibility_determined": _("Determination under Article 14(1)"),
                "response_decided": _("Determination under Article 14(2)"),
                "combined": _("Determination under Articles 14(1) and (2)"),
                "factual_record_notified": _("Notification to the Council under Article 15(1)"),
            },
        ),
    ),
    # The CEC's combined determination [practice] and the Council's vote against [ours, from
    # NAAEC 15(2)'s two-thirds rule].
    # And consolidation (SEM-06-003 and SEM-06-004, the CEC's registry), and the Party's
    # supplemental information (SEM-04-005) [registry].
    transitions={
        **COMBINED_DETERMINATION,
        **COUNCIL_VOTES,
        **CONSOLIDATION,
        **SUPPLEMENTAL_INFORMATION,
    },
    # Council Resolutions 05-09 and 07-03 [guidelines] (submissions.procedure).
    comments_attached_on_publication=True,
    eligibility_warnings={
        "not_a_person_of_a_party": _(
            "%(name)s does not appear to reside or be established in Canada, Mexico or the "
            "United States. Under Article 24.27(1), a submission may be filed by any person of "
            "a Party: the Secretariat reads this as any person or organization residing or "
            "established in Canada, Mexico or the United States."
        ),
    },
    unverified={
        "factors": "USMCA Art. 24.27(3) factors (a)-(d): the TPA's and NAAEC's words, recalled",
        "party_response": "USMCA Art. 24.27(4): 60 days, 90 in exceptional circumstances, recalled",
        "preparation_rule": "USMCA Art. 24.28(2): two-thirds as under NAAEC 15(2), recalled",
        "publication_rule": "USMCA Art. 24.28: whether the Secretariat publishes unless the "
        "Council objects (the registry's 'under Article 24.28(6)')",
        "draft_comments": "USMCA Art. 24.28(5): 45 days as under NAAEC 15(5), recalled",
        "publication": "USMCA Art. 24.28: 60 days as under NAAEC 15(7), recalled",
        "standing_by_residence": "USMCA's definition of a person of a Party not read: NAAEC "
        "14(1)(f)'s residence and the CEC's filing page kept",
    },
)
