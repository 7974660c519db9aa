"""Guards of the steps a procedure profile adds or changes (``submissions.profiles``): the
combined determination, late revisions, the Council's votes, errata. ``workflow.guards``
holds the others and names these too, so the table finds every guard there."""

from django.utils.translation import gettext as _

from submissions import profiles, published
from submissions.dates import long_date
from submissions.models import Submission
from submissions.stages import Stage, Visibility
from workflow import council
from workflow.exceptions import RuleViolation
from workflow.models import Event
from workflow.rule import before_input
from workflow.treaty import criteria_for


@before_input
def revision_in_time_where_required(ctx):
    """Where the profile refuses a late revised submission (``late_revision_refused``), one
    after the revision period is not considered: the Secretariat closes the case instead."""
    if not profiles.installed().late_revision_refused:
        return
    period = ctx.deadlines.latest("revision")
    if period is not None and period.due_on and ctx.on > period.due_on:
        raise RuleViolation(
            _(
                "The period for a revised submission ended on %(day)s. Under this Agreement a "
                "revised submission filed after it is not considered: the Secretariat closes "
                "the case as not admissible."
            )
            % {"day": long_date(period.due_on)},
            rule="late revision refused",
        )


def criteria_only_in_a_combined_determination(ctx):
    """A determination on the request for a response carries the criteria only where it is
    also the determination on admissibility (a profile's combined determination, made in
    admissibility review); then it finds every criterion met: a submission that does not meet
    them is given a determination on the criteria alone."""
    criteria = ctx.data.get("criteria")
    if ctx.submission.stage != Stage.ADMISSIBILITY_REVIEW:
        if criteria:
            raise RuleViolation(
                _("The criteria are determined before this determination, not in it."),
                rule="criteria: combined determination only",
            )
        return
    if (
        not isinstance(criteria, dict)
        or set(criteria) != set(criteria_for(ctx.submission.filed_on))
        or not all(isinstance(c, dict) and c.get("met") for c in criteria.values())
    ):
        raise RuleViolation(
            _(
                "A combined determination finds every admissibility criterion met. A submission "
                "that does not meet them is given a determination on the criteria alone."
            ),
            rule="combined determination: every criterion met",
        )


def member_has_not_voted(ctx):
    party = ctx.data.get("party", "")
    if council.voted(ctx.facts, party):
        raise RuleViolation(
            _("This member of the Council has already voted on a factual record."),
            rule="one vote per member",
        )


def member_instructs_once(ctx):
    """A Council member gives an instruction once, and instructs no record it voted against
    (walk 38: the workspace recorded Canada's member's paper instruction a second time, and
    the docket showed both). The portals never offered it; a history is imported as its
    registry records it."""
    party, kind = ctx.data.get("party", ""), ctx.kind
    if ctx.importing or not party:
        return
    if kind == "council_instructed" and council.voted(ctx.facts, party):
        raise RuleViolation(
            _("This member of the Council has already voted on a factual record."),
            rule="one vote per member",
        )
    if kind == "publication_instructed" and council.given_by(ctx.facts, kind, party):
        raise RuleViolation(
            _("This member of the Council has already instructed publication."),
            rule="one instruction per member",
        )


@before_input
def has_a_public_decision(ctx):
    """An erratum is offered only once the case has a decision of the Secretariat with a
    document code to correct (before that, its form would have nothing to name)."""
    if not any(fact["code"] for fact in ctx.facts):
        raise RuleViolation(
            _("The Secretariat has taken no decision on this case that an erratum could correct."),
            rule="erratum: no decision yet",
        )


def corrects_a_public_decision(ctx):
    """An erratum names a decision of the Secretariat on the case that the public can read:
    one with a document code (a determination, a notification)."""
    index = ctx.data.get("corrects")
    fact = next((f for f in ctx.facts if isinstance(index, int) and f["seq"] == index + 1), None)
    if fact is None or not fact["code"]:
        raise RuleViolation(
            _("An erratum corrects one of the Secretariat's decisions on this case; name it."),
            rule="erratum: corrects a decision",
        )


def attached_comments_were_given(ctx):
    """``published`` with ``attach_comments``: where the profile publishes the Parties'
    comments on the draft with the final factual record (CEC Council Resolutions 05-09, 07-03),
    it names Parties that commented on the draft, each once (an empty list: none, said so);
    elsewhere the key is not given."""
    parties = ctx.data.get("attach_comments")
    if parties is None:
        return
    if not profiles.installed().comments_attached_on_publication:
        raise RuleViolation(
            _(
                "Under this procedure the Parties' comments on the draft are not published with "
                "the final factual record."
            ),
            rule="attach_comments: not in this procedure",
        )
    commented = {f["data"].get("party") for f in ctx.facts if f["kind"] == "draft_commented"}
    if (
        not isinstance(parties, list)
        or len(set(parties)) != len(parties)
        or not set(parties) <= commented
    ):
        raise RuleViolation(
            _("Attach only the comments of Parties that commented on the draft, each once."),
            rule="attach_comments: Parties that commented",
        )


