"""Receipts for what a Party or a Council member recorded through a portal: the page's and the
email's context, and the receipt document. Rendering only: the email is an outbox row
(``notices.outbox.queue_portal_receipt``)."""

import io

from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from docx import Document as Docx

from notices import letterhead, phrases
from notices.documents import set_language
from submissions import access
from submissions.dates import long_date, long_datetime


def receipt_documents(event, viewer=None) -> list:
    """The event's documents that the receipt's reader may see: the Party's (or the Council
    member's) audience by the access module's rule, never more. An event recorded in a Party's
    name may carry a document kept from it (a confidential annex, a Secretariat-only note):
    its title, visibility and hash stay out of that Party's receipt. ``viewer`` defaults to
    the account that recorded the event (the one the receipt is emailed to)."""
    levels = access.visible_levels(viewer or event.recorded_by, event.submission)
    return list(access.visible_documents(event.documents.all(), levels))


def publication_note(event) -> str:
    """What a receipt says of a post sent for the public (``publish_requested``): it waits for
    the Secretariat (portals.views.held_for_review), and the sender should know it does."""
    if not (event.data or {}).get("publish_requested"):
        return ""
    return gettext(
        "What you sent for the public waits for the Secretariat's review: until the Secretariat "
        "publishes it, only the Secretariat, the Parties and the Council see it."
    )


def receipt_context(event, viewer=None) -> dict:
    """What a receipt shows, with the letterhead of the active language."""
    return {
        "publication_note": publication_note(event),
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
                "who": event.recorded_by.get_username() if event.recorded_by else "—",
                "on_behalf": context["on_behalf"],
            }
        )
        if context["publication_note"]:
            doc.add_paragraph(context["publication_note"])
        for document in context["documents"]:
            doc.add_paragraph(
                gettext("Document: %(title)s (%(language)s), SHA-256 %(hash)s")
                % {
                    "title": document.title,
                    "language": document.get_language_display(),
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
