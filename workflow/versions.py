"""A document's translations follow it when it is withheld (walk 113: a letter withdrawn from
the public stayed readable there through its Spanish translation, on the docket, the feed and
the API).

A decision that narrows a document (``visibility_changed`` with ``document``, to a narrower
level) narrows with it each translation of it, and each translation of those, that is wider
than the new level; the event names them (``translations``: ``[event index, position]`` each)
so that the effect, the chain's replay and an import read the same list. A redacted version,
which leaves out what was withheld, keeps its own level: it is what is published in a
document's place. Widening a document widens nothing else (its translations are decided on
one by one, as they were added: no wider than the document then was)."""

from django.utils.translation import gettext as _

from submissions.models import Document
from submissions.stages import widens
from workflow.exceptions import RuleViolation

KEY = "translations"


def _translations(documents, original_id) -> list:
    """The rows of ``documents`` that translate ``original_id``, or one of its translations."""
    found, rows = {original_id}, []
    while True:
        more = [d for d in documents if d.translation_of_id in found and d.pk not in found]
        if not more:
            return rows
        rows += more
        found |= {d.pk for d in more}


def mark(submission, data: dict) -> None:
    """Name in ``data`` the translations a live narrowing of a document narrows with it (none:
    the key left out)."""
    data.pop(KEY, None)
    ref, to = data.get("document"), data.get("to")
    if not (isinstance(ref, list) and len(ref) == 2 and widens(data.get("from"), to)):
        return
    documents = list(
        Document.objects.filter(submission=submission)
        .select_related("event")
        .only("pk", "translation_of_id", "visibility", "position", "event__seq")
    )
    target = next(
        (d for d in documents if [d.event.seq - 1, d.position] == ref),
        None,
    )
    if target is None:
        return  # the guard says so
    wider = [d for d in _translations(documents, target.pk) if widens(d.visibility, to)]
    if wider:
        data[KEY] = sorted([d.event.seq - 1, d.position] for d in wider)


def _translates(row, target) -> bool:
    """Whether ``row`` translates ``target``, or one of its translations (stored rows, or an
    import's rows not inserted yet, linked by object)."""
    for _step in range(10):  # links go to earlier documents; the bound guards a bad history
        row = row.translation_of
        if row is None:
            return False
        if row is target or (row.pk is not None and row.pk == target.pk):
            return True
    return False


def check(ctx) -> None:
    """Each document an event names in ``translations`` is a translation of its document (or
    of one of its translations), wider than the new level (an import's file, say)."""
    listed = ctx.data.get(KEY)
    if listed is None:
        return
    refused = RuleViolation(_("Only a document's own translations are withheld with it."), rule=KEY)
    target = ctx.document_at(*ctx.data["document"]) if "document" in ctx.data else None
    if target is None or not isinstance(listed, list) or not listed:
        raise refused
    for ref in listed:
        ok = isinstance(ref, list) and len(ref) == 2 and all(type(i) is int for i in ref)
        row = ctx.document_at(*ref) if ok else None
        if (
            row is None
            or not _translates(row, target)
            or not widens(row.visibility, ctx.data["to"])
        ):
            raise refused
