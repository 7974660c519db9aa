"""How a case's entries read in a portal: a withheld name typed into them masked, a Party's
own declarations spelled out, and what was sent through this portal, or by anyone for the
public, marked as such. Instances of the page only: nothing is saved."""

from django.urls import reverse
from django.utils.translation import gettext as _

from submissions import published, withheld
from submissions.access import Audience
from submissions.stages import Visibility
from workflow.audiences import access_for
from workflow.describe import CaseText, describe


def mask_withheld(case, events, names) -> None:
    """A withheld name typed into an entry's title or note, or a document's title, read with
    the label by a viewer who may not see it (walk 35: another Party's focal point and the
    Council read "Carta a Rosa Quispe Mamaní" where the list of submitters showed the label;
    the case's own texts: ``_portal_case``). A note is a sentence: it says the name as the
    docket's does, "una persona cuyo nombre se reserva a su solicitud" (walk 157: "las
    aseveraciones de Nombre reservado a solicitud de la persona interesada sobre …" in the
    Council's portal). Instances of this page only: nothing is saved."""
    if not names:
        return
    for event in events:
        event.title = withheld.masked(event.title, names, case.language)
        event.note = withheld.in_sentence(event.note, names, case.language)
        for document in event.documents.all():
            document.title = withheld.masked(document.title, names, document.language)


# The kinds whose data are a Party's own words (its Art. 18.8.5 declaration and information):
# walk 42 found neither the Party nor the Council could read them in the portals, though the
# public could once the Secretariat published the response.
WORDED = ("party_responded", "party_information_added")


def words(case, events, names) -> None:
    """Each entry of ``WORDED`` gets its details (``describe``), a withheld name in them read
    as a sentence says it by a viewer who may not see it (``names``: those, else empty)."""
    for event in events:
        if event.kind in WORDED:
            event.details = [
                (label, CaseText(withheld.in_sentence(value, names, case.language)))
                if isinstance(value, CaseText) and names
                else (label, value)
                for label, value in describe(event)
            ]


def mark_sent(case, events, own: str, party_id, portal: str) -> None:
    """Each event this Party (or its member: ``own`` author, ``party_id``) sent through this
    portal says so, who sees it, and links its receipt (walk 40: its history named neither,
    and no past receipt was reachable but from the email): ``sent_here``, ``receipt_url``.
    Each one sent for the public, its own or another's (walk 109: the Council read a Party's
    comments sent for the public as if for the Parties alone), says whether it still awaits
    the Secretariat's review (``awaiting_review``) or the Secretariat has published it
    (``published_later``), and so does each of its documents sent for the public."""
    sent = [
        e
        for e in events
        if e.author == own and e.recorded_by is not None and e.recorded_by.party_id == party_id
    ]
    requested = [e for e in events if (e.data or {}).get("publish_requested")]
    shown = published.public_text(case.events.order_by("seq")) if requested else {}
    for event in sent:
        event.sent_here = True
        event.receipt_url = reverse(f"{portal}_receipt", kwargs={"pk": case.pk, "seq": event.seq})
    for event in requested:
        # Each document sent for the public says it waits (walk 42: they read "Secretariat,
        # Parties and Council" only, as if sent to them alone).
        for_public = set(event.data.get("for_public") or ())
        for document in event.documents.all():
            sent_public = document.position in for_public
            document.awaiting_review = sent_public and document.visibility != Visibility.PUBLIC
            document.published_later = sent_public and document.visibility == Visibility.PUBLIC
        state = shown.get(event.seq)  # its words, or a document of it, public yet
        event.published_later = state is not None and (
            published.OPENED in state or "note" not in state
        )
        event.awaiting_review = not event.published_later


def not_reached_yet(case) -> str:
    """For the Party concerned, who does not see its case yet (workflow.audiences): the
    Council until it is notified, the other Parties until the draft factual record is
    submitted (walk 114: Guatemala's response "for the Secretariat, the Parties and the
    Council" while neither Honduras nor the Council could open the case). Empty once both
    do."""
    opened = access_for(case.events.only("kind", "data").order_by("seq"))
    if Audience.PARTIES_AND_COUNCIL in opened:
        return ""
    if not case.is_open:  # walk 142: "the Council does once …" on a withdrawn case
        if Audience.COUNCIL in opened:
            return _("The case is closed: the other Parties do not see it, and will not.")
        return _(
            "The case is closed: the Council and the other Parties do not see it, and will not."
        )
    # Of the governments and the Council alone: the public docket shows the case (walk 120:
    # "only the Secretariat and your Party see this case" on a case on the docket).
    if Audience.COUNCIL in opened:
        return _(
            "The other Parties do not see this case yet: they do once the draft factual record "
            "is submitted. What you send for the Parties and the Council reaches the Council "
            "now, and them then."
        )
    return _(
        "The Council and the other Parties do not see this case yet: the Council does once "
        "the Secretariat notifies it of its determination on a factual record, the other "
        "Parties once the draft factual record is submitted. What you send for the Parties "
        "and the Council reaches each of them then."
    )
