"""Receipts for what a Party or a Council member recorded through the portal: the email and
the receipt document. Rendering only; the portal view decides when (after commit)."""

import io
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

log = logging.getLogger(__name__)


def receipt_context(event) -> dict:
    return {
        "event": event,
        "case": event.submission,
        "documents": list(event.documents.all()),
        "letterhead": settings.SEM_LETTERHEAD,
    }


def render_receipt_document(event, language: str) -> tuple[str, str, bytes]:
    """The receipt as a Word document: (filename, content type, bytes), in ``language``."""
    from docx import Document as Docx

    with translation.override(language):
        context = receipt_context(event)
        doc = Docx()
        doc.add_paragraph(str(context["letterhead"]))
        doc.add_heading(gettext("Receipt"), level=1)
        doc.add_paragraph(
            gettext(
                "The Secretariat received “%(event)s” on case %(case)s, dated %(date)s, recorded "
                "at %(at)s by %(who)s on behalf of %(author)s."
            )
            % {
                "event": event.kind_label,
                "case": event.submission.reference,
                "date": event.on.isoformat(),
                "at": event.recorded_at.isoformat(timespec="seconds"),
                "who": event.recorded_by.get_username() if event.recorded_by else "—",
                "author": event.get_author_display(),
            }
        )
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
    name = f"receipt-{event.submission.reference.replace('/', '-')}-{event.seq}.docx"
    return (
        name,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        buffer.getvalue(),
    )


def notices_cover(event, portal: str) -> bool:
    """Whether the notices outbox already tells the acting account about this event (the
    Party concerned hears of its own response from there): then no second email."""
    try:
        from notices import rules
    except ImportError:  # pragma: no cover - the notices app is part of the project
        return False
    if portal == "council":
        audiences = {rules.COUNCIL}
    else:
        audiences = {rules.FOCAL_POINTS}
        if event.author == f"party:{event.submission.party.code}":
            audiences.add(rules.PARTY_CONCERNED)
    return any(
        rule.audience in audiences
        for rule in rules.rules_for(event.kind, event.data.get("outcome"))
    )


def send_receipt(event, user, portal: str) -> None:
    """Email the receipt to the account that acted, in its preferred language, unless the
    notices outbox already does. Call it from ``transaction.on_commit`` (it sends at once)."""
    if not user.email or notices_cover(event, portal):
        return
    language = user.preferred_language or "en"
    with translation.override(language):
        context = receipt_context(event)
        context["url"] = settings.SEM_SITE_URL.rstrip("/") + reverse(
            f"{portal}_receipt", kwargs={"pk": event.submission_id, "seq": event.seq}
        )
        subject = gettext("Receipt: %(event)s — %(case)s") % {
            "event": event.kind_label,
            "case": event.submission.reference,
        }
        text = render_to_string("portals/email/receipt.txt", context)
        html = render_to_string("portals/email/receipt.html", context)
    message = EmailMultiAlternatives(subject, text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()
    log.info("receipt sent for event %s to user %s", event.pk, user.pk)
