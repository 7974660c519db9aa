"""Receipts for what a Party or a Council member recorded through a portal: the page's and the
email's context, and the receipt document. Rendering only: the email is an outbox row
(``notices.outbox.queue_portal_receipt``)."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from docx import Document as Docx

from notices import letterhead, phrases
from notices.documents import set_language, set_properties
from submissions import access, published
from submissions.dates import long_date, long_datetime
from submissions.stages import Visibility


def sent_as(event, document) -> str:
    """Whom a document was sent to, as the receipt says it: the level it was recorded with,
    and for one sent for the public, that it waits (walk 43: after publication the receipt
    read "awaits the Secretariat's review" above documents listed as "Public", the list
    being today's and the rest the receipt's)."""
    words = str(document.get_initial_visibility_display())
    if document.position in ((event.data or {}).get("for_public") or ()):
        if document.visibility == Visibility.PUBLIC:  # walk 59: read after its publication
            return f"{words} — {gettext('sent for the public, the Secretariat has published it')}"
        waits = gettext("sent for the public, it awaits the Secretariat's review")
        return f"{words} — {waits}"
    return words


def receipt_documents(event, viewer=None) -> list:
    """The event's documents that the receipt's reader may see: the Party's (or the Council
    member's) audience by the access module's rule, never more. An event recorded in a Party's
    name may carry a document kept from it (a confidential annex, a Secretariat-only note):
    its title, visibility and hash stay out of that Party's receipt. ``viewer`` defaults to
    the account that recorded the event (the one the receipt is emailed to)."""
    viewer = viewer or event.recorded_by
    sender = event.recorded_by
    if sender is not None and sender.party_id and sender.party_id == viewer.party_id:
        # Sent through its own portal: all it sent, a letter for the Secretariat only too
        # (walk 39). Not a Secretariat account's record in its name (no party).
        documents = list(event.documents.all())
    else:
        levels = access.visible_levels(viewer, event.submission)
        documents = list(access.visible_documents(event.documents.all(), levels))
    for document in documents:
        document.sent_as = sent_as(event, document)
    return documents


def publication_note(event, published: bool = False) -> str:
    """What a receipt says of a post sent for the public (``publish_requested``): it waits for
    the Secretariat (portals.views.held_for_review), and the sender should know it does; once
    ``published`` (``published_since``), that it waited (walk 59: "waits" above "Since then,
    the Secretariat published it"). Not who sees it meanwhile: the receipt's "Visible to" says
    it, and who does not see the case yet (walk 117: "only the Secretariat, the Parties and
    the Council see it" above "For now only the Secretariat and your Party see this case")."""
    if not (event.data or {}).get("publish_requested"):
        return ""
    if published:
        return gettext(
            "What you sent for the public was to wait for the Secretariat's review: the public "
            "saw it once the Secretariat published it."
        )
    return gettext(
        "What you sent for the public waits for the Secretariat's review: the public sees it "
        "once the Secretariat publishes it."
    )


def published_since(event) -> str:
    """For a post sent for the public that the Secretariat has published since: a sentence
    saying so, under what the receipt says of the moment it was received (walk 46: months
    after publication the receipt still read "waits for the Secretariat's review")."""
    if not (event.data or {}).get("publish_requested"):
        return ""
    decisions = event.submission.events.filter(
        seq__gt=event.seq, kind=published.TEXT_DECISION, data__to=Visibility.PUBLIC
    ).order_by("seq")
    on = next((d.on for d in decisions if published.decided_entry(d.data) == event.seq), None)
    if on is None:
        return ""
    return gettext("Since then, the Secretariat published it on %(date)s.") % {
        "date": long_date(on)
    }


def audience(event) -> str:
    """Who sees the entry; for one sent for the public, what still waits (walk 42: the receipt
    read "Visible to: Public" above "until the Secretariat publishes it, only the Secretariat,
    the Parties and the Council see it")."""
    words = str(event.get_visibility_display())
    if not (event.data or {}).get("publish_requested"):
        return words
    if event.visibility == Visibility.PUBLIC:  # the act is public, its words wait
        waits = gettext("the public sees that it was sent, and its text once it is published")
    else:
        waits = gettext("sent for the public, it awaits the Secretariat's review")
    return f"{words} — {waits}"


def receipt_context(event, viewer=None) -> dict:
    """What a receipt shows, with the letterhead of the active language."""
    since = published_since(event)
    return {
        "audience": audience(event),
        "publication_note": publication_note(event, published=bool(since)),
        "published_since": since,
        "event": event,
        "case": event.submission,
        "documents": receipt_documents(event, viewer),
        "letterhead": letterhead.for_language(translation.get_language()),
        "on_behalf": phrases.on_behalf_of(event.author),
    }


def render_receipt_document(event, language: str, viewer=None) -> tuple[str, str, bytes]:
    """The receipt as a Word document: (filename, content type, bytes), in ``language``."""
    with translation.override(language):
        context = receipt_context(event, viewer)
        doc = Docx()
        # Walk 24: the receipt said "generated by python-docx", 2013, and had no title.
        set_properties(
            doc,
            title=f"{gettext('Receipt')} — {event.submission.reference}",
            author=str(context["letterhead"]),
            on=timezone.localtime(event.recorded_at).date(),
        )
        set_language(doc, language)
        doc.add_paragraph(str(context["letterhead"]))
        doc.add_heading(gettext("Receipt"), level=1)
        doc.add_paragraph(
            gettext(
                "The Secretariat received “%(event)s” on case %(case)s, dated %(date)s, recorded "
                "at %(at)s by %(who)s %(on_behalf)s."
            )
            % {
                "event": event.kind_label,
                "case": event.submission.reference,
                "date": long_date(event.on),
                "at": long_datetime(timezone.localtime(event.recorded_at)),
                "who": event.recorded_by.signature if event.recorded_by else "—",
                "on_behalf": context["on_behalf"],
            }
        )
        doc.add_paragraph(
            gettext("This entry is visible to: %(audience)s.") % {"audience": context["audience"]}
        )
        if context["publication_note"]:
            doc.add_paragraph(context["publication_note"])
        if context["published_since"]:
            doc.add_paragraph(context["published_since"])
        for document in context["documents"]:
            doc.add_paragraph(
                gettext("Document: %(title)s (%(language)s; %(audience)s), SHA-256 %(hash)s")
                % {
                    "title": document.title,
                    "language": document.get_language_display(),
                    "audience": document.sent_as,
                    "hash": document.sha256 or "—",
                },
                style="List Bullet",
            )
        doc.add_paragraph(
            gettext("Entry %(seq)s of the case's history, hash %(hash)s.")
            % {"seq": event.seq, "hash": event.hash}
        )
        buffer = io.BytesIO()
        doc.save(buffer)
        # The file is named in its own language, as its title is ("recibo-…").
        stem = pgettext("a file name: lower case, no spaces or accents", "receipt")
    name = f"{stem}-{event.submission.reference.replace('/', '-')}-{event.seq}.docx"
    return (
        name,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        buffer.getvalue(),
    )