def comments_sent(ctx):
    """``published`` with ``with_comments`` (``published.WITH_COMMENTS``): where the profile
    does not attach the Parties' comments whole, it names comments on the draft sent for the
    public (their text, or documents marked for it) on which the Secretariat has not decided,
    each once; the form names them all (PROCESS.md, step 10)."""
    items = ctx.data.get(published.WITH_COMMENTS)
    if items is None:
        return
    if profiles.installed().comments_attached_on_publication:
        raise RuleViolation(
            _("Under this procedure the Parties' comments on the draft are attached whole."),
            rule="with_comments: not in this procedure",
        )
    decided = published.decided_entries(
        f["data"] for f in ctx.facts if f["kind"] == published.TEXT_DECISION
    )
    by_seq = {f["seq"]: f for f in ctx.facts}
    seqs = published.published_comments(ctx.data)
    if (
        not isinstance(items, list)
        or len(seqs) != len(items)
        or len(set(seqs)) != len(seqs)
        or any(
            (fact := by_seq.get(seq)) is None
            or fact["kind"] != published.ATTACHED
            or not any(published.sent_for_public(fact["data"]))
            or seq in decided
            for seq in seqs
        )
    ):
        raise RuleViolation(
            _(
                "Publish with the final factual record only comments on the draft sent for the "
                "public on which no decision was taken, each once."
            ),
            rule="with_comments: comments sent for the public",
        )


def consolidated_with(reference):
    """The case a ``consolidated`` event names (its ``with``), or ``None``."""
    if not isinstance(reference, str) or not reference:
        return None
    return Submission.objects.filter(identifier=reference).first()


def consolidated_on(case, others) -> dict:
    """For each of ``others`` consolidated with ``case`` (one of them named the other in a
    public ``consolidated``), the day it was: ``{other's pk: date}``. One query."""
    by_identifier = {other.identifier: other.pk for other in others}
    found = {}
    events = Event.objects.filter(
        kind="consolidated",
        visibility=Visibility.PUBLIC,
        submission_id__in=[case.pk, *by_identifier.values()],
    ).only("submission_id", "data", "on")
    for event in events:
        named = event.data.get("with")
        if event.submission_id == case.pk and named in by_identifier:
            found[by_identifier[named]] = event.on
        elif event.submission_id != case.pk and named == case.identifier:
            found[event.submission_id] = event.on
    return found


def earlier_open_cases(case):
    """The cases ``case`` may be consolidated with: registered, about the same Party, filed no
    later than it, still open (oldest first)."""
    return (
        Submission.objects.filter(
            party_id=case.party_id, registered_on__isnull=False, filed_on__lte=case.filed_on
        )
        .exclude(pk=case.pk)
        .exclude(stage=Stage.CLOSED)
        .order_by("filed_on", "identifier")
    )


@before_input
def has_an_earlier_open_case(ctx):
    """Consolidation is offered once, and only where there is a case to consolidate with (its
    form would have nothing to choose)."""
    if any(f["kind"] == "consolidated" for f in ctx.facts):
        raise RuleViolation(
            _("This submission is already consolidated with another."),
            rule="consolidated: once",
        )
    if not earlier_open_cases(ctx.submission).exists():
        raise RuleViolation(
            _("No earlier open submission about the same Party to consolidate this one with."),
            rule="consolidated: no earlier open case",
        )


def consolidates_an_earlier_open_case(ctx):
    """``consolidated`` names, by its identifier, another registered case about the same Party,
    filed no later than this one and still open (SEM-06-004 was consolidated with SEM-06-003,
    filed two months before it, while Mexico's response to it was awaited)."""
    other = consolidated_with(ctx.data.get("with"))
    if other is None or not earlier_open_cases(ctx.submission).filter(pk=other.pk).exists():
        raise RuleViolation(
            _(
                "A submission is consolidated with an earlier submission about the same Party "
                "that is still open: name it by its identifier."
            ),
            rule="consolidated: an earlier open case of the same Party",
        )


AFTER_RESPONSE = profiles.SUPPLEMENTAL_INFORMATION["party_information_added"]


@before_input
def party_has_responded(ctx):
    """Supplemental information follows the Party's response (SEM-04-005), or a legacy
    history's undated steps that reached beyond it."""
    if not any(
        f["kind"] == "party_responded"
        or (f["kind"] == "unrecorded_steps" and f["data"].get("stage") in AFTER_RESPONSE)
        for f in ctx.facts
    ):
        raise RuleViolation(
            _("The Party sends supplemental information after its response."),
            rule="party_information_added: after party_responded",
        )
