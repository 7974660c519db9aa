"""The guards of a decision on an event's own text (``visibility_changed`` naming ``event``):
its title or note made public or withheld from the public (``published.public_text``), and the
documents sent for the public with it, made public with it (``with_documents``: their positions
on that event; walks 40 and 41: a Party's response took one decision for its words, then one
for each document, and its annex was forgotten)."""

from django.utils.translation import gettext as _

from submissions.published import REASONS, WITHHOLDABLE, has_reasons
from submissions.stages import Visibility
from workflow.exceptions import RuleViolation

# An event's own text on the public surfaces is either public or withheld (at parties).
TEXT_LEVELS = (Visibility.PUBLIC, Visibility.PARTIES)


def text_reference_valid(ctx):
    """An event's own text: an earlier event by its index, some of its text fields, and
    whether they become public or are withheld from the public (redacted)."""
    index = ctx.data.get("event")
    fields = ctx.data.get("fields")
    if (
        type(index) is not int
        or not 0 <= index < len(ctx.facts)
        or ctx.facts[index]["kind"] in ("proposed", "returned", "visibility_changed")
    ):
        raise RuleViolation(_("No such event on this case."), rule="event reference")
    if not (isinstance(fields, list) and fields and set(fields) <= set(WITHHOLDABLE)):
        raise RuleViolation(
            _("Name the event's title, its note, its reasons, or several."),
            rule="fields: title, note, reasons",
        )
    if REASONS in fields and not has_reasons(ctx.facts[index].get("data")):
        raise RuleViolation(
            _("This event gives no reasons for criteria or factors."), rule="fields: reasons"
        )
    if ctx.data.get("to") not in TEXT_LEVELS or ctx.data.get("from") not in TEXT_LEVELS:
        raise RuleViolation(
            _("An event's text is either public or withheld from the public."),
            rule="event text: public or parties",
        )
    if ctx.data["to"] == ctx.data["from"]:
        raise RuleViolation(_("The new visibility is the one it has."), rule="visibility")
    _documents_valid(ctx)


def text_within_limits(ctx):
    """PROCESS.md, Visibility: the Secretariat publishes what a Party or the Council sent for
    the public (it waits at *parties*) or what is public already; never what was sent only to
    the Parties (the comments on a draft a Party did not ask to be public)."""
    if ctx.data["to"] != Visibility.PUBLIC:
        return
    event = ctx.event_by_seq(ctx.data["event"] + 1)
    if event.visibility != Visibility.PUBLIC and not (
        event.visibility == Visibility.PARTIES and (event.data or {}).get("publish_requested")
    ):
        raise RuleViolation(
            _("Only what was sent for the public, or is public already, can be published."),
            rule="event text: public or publish_requested",
        )


def text_documents(ctx) -> list:
    """The documents a decision on an event's text publishes with it (checked by
    ``text_reference_valid``)."""
    positions = ctx.data.get("with_documents") or ()
    return [ctx.document_at(ctx.data["event"], position) for position in positions]


def _documents_valid(ctx) -> None:
    """``with_documents``: positions of the event's own documents, each narrower than public, and
    only where the text is made public (withholding text leaves its documents as they are)."""
    positions = ctx.data.get("with_documents")
    if positions is None:
        return
    if (
        not isinstance(positions, list)
        or not all(type(p) is int and p >= 0 for p in positions)
        or len(set(positions)) != len(positions)
    ):
        raise RuleViolation(
            _("“with_documents” lists the positions of documents (0, 1, 2…)."),
            rule="with_documents",
        )
    if positions and ctx.data["to"] != Visibility.PUBLIC:
        raise RuleViolation(
            _("Documents are published with an event's text, not withheld with it."),
            rule="with_documents: with publication only",
        )
    for document in text_documents(ctx):
        if document is None:
            raise RuleViolation(_("No such document on this case."), rule="document reference")
        if document.visibility == Visibility.PUBLIC:
            raise RuleViolation(
                _("The document “%(title)s” is public already.") % {"title": document.title},
                rule="with_documents: not public yet",
            )
        # (A document of a history being imported is not saved yet: its record stands.)
        if document.pk is not None and document.redacted_versions.exists():
            raise RuleViolation(
                _(
                    "The public reads “%(title)s” in its redacted version: the full document "
                    "keeps its visibility."
                )
                % {"title": document.title},
                rule="with_documents: not one with a redacted version",
            )
