"""The further conditions of the transition table ("once per case", "while the period runs").

Each guard takes the transition's context and raises ``RuleViolation`` with a translated
message naming the rule. The table names the guards each event kind runs.

Guards come in two sorts. Those marked ``@before_input`` read only the case, its history and
today's date: ``available_actions`` runs them before it offers an action, so that a page never
offers what the workflow would then refuse. The others read the action's own input
(``ctx.data``, the author named on paper) and can only be checked when it is recorded.
"""

import datetime

from django.utils.translation import gettext as _

from submissions import profiles
from submissions.access import is_secretariat
from submissions.dates import long_date
from submissions.models import PARTY_CODES, Document, User
from submissions.stages import NEVER_PUBLIC, OPEN_STAGES, ClosureReason, Stage, Visibility
from submissions.stages import widens as widens
from submissions.texts import semicolon
from workflow import council, versions
from workflow.exceptions import RuleViolation
from workflow.models import Deadline, Event
from workflow.profile_guards import attached_comments_were_given as attached_comments_were_given
from workflow.profile_guards import comments_sent as comments_sent
from workflow.profile_guards import (
    consolidates_an_earlier_open_case as consolidates_an_earlier_open_case,
)
from workflow.profile_guards import corrects_a_public_decision as corrects_a_public_decision
from workflow.profile_guards import (
    criteria_only_in_a_combined_determination as criteria_only_in_a_combined_determination,
)
from workflow.profile_guards import has_a_public_decision as has_a_public_decision
from workflow.profile_guards import has_an_earlier_open_case as has_an_earlier_open_case
from workflow.profile_guards import member_has_not_voted as member_has_not_voted
from workflow.profile_guards import member_instructs_once as member_instructs_once
from workflow.profile_guards import party_has_responded as party_has_responded
from workflow.profile_guards import (
    revision_in_time_where_required as revision_in_time_where_required,
)
from workflow.proposal_guards import proposal_is_legal_now as proposal_is_legal_now
from workflow.proposal_guards import replies_to_pending_proposal as replies_to_pending_proposal
from workflow.row_guards import digests_well_formed as digests_well_formed
from workflow.row_guards import identifier_is_the_cases as identifier_is_the_cases
from workflow.row_guards import party_is_the_cases as party_is_the_cases
from workflow.row_guards import texts_well_formed as texts_well_formed
from workflow.rule import before_input
from workflow.submitter_guards import another_submitter_stays as another_submitter_stays
from workflow.submitter_guards import not_left_already as not_left_already
from workflow.submitter_guards import not_withheld_already as not_withheld_already
from workflow.submitter_guards import someone_to_withhold as someone_to_withhold
from workflow.submitter_guards import submitter_index_if_given as submitter_index_if_given
from workflow.submitter_guards import submitter_index_valid as submitter_index_valid
from workflow.submitter_guards import submitters_given as submitters_given
from workflow.table import CLOSURE_BY_STAGE
from workflow.target_guards import a_target_is_missed as a_target_is_missed
from workflow.target_guards import deadline_exists as deadline_exists
from workflow.text_guards import text_documents, text_reference_valid, text_within_limits
from workflow.treaty import criteria_for, letters

PARTIES = PARTY_CODES  # the installation's (submissions.profiles)


def _require_past_due(deadline, on, message, *, rule: str) -> None:
    """Refuse unless ``deadline`` exists and its due date has passed by ``on``."""
    if deadline is None or on <= deadline.due_on:
        raise RuleViolation(message, rule=rule)


@before_input
def not_yet_acknowledged(ctx):
    if ctx.submission.registered_on is not None or ctx.has("acknowledged"):
        raise RuleViolation(_("The case has already been acknowledged."), rule="once per case")
    if ctx.has_closure(ClosureReason.NOT_A_SUBMISSION):
        raise RuleViolation(
            _("A case closed as not a submission stays private and cannot be acknowledged."),
            rule="not_a_submission is never public",
        )


def criteria_agree_with_outcome(ctx):
    criteria = ctx.data.get("criteria")
    if not criteria:
        return
    texts = criteria_for(ctx.submission.filed_on)
    if not isinstance(criteria, dict) or set(criteria) - set(texts):
        raise RuleViolation(
            _("The criteria are %(letters)s; no other letter is one.")
            % {"letters": letters(texts)},
            rule="Art. 18.8.2",
        )
    if set(criteria) == set(texts):
        all_met = all(bool(c.get("met")) for c in criteria.values())
        if all_met != (ctx.data["outcome"] == "meets"):
            raise RuleViolation(
                _("The outcome must be 'meets' exactly when every criterion (a)–(f) is met."),
                rule="Art. 18.8.2",
            )


