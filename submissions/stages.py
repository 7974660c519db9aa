"""The names of REGISTRY-FORMAT.md: stages, closure reasons, visibility levels, authors.

A plain module with no model imports, so that ``submissions.models`` can use these choices
without importing the workflow app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions import profiles

_PARTIES = profiles.installed().parties


class Stage(models.TextChoices):
    ADMISSIBILITY_REVIEW = "admissibility_review", _("Admissibility review")
    AWAITING_REVISION = "awaiting_revision", _("Awaiting a revised submission")
    RESPONSE_DECISION = "response_decision", _("Deciding whether to request a response")
    AWAITING_RESPONSE = "awaiting_response", _("Awaiting the Party's response")
    FACTUAL_RECORD_DECISION = (
        "factual_record_decision",
        _("Deciding whether a factual record is warranted"),
    )
    AWAITING_COUNCIL = "awaiting_council", _("Awaiting the Council's instruction")
    FACTUAL_RECORD_PREPARATION = "factual_record_preparation", _("Preparing the factual record")
    DRAFT_COMMENT_PERIOD = "draft_comment_period", _("Draft factual record: comment period")
    FINAL_FACTUAL_RECORD = "final_factual_record", _("Final factual record")
    CLOSED = "closed", pgettext_lazy("stage", "Closed")


OPEN_STAGES = frozenset(s for s in Stage if s != Stage.CLOSED)


class ClosureReason(models.TextChoices):
    NOT_A_SUBMISSION = "not_a_submission", _("Not a submission")
    NOT_ADMISSIBLE = "not_admissible", _("Does not meet the admissibility criteria")
    NO_RESPONSE_MERITED = "no_response_merited", _("A response from the Party is not merited")
    PENDING_PROCEEDING = "pending_proceeding", _("Subject of a pending proceeding")
    FACTUAL_RECORD_NOT_WARRANTED = (
        "factual_record_not_warranted",
        _("A factual record is not warranted"),
    )
    NO_COUNCIL_INSTRUCTION = "no_council_instruction", _("No instruction from the Council")
    FACTUAL_RECORD_PUBLISHED = "factual_record_published", _("Factual record published")
    # Walk 62: "Withdrawn by the submitters" where one person filed and withdrew.
    WITHDRAWN = "withdrawn", pgettext_lazy("closure reason", "Withdrawn")


class Visibility(models.TextChoices):
    """The five levels of PROCESS.md, from the widest audience to the narrowest."""

    PUBLIC = "public", _("Public")
    PARTIES = "parties", _("Secretariat, Parties and Council")
    PARTY_CONCERNED = "party_concerned", _("Secretariat and the Party concerned")
    SUBMITTER = "submitter", _("Secretariat and the submitters")
    SECRETARIAT = "secretariat", _("Secretariat only")


# What a case closed as not a submission holds stays with the Secretariat and those who filed it
# (workflow.guards.refuse_beyond_submitters; the workspace's forms say it beforehand).
NEVER_PUBLIC = _(
    "A case closed as not a submission stays private: what it holds is read by the Secretariat "
    "and those who filed it, no one else."
)

# The levels of Visibility from the widest audience to the narrowest.
VISIBILITY_ORDER = list(Visibility)


def widens(to, from_) -> bool:
    """Whether moving a document from ``from_`` to ``to`` shows it to a wider audience."""
    if to not in Visibility.values or from_ not in Visibility.values:
        return False
    return VISIBILITY_ORDER.index(Visibility(to)) < VISIBILITY_ORDER.index(Visibility(from_))


# Who an event speaks for: the submitter, the Secretariat, each Party's government and Council
# member (the installation's Parties, submissions.profiles: PARTY_PE, COUNCIL_US…), the public.
Author = models.TextChoices(
    "Author",
    [
        ("SUBMITTER", ("submitter", _("Submitter"))),
        ("SECRETARIAT", ("secretariat", _("Secretariat"))),
        *((f"PARTY_{p.code}", (f"party:{p.code}", p.government)) for p in _PARTIES),
        *((f"COUNCIL_{p.code}", (f"council:{p.code}", p.council)) for p in _PARTIES),
        ("PUBLIC", ("public", _("Interested person"))),
    ],
    module=__name__,
)


def language_choices():
    """The working languages as a model field's choices, read when asked (as ``author_choices``)."""
    return list(settings.LANGUAGES)


# The comment period's stage once every Party's period for comments on the draft is met or
# past (``workflow.deadlines.mark_comments_in``): every page and list reads it so.
COMMENTS_IN = _("Draft factual record: comments in, final record in preparation")


def author_choices():
    """The authors' choices, read when asked: a model field names this function, not the
    profile's list, so the migrations stay the same under every profile."""
    return Author.choices
