"""The transition table's rows for the steps a procedure profile adds
(``submissions.profiles``: ``COUNCIL_VOTES``, ``ERRATA``, ``CONSOLIDATION``,
``SUPPLEMENTAL_INFORMATION``): not in the
registry format, so their stages are the profile's alone (``profile_stages``).
``workflow.table`` places them among its own rows; ``workflow.profile_guards`` holds their
guards."""

from django.utils.translation import gettext_lazy as _

from submissions.stages import ClosureReason, Stage
from workflow.rule import COUNCIL, PARTY_CONCERNED, SECRETARIAT, Effect, event_rule

S = Stage


PROFILE_RULES = [
    event_rule(
        "council_declined",
        _("Council member's vote against a factual record"),
        # Not in the registry format: a profile adds it (profiles.COUNCIL_VOTES).
        frozenset(),
        {COUNCIL, SECRETARIAT},
        public=True,
        required=("party",),
        optional=("publish_requested", "for_public"),
        outcomes={
            None: Effect(
                to=S.CLOSED,
                closure=ClosureReason.NO_COUNCIL_INSTRUCTION,
                from_stages=frozenset({S.AWAITING_COUNCIL}),
                by_council_refusal=True,
            )
        },
        guards=("party_key_valid", "member_has_not_voted"),
        document_kind="instruction",
    ),
    event_rule(
        "erratum",
        _("Erratum to a decision"),
        # Not in the registry format: a profile adds it (profiles.ERRATA).
        frozenset(),
        {SECRETARIAT},
        public=True,
        decision=True,
        # ``corrects``: the corrected decision's index in the case (0-based, as the registry
        # format refers to events); the decision itself is kept as it was.
        required=("corrects",),
        guards=("has_a_public_decision", "corrects_a_public_decision"),
        document_kind="determination",
    ),
    event_rule(
        "consolidated",
        _("Consolidated with an earlier submission"),
        # Not in the registry format: a profile adds it (profiles.CONSOLIDATION).
        frozenset(),
        {SECRETARIAT},
        public=True,
        decision=True,
        # ``with``: the earlier case's identifier; the two become related cases.
        required=("with",),
        guards=("has_an_earlier_open_case", "consolidates_an_earlier_open_case"),
        document_kind="determination",
    ),
    event_rule(
        "party_information_added",
        _("Supplemental information from the Party"),
        # Not in the registry format: a profile adds it (profiles.SUPPLEMENTAL_INFORMATION).
        frozenset(),
        {PARTY_CONCERNED, SECRETARIAT},
        public=True,
        # Sent for the public, it waits at *parties* until the Secretariat publishes it, as
        # the Party's other letters do (secretariat.portals.views.OWN_LETTERS).
        optional=("publish_requested", "for_public"),
        guards=("author_is_party_concerned", "party_has_responded"),
        document_kind="correspondence",
    ),
]