def author_is_party_concerned(ctx):
    if ctx.author != f"party:{ctx.submission.party.code}":
        raise RuleViolation(
            _("Only the Party concerned (%(party)s) may record this.")
            % {"party": ctx.submission.party.name},
            rule="author: the Party concerned",
        )


@before_input
def party_response_running(ctx):
    # "Only while the 45 days are running" (PROCESS.md, Art. 18.8.5): the 45th calendar day
    # itself, not the next working day a due date on a weekend moves to.
    deadline = ctx.deadlines.open("party_response")
    if (
        deadline is None
        or ctx.on > deadline.due_on
        or ctx.on > deadline.start_on + datetime.timedelta(days=deadline.length)
    ):
        raise RuleViolation(
            _(
                "Exceptional circumstances can be notified only while the 45 days for the "
                "response are running."
            ),
            rule="while party_response is open and not past due",
        )


@before_input
def once_per_case(ctx):
    if ctx.has(ctx.kind):
        raise RuleViolation(_("This can be recorded only once per case."), rule="once")


@before_input
def request_not_delivered_yet(ctx):
    """One delivery per request (walk 37: a second was offered and recorded); a request made
    again after a reopening is delivered again. An import takes its registry as it is."""
    requests = [i for i, f in enumerate(ctx.facts) if f["kind"] in ("response_decided", "reopened")]
    later = ctx.facts[requests[-1] + 1 :] if requests else ctx.facts
    if not ctx.importing and any(f["kind"] == "request_delivered" for f in later):
        raise RuleViolation(_("The delivery of this request is already recorded."), rule="once")


@before_input
def response_was_requested(ctx):
    """A request was recorded, or stands among the steps a legacy registry left undated (an
    ``unrecorded_steps`` that reached awaiting the response or a later stage)."""
    if not any(
        (f["kind"] == "response_decided" and f["data"].get("outcome") == "request")
        or (
            f["kind"] == "unrecorded_steps"
            and _reaches(f["data"].get("stage"), "awaiting_response")
        )
        for f in ctx.facts
    ):
        raise RuleViolation(
            _("No response has been requested from the Party on this case."),
            rule="party_responded needs a response_decided (request)",
        )


@before_input
def response_period_over_if_awaiting(ctx):
    if ctx.submission.stage != Stage.AWAITING_RESPONSE:
        return
    _require_past_due(
        ctx.deadlines.open("party_response"),
        ctx.on,
        _(
            "While the Party's response is awaited, the Council can be notified only once "
            "the response period has ended."
        ),
        rule="AW once party_response is past due",
    )


def party_key_valid(ctx):
    party = ctx.data.get("party")
    if party not in PARTIES:
        raise RuleViolation(
            _("Name the Party, one of: %(parties)s.") % {"parties": ", ".join(PARTIES)},
            rule="party key",
        )
    # Art. 18.9.2/18.9.7: the record names the member's Party; a Council member of one Party
    # cannot instruct in the name of the other.
    if ctx.author.startswith("council:") and ctx.author != f"council:{party}":
        raise RuleViolation(_("A Council member acts only for their own Party."), rule="party key")


def author_is_that_party(ctx):
    party = ctx.data.get("party")
    if ctx.author.startswith("party:") and ctx.author != f"party:{party}":
        raise RuleViolation(_("A Party comments only on its own behalf."), rule="party key")


@before_input
def not_withdrawn_already(ctx):
    # A withdrawal after the Council's instruction leaves the case open; a second one would
    # say nothing new. (A withdrawal that closed the case is followed only by a reopening.)
    last_reopening = max((f["seq"] for f in ctx.facts if f["kind"] == "reopened"), default=0)
    if any(f["kind"] == "withdrawn" and f["seq"] > last_reopening for f in ctx.facts):
        raise RuleViolation(
            _("The submitters have already withdrawn the submission."), rule="withdrawn once"
        )


@before_input
def call_is_open(ctx):
    if not ctx.call_open(ctx.on):
        raise RuleViolation(
            _("There is no open call for information on this case."), rule="while a call is open"
        )


