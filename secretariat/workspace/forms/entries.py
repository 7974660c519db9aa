"""The visibility form's entries: what the public reads of each entry's own text now, and
whether a decision on it would change that (``visibility.VisibilityForm``)."""

from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secretariat.templatetags.sem_text import colon
from submissions import published, withheld
from submissions.stages import Visibility

# The visibility form's tick that publishes an entry's documents sent for the public with it.
WITH_DOCUMENTS = _("With the documents sent for the public with it")
# What the public reads of an entry's own text now, as the visibility form lists it.
PART_NAMES = {"title": _("title"), "note": _("note"), published.REASONS: _("reasons")}


def _written(event) -> dict[str, bool]:
    """Which parts of an entry's own text have words: its title, its note (with the words its
    author sent beside it, ``published.TEXT_DATA``), a decision's reasons."""
    data = event.data or {}
    return {
        "title": bool(event.title),
        "note": bool(event.note) or published.words_beside_note(data),
        published.REASONS: published.has_reasons(data),
    }


def changes(event, withheld, fields, to) -> bool:
    """Whether publishing (``to`` public) or withholding ``fields`` of an entry changes what
    the public reads, ``withheld`` being ``published.public_text``'s answer for it (walk 96:
    its title ticked, empty and so never shown, a response's text stayed held while the
    decision would have published its document alone)."""
    written = _written(event)
    if to == Visibility.PUBLIC:
        if withheld is None:
            return True  # the entry itself reaches the docket
        hidden = set(published.WITHHOLDABLE) if published.OPENED in withheld else withheld
        return any(name in hidden and written[name] for name in fields)
    if withheld is None or published.OPENED in withheld:
        return False
    return any(name not in withheld and written[name] for name in fields)


def refused(event, withheld, data) -> str:
    """Why the visibility form's choice for an entry's text (``data``: its cleaned data) is
    refused, or "" where it changes what the public reads."""
    if changes(event, withheld, data["fields_of_text"], data["to"]):
        return ""
    left = not data.get("with_documents") and documents_held(event)
    return unchanged(event, withheld, data["to"], left)


def unchanged(event, withheld, to, documents_left=False) -> str:
    """Why a choice that changes nothing the public reads is refused, with what the public
    reads now, or what is still to publish (walk 148: "Title" ticked beside a response whose
    title was public and its note held); ``documents_left``: documents sent for the public
    are held too, and not chosen (walk 149)."""
    held = still_held(event, withheld)
    if to == Visibility.PUBLIC and held:
        said = gettext(
            "Nothing to publish in what you ticked: the public already reads it. Tick what it "
            "does not read yet: %(parts)s."
        ) % {"parts": held}
        if documents_left:
            said += " " + gettext(
                "Its documents sent for the public are held too: tick “%(tick)s” to publish "
                "them in the same decision."
            ) % {"tick": WITH_DOCUMENTS}
        return said
    state = {"state": public_now(event, withheld)}
    if to == Visibility.PUBLIC:
        return (
            gettext(
                "Nothing to publish: the public already reads what you ticked, or it has no words "
                "(now: %(state)s)."
            )
            % state
        )
    return (
        gettext(
            "Nothing to withhold: the public does not read what you ticked, or it has no words "
            "(now: %(state)s)."
        )
        % state
    )


def withheld_notice(submission) -> str:
    """What the visibility form says on a case with a withheld name (walk 150: a Party's
    response whose file named the submitter was published; no file's text is read here)."""
    if not withheld.names_of(submission):
        return ""
    return gettext(
        "A submitter of this case withholds their name from the public, and the text of a file "
        "is not checked for it: read each document before making it public. If one names them, "
        "publish a redacted version in its place (“%(form)s”)."
    ) % {"form": gettext("Add a translation or a redacted version")}


def documents_held(event) -> bool:
    """Whether documents the entry's author sent for the public are not public yet."""
    positions = set(published.sent_for_public(event.data)[1])
    return any(
        d.position in positions and d.visibility != Visibility.PUBLIC for d in event.documents.all()
    )


def held_parts(event, withheld) -> list[str]:
    """What the form opened from an item held for review ticks: its title and note where they
    have words the public does not read (walk 98: the title was ticked beside a note held
    alone, and the decision read "title, note"); both where neither has words."""
    written = _written(event)
    opened = withheld is None or published.OPENED in withheld
    hidden = set(published.TEXT_FIELDS) if opened else withheld
    parts = [name for name in published.TEXT_FIELDS if name in hidden and written[name]]
    return parts or list(published.TEXT_FIELDS)


def public_now(event, withheld) -> str:
    """``published.public_text``'s answer for one entry, in words, naming the parts withheld
    that have words (walk 95: entries already public were listed as if still to be
    published)."""
    if withheld is None:
        return gettext("not public")
    if published.OPENED in withheld:
        return gettext("only its documents public")
    parts = still_held(event, withheld)
    if not parts:
        return gettext("public")
    return gettext("public but for: %(parts)s") % {"parts": parts}


def still_held(event, withheld) -> str:
    """The parts of an entry's text with words the public does not read, in words ("" where
    none): what the form can still publish of it."""
    written = _written(event)
    opened = withheld is None or published.OPENED in withheld
    hidden = set(PART_NAMES) if opened else withheld
    return ", ".join(
        str(name) for key, name in PART_NAMES.items() if key in hidden and written[key]
    )


def entry_label(event, withheld) -> str:
    """An entry as the visibility form lists it: its number, kind, author where it is not the
    Secretariat (walk 59: two Parties' comments read alike), the start of its words, and what
    the public reads of it now (as the documents' list says of each document)."""
    label = f"{event.seq}. {event.kind_label}"
    if event.author != "secretariat":
        label += f" ({event.get_author_display()})"
    # A long note ends at a word, marked cut (walk 97: "…dentro del plazo de (ahora: …)").
    text = event.title or Truncator(event.note).words(10)
    label = f"{label}{colon()} {text}" if text else label
    return gettext("%(item)s (now: %(state)s)") % {
        "item": label,
        "state": public_now(event, withheld),
    }
