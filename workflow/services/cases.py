"""Secretariat edits to a case that are not steps of the treaty process: linking related
submissions, the public texts, and later versions (translations, redacted copies) of a
document already on file.

Each is a plain function taking the acting user, in one transaction. Links and new documents
are recorded as `correspondence` events (legal in any stage, REGISTRY-FORMAT.md), so they sit
in the hash chain and travel with a restricted export. The public texts are fields of the case
row, whose history (simple-history) records who changed them, when and why; each change is
also a Secretariat-only `correspondence` event carrying every text as it now reads
(``{"texts": {"title_en": …}}``), so the chain check can tell a row changed behind its back.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from submissions import profiles, withheld
from submissions.history import acting_user
from submissions.models import Document, Submission
from submissions.stages import Visibility
from submissions.storage import DocumentInput
from workflow.actors import Actor
from workflow.exceptions import InvalidInput, NotAllowed
from workflow.models import Event
from workflow.services.filing import refuse_withheld_names
from workflow.services.recording import record_event


def _require_secretariat(actor) -> Actor:
    actor = Actor.of(actor)
    if not actor.is_secretariat_user:
        raise NotAllowed()
    return actor


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Give a reason."), rule="reason")
    return reason


def _lock_both(submission, other) -> tuple[Submission, Submission]:
    if other is None or submission.pk == other.pk:
        raise InvalidInput(_("Choose another case."), rule="related")
    # Lock in key order, so that two officers linking the same pair cannot deadlock.
    locked = {
        row.pk: row
        for row in Submission.objects.select_for_update()
        .filter(pk__in=[submission.pk, other.pk])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise InvalidInput(_("Choose another case."), rule="related")
    return locked[submission.pk], locked[other.pk]


def _record_link(case, other, link: str, actor: Actor, reason: str) -> Event:
    # A code and the other case's reference, no sentence: the chain must not depend on the
    # officer's interface language, and each page words it in its reader's (workflow.describe).
    return record_event(
        case,
        "correspondence",
        actor=actor,
        data={"link": link, "other": other.reference},
        note=reason,
        visibility=Visibility.SECRETARIAT,
    )


def link_related(submission, other, *, actor, reason: str) -> None:
    """Link two related submissions (Art. 18.8.4(b): submissions considered in combination).
    The link is symmetrical; each case records a Secretariat-only event naming the other."""
    actor = _require_secretariat(actor)
    reason = _require_reason(reason)
    with transaction.atomic(), acting_user(actor.user):
        case, other = _lock_both(submission, other)
        if case.related.filter(pk=other.pk).exists():
            raise InvalidInput(_("These cases are already linked."), rule="related")
        case.related.add(other)
        _record_link(case, other, "linked", actor, reason)
        _record_link(other, case, "linked", actor, reason)


def unlink_related(submission, other, *, actor, reason: str) -> None:
    """Remove the link between two submissions; each case records it, naming the other."""
    actor = _require_secretariat(actor)
    reason = _require_reason(reason)
    with transaction.atomic(), acting_user(actor.user):
        case, other = _lock_both(submission, other)
        if not case.related.filter(pk=other.pk).exists():
            raise InvalidInput(_("These cases are not linked."), rule="related")
        case.related.remove(other)
        _record_link(case, other, "unlinked", actor, reason)
        _record_link(other, case, "unlinked", actor, reason)


def set_public_texts(submission, *, actor, reason: str, **texts: str) -> Submission:
    """Set the title and summary the public reads: ``title_<language>`` and
    ``summary_<language>`` for the profile's working languages (one not given stays as it
    is). What the submitters wrote (facts and the rest) is theirs and stays as filed. The row
    history records who changed the texts, when and why, and a Secretariat-only event puts the
    texts as they now read in the chain (nothing is recorded when nothing changed)."""
    actor = _require_secretariat(actor)
    reason = _require_reason(reason)
    languages = profiles.installed().languages
    names = {f"{field}_{code}" for field in ("title", "summary") for code in languages}
    if set(texts) - names:
        raise InvalidInput(
            _("A title or summary is kept in the working languages only: %(languages)s.")
            % {"languages": ", ".join(languages)},
            rule="text language",
        )
    texts = {name: value.strip() for name, value in texts.items()}
    with transaction.atomic(), acting_user(actor.user):
        case = Submission.objects.select_for_update().get(pk=submission.pk)
        changed = [name for name, value in texts.items() if getattr(case, name) != value]
        for name, value in texts.items():
            setattr(case, name, value)
        if not any(getattr(case, f"title_{code}") for code in languages):
            raise InvalidInput(_("Give the title in at least one language."), rule="title")
        if not changed:
            return case
        refuse_withheld_names(
            [(name.split("_")[0], getattr(case, name)) for name in changed],
            withheld.names_of(case),
            by_submitter=False,
        )
        case._change_reason = reason
        case.save(update_fields=changed)
        record_event(
            case,
            "correspondence",
            actor=actor,
            data={"texts": {name: getattr(case, name) for name in sorted(names)}},
            note=reason,
            visibility=Visibility.SECRETARIAT,
        )
    return case


def _version_heading(submission, document: Document, translation: bool) -> str:
    """The entry's title, in the case's language as the pages mark an entry's words (walk 97:
    the version's English title stood as the entry's, marked Spanish): what it adds, naming
    the original by its code, never by its title (a redacted version's original may name a
    person the public must not read)."""
    with override(submission.language):
        if document.code:
            text = (
                _("Translation of %(code)s") if translation else _("Redacted version of %(code)s")
            )
            return text % {"code": document.code}
        return (
            _("Translation of a document") if translation else _("Redacted version of a document")
        )


def add_document_version(
    submission,
    *,
    actor,
    document: Document,
    file,
    language: str,
    title: str,
    translation: bool = False,
    redacted: bool = False,
    official: bool = False,
    visibility: str,
    reason: str,
    expected_event_count: int | None = None,
) -> Event:
    """Add a translation (official or not) or a redacted version of a document recorded by an
    earlier event. One `correspondence` event carries the new document, linked to the earlier
    one; the earlier file is never changed or removed."""
    actor = _require_secretariat(actor)
    reason = _require_reason(reason)
    if translation == redacted:
        raise InvalidInput(
            _("Choose whether this is a translation or a redacted version."), rule="version"
        )
    if document is None or document.submission_id != submission.pk:
        raise InvalidInput(_("Choose a document of this case."), rule="document")
    if translation and language == document.language:
        raise InvalidInput(
            _("A translation is in the other language than the original."), rule="language"
        )
    if file is None:
        raise InvalidInput(_("Attach the file."), rule="file")
    new = DocumentInput(
        title=title,
        language=language,
        file=file,
        visibility=visibility,
        kind=document.kind,
        translation_of=document if translation else None,
        official_translation=bool(translation and official),
        redacted_version_of=document if redacted else None,
    )
    return record_event(
        submission,
        "correspondence",
        actor=actor,
        title=_version_heading(submission, document, translation),
        note=reason,
        # The event is seen by whoever may see its document (a redacted version is public).
        visibility=visibility,
        documents_in=[new],
        expected_event_count=expected_event_count,
    )