@before_input
def comments_in_or_period_over(ctx):
    waiting = []  # the Parties whose period to comment still runs, with its last day
    for party in PARTIES:
        deadline = ctx.deadlines.latest("draft_comments", party)
        if deadline is None or deadline.state == Deadline.State.MET or ctx.on > deadline.due_on:
            continue
        waiting.append((party, deadline.due_on))
    if waiting:
        # Walk 145: which Party, and until when, was left to the officer to find.
        pending = _("Still to comment: %(parties)s.") % {
            "parties": semicolon().join(
                _("%(party)s (until %(date)s)")
                % {"party": profiles.installed().party(code).label, "date": long_date(due_on)}
                for code, due_on in waiting
            )
        }
        raise RuleViolation(
            _(
                "The final factual record waits until every Party has commented or the 45 "
                "days for comments have passed."
            )
            + " "
            + pending,
            rule="once both Parties commented or both draft_comments are past due",
        )


@before_input
def publication_was_instructed(ctx):
    if council.decided_on(ctx.facts, "publication_instructed") is None:
        raise RuleViolation(
            _("The factual record may be published only if a Council member instructs it."),
            rule="Art. 18.9.7: after publication_instructed",
        )


@before_input
def registered_first(ctx):
    """PROCESS.md steps 1 and 2: the admissibility review follows the acknowledgement, which
    gives the case its identifier (walk 121: a determination made before it bore the receipt
    number, R-2026-000005/D1, on the docket for good). An imported history keeps its order
    (REGISTRY-FORMAT.md allows the acknowledgement in any open stage)."""
    if ctx.importing or ctx.submission.registered_on is not None:
        return
    raise RuleViolation(
        _("Acknowledge receipt first: a determination is made on a registered submission."),
        rule="acknowledged first",
    )


@before_input
def follows_a_final_record(ctx):
    """Art. 18.9.8, PROCESS.md step 11: the Council's recommendations follow a final factual
    record (walk 113: offered on a case closed as not admissible, which never reached the
    Council)."""
    if not ctx.has("final_submitted"):
        raise RuleViolation(
            _("The Council makes recommendations on a final factual record."),
            rule="Art. 18.9.8: after final_submitted",
        )


def officer_is_secretariat(ctx):
    if ctx.importing:
        return
    user = User.objects.filter(username=ctx.data.get("officer"), is_active=True).first()
    if user is None or not is_secretariat(user):
        raise RuleViolation(_("Cases are assigned to Secretariat officers only."), rule="officer")


@before_input
def has_documents_or_text(ctx):
    """Something whose visibility could change: a document, or an event's title or note."""
    if "event" in ctx.data:  # an event's own text, not a document
        return
    # An import writes a case's documents at its end: those are in ctx.pending_inserts.
    if any(isinstance(row, Document) for row in ctx.pending_inserts):
        return
    if Document.objects.filter(submission=ctx.submission, event__isnull=False).exists():
        return
    if Event.objects.filter(submission=ctx.submission).exclude(title="", note="").exists():
        return
    raise RuleViolation(
        _("This case has no document or text whose visibility could change."), rule="a document"
    )


def document_reference_valid(ctx):
    if "event" in ctx.data:
        text_reference_valid(ctx)
        return
    ref = ctx.data.get("document")
    if not (isinstance(ref, list) and len(ref) == 2 and all(isinstance(i, int) for i in ref)):
        raise RuleViolation(
            _("Name the document by its event and position."), rule="document reference"
        )
    document = ctx.document_at(*ref)
    if document is None:
        raise RuleViolation(_("No such document on this case."), rule="document reference")
    if document.visibility != ctx.data.get("from"):
        raise RuleViolation(
            _(
                "The document's visibility has changed since: it is now “%(now)s”. Propose the "
                "change again from there."
            )
            % {
                "now": Visibility(document.visibility).label
                if document.visibility in Visibility.values
                else document.visibility
            },
            rule="document reference",
        )
    # The model field's choices are not checked on save: an unknown level would be stored and
    # the document would silently fall outside every audience.
    if ctx.data.get("to") not in Visibility.values:
        raise RuleViolation(
            _("The new visibility must be one of: %(values)s.")
            % {"values": ", ".join(Visibility.values)},
            rule="visibility",
        )


def beyond(level, limit) -> bool:
    """Whether ``level`` shows a document to anyone ``limit`` does not: a wider level, or the
    submitters', who are not among the Parties (walk 42: a draft factual record was offered,
    and taken, for "the Secretariat and the submitters", though the linear order put that
    level inside the Parties')."""
    submitters = level == Visibility.SUBMITTER
    return widens(level, limit) or (
        submitters and limit in (Visibility.PARTIES, Visibility.PARTY_CONCERNED)
    )


def _original_of(document, *, redacted: bool):
    """The document a translation (and, if ``redacted``, a redacted version) renders."""
    seen = 0
    while seen < 10:  # links go to earlier documents; the bound only guards a bad history
        seen += 1
        target = document.translation_of or (redacted and document.redacted_version_of) or None
        if target is None:
            return document
        document = target
    return document


def _event_kind(document) -> str:
    return document.event.kind if document.event is not None else ""


def refuse_beyond_submitters(title: str = ""):
    """A case closed as not a submission is never public (``not_yet_acknowledged``), nor shown
    to the Parties: what it holds stays with the Secretariat and those who filed it. The
    document refused is named where there is one (walk 178: the Director read why, not
    which)."""
    said = str(NEVER_PUBLIC)
    raise RuleViolation(
        f"“{title}”: {said}" if title else said, rule="not_a_submission is never public"
    )


def visibility_within_limits(ctx):
    """PROCESS.md, Visibility: a submitter's confidential attachment never goes beyond the
    Party concerned; a draft factual record never beyond the Parties (Art. 18.9.5); the final
    factual record is public only once `published` is recorded (Art. 18.9.7). A document
    withheld takes its wider translations with it (``versions``)."""
    versions.check(ctx)
    if ctx.has_closure(ClosureReason.NOT_A_SUBMISSION) and widens(
        ctx.data["to"], Visibility.SUBMITTER
    ):
        document = ctx.document_at(*ctx.data["document"]) if "document" in ctx.data else None
        refuse_beyond_submitters(document.title if document is not None else "")
    if "event" in ctx.data:
        text_within_limits(ctx)
        for document in text_documents(ctx):  # published with it
            check_within_limits(ctx, document, ctx.data["to"])
        return
    check_within_limits(ctx, ctx.document_at(*ctx.data["document"]), ctx.data["to"])


def check_within_limits(ctx, document, to) -> None:
    """Refuse showing ``document`` (or a version of it: a translation, a redacted copy) at
    level ``to`` beyond the limit of the record it renders."""
    confidential = _original_of(document, redacted=False)
    if (
        confidential.author == "submitter"
        and confidential.initial_visibility
        in (Visibility.PARTY_CONCERNED, Visibility.SUBMITTER, Visibility.SECRETARIAT)
        and widens(to, Visibility.PARTY_CONCERNED)
    ):
        raise RuleViolation(
            _(
                "A submitter's confidential attachment is never shown beyond the Secretariat "
                "and the Party concerned."
            ),
            rule="confidential attachment: at most party_concerned",
        )
    record = _event_kind(_original_of(document, redacted=True))
    # A proposal's draft is the Secretariat's working copy: the approved decision carries its
    # own copy, at the level the proposal asked; a returned or lapsed draft was never issued.
    if record == "proposed" and widens(to, Visibility.SECRETARIAT):
        raise RuleViolation(
            _(
                "A proposal's draft stays with the Secretariat: the approved decision issues "
                "its own copy."
            ),
            rule="proposal draft: at most secretariat",
        )
    if record == "draft_submitted" and beyond(to, Visibility.PARTIES):
        raise RuleViolation(
            _("A draft factual record is never shown beyond the Parties and the Council."),
            rule="draft factual record: at most parties",
        )
    if record == "final_submitted" and to == Visibility.PUBLIC and not ctx.has("published"):
        raise RuleViolation(
            _("The final factual record becomes public only when its publication is recorded."),
            rule="final factual record: public only once published",
        )
    # As for an event's text (``_text_within_limits``): a public document puts its event on
    # the docket (``published.public_text``), so never one of what was sent only to the Parties.
    event = _original_of(document, redacted=True).event
    if (
        to == Visibility.PUBLIC
        and event is not None
        and record != "final_submitted"
        and event.visibility == Visibility.PARTIES
        and not (event.data or {}).get("publish_requested")
    ):
        raise RuleViolation(
            _("Only what was sent for the public, or is public already, can be published."),
            rule="document: public or publish_requested",
        )


def closure_reason_fits_stage(ctx):
    if CLOSURE_BY_STAGE.get(ctx.submission.stage) != ctx.data.get("reason"):
        raise RuleViolation(
            _("In this stage a case can be closed only as “%(reason)s”.")
            % {"reason": ClosureReason(CLOSURE_BY_STAGE[ctx.submission.stage]).label},
            rule="closed: reason by stage",
        )


@before_input
def closure_grounds_hold(ctx):
    """The conditions of the one closure reason the case's stage allows (CLOSURE_BY_STAGE)."""
    reason = CLOSURE_BY_STAGE.get(ctx.submission.stage)
    if reason == ClosureReason.NOT_A_SUBMISSION and ctx.submission.registered_on:
        raise RuleViolation(
            _("An acknowledged case cannot be closed as not a submission."),
            rule="AR before acknowledged",
        )
    if reason == ClosureReason.PENDING_PROCEEDING and not any(
        f["kind"] == "party_responded" and f["data"].get("pending_proceeding") for f in ctx.facts
    ):
        raise RuleViolation(
            _("A case is closed for a pending proceeding only after the Party declares one."),
            rule="Art. 18.8.5(a)",
        )
    if reason == ClosureReason.NO_COUNCIL_INSTRUCTION:
        _require_past_due(
            ctx.deadlines.latest("council_instruction"),
            ctx.on,
            _(
                "The case can be closed for want of an instruction only once the period "
                "for the Council's instruction has passed."
            ),
            rule="council_instruction past due",
        )


@before_input
def reopening_allowed(ctx):
    if ctx.submission.closure_reason == ClosureReason.NOT_A_SUBMISSION:
        raise RuleViolation(
            _("A case closed as not a submission is never reopened; record a new filing."),
            rule="not_a_submission is final",
        )


@before_input
def import_only(ctx):
    if not ctx.importing:
        raise RuleViolation(
            _(
                "Steps not recorded in a legacy registry can only be imported with its "
                "history, never recorded on a live case."
            ),
            rule="unrecorded_steps: import only",
        )


# The order of the open stages along the process, for "a later stage".
STAGE_ORDER = [stage for stage in Stage if stage in OPEN_STAGES]


def _reaches(stage, than: str) -> bool:
    """Whether the open stage ``stage`` is ``than`` or a later one."""
    return stage in STAGE_ORDER and STAGE_ORDER.index(stage) >= STAGE_ORDER.index(than)


def unrecorded_stage_is_later(ctx):
    """A later open stage; or the same one where all the registry left undated is the
    acknowledgement (a case it never dated as registered, but whose next steps it dates)."""
    target = ctx.data.get("stage")
    current = ctx.submission.stage
    undated_registration = (
        target == current and ctx.submission.registered_on is None and not ctx.has("acknowledged")
    )
    if (
        target not in OPEN_STAGES
        or current not in OPEN_STAGES
        or (STAGE_ORDER.index(target) <= STAGE_ORDER.index(current) and not undated_registration)
    ):
        raise RuleViolation(
            _("The stage reached must be an open stage later than “%(stage)s”.")
            % {"stage": Stage(current).label if current else "—"},
            rule="unrecorded_steps: a later stage",
        )


def closed_from(facts) -> str:
    """The stage a case was last closed from: the stage before the event that closed it
    ("" if the history never closed). ``facts`` are the case's events in order, each with the
    ``stage`` it left the case in."""
    origin, before = "", ""
    for fact in facts:
        if fact["stage"] == Stage.CLOSED and before and before != Stage.CLOSED:
            origin = before
        before = fact["stage"]
    return origin


def reopening_stage_given(ctx):
    to_stage = ctx.data.get("to_stage")
    if to_stage not in OPEN_STAGES:
        raise RuleViolation(_("Name the stage the case returns to."), rule="to_stage")
    # PROCESS.md: a reopening returns the case to the stage it was closed from, never to a
    # later one (which would skip the request, the notification or the Council's instruction)
    # nor an earlier one.
    origin = closed_from(ctx.facts)
    if to_stage != origin:
        raise RuleViolation(
            _("A case is reopened only to the stage it was closed from: “%(stage)s”.")
            % {"stage": Stage(origin).label if origin else "—"},
            rule="reopened: to the stage it was closed from",
        )
