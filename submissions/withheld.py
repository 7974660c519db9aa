"""The names of submitters who withhold their identity, where a person typed them into a text
the public reads (PROCESS.md: the public sees "name withheld at the submitter's request" in
their place "on every surface").

The submitters' own lists already show the label. What this module finds is a name written
into a title or a note: a filing's title, an attachment's, an officer's. A text that is about
to be made public and names one of them is refused where it is written
(``workflow.services``); a text written before she withheld her name is shown with the label
in its place to whoever may not read it (``published.public_timeline``, the docket's documents,
the export; the case's own title and summary, ``mask_case``, on the docket, in the feeds, the
API, the portals, the emails to the Council and other Parties and the public formal
documents), and the docket's search does not find her case by her name (``search.search``).

A name is found whole, as words, whatever its case, accents or spacing ("ROSA  QUISPE
MAMANÍ" is "Rosa Quispe Mamani"); a part of it ("la Sra. Quispe") is not: that is left to the
Secretariat's redaction of an event's text, as before.
"""

import re
import unicodedata

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from submissions import profiles
from submissions.models import SubmissionSubmitter

WITHHELD_LABEL = _("Name withheld at the submitter's request")
# The same inside a sentence (walk 150: "La comunicación de Nombre reservado a solicitud de la
# persona interesada amerita …"), as the formal documents write it.
WITHHELD_IN_SENTENCE = _("a person whose name is withheld at their request")


def grouped(items, one: str, many: str) -> list[str]:
    """The names of ``items`` ((name, withheld) pairs, in order), the withheld ones as one
    item where the first of them stands: ``one`` for a single one, else ``many`` with its
    ``%(count)s``."""
    listed, at, count = [], None, 0
    for name, kept in items:
        if not kept:
            listed.append(name)
            continue
        count += 1
        if at is None:
            at = len(listed)
            listed.append("")
    if at is not None:
        listed[at] = one if count == 1 else many % {"count": count}
    return listed


def public_names(submitters) -> list[str]:
    """The names the public lists for ``submitters`` ((name, confidential) pairs, in order),
    the withheld ones as one item (walk 62: "Nombre reservado …; Nombre reservado …" where
    both filers withheld theirs)."""
    many = _("%(count)s names withheld at the submitters' request")
    return grouped(submitters, str(WITHHELD_LABEL), str(many))


# The particles of a name that, alone, say nothing of who she is (the search's words).
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "do", "dos", "van", "von"})


def _fold(text: str) -> tuple[str, list[int]]:
    """``text`` without case or accents, and for each of its characters the index of the
    character of ``text`` it came from (to put the label where the name stood)."""
    folded, origin = [], []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char.casefold()):
            if not unicodedata.combining(part):
                folded.append(part)
                origin.append(index)
    return "".join(folded), origin


def fold(value: str | None) -> str | None:
    """``value`` without case or accents ("Río" -> "rio"): also SQLite's ``sem_fold``, which
    the docket's search compares with (``search.register_fold``)."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pattern(names) -> re.Pattern | None:
    words = [fold(name).split() for name in names]
    alternatives = sorted(
        (r"\s+".join(re.escape(word) for word in name) for name in words if name),
        key=len,
        reverse=True,
    )
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def named_in(text: str, names) -> list[str]:
    """The ``names`` that ``text`` writes, whole."""
    folded = fold(text or "")
    return [name for name in names if (pattern := _pattern([name])) and pattern.search(folded)]


def in_sentence(text: str, names, language: str | None = None) -> str:
    """``text``, a sentence, with each of ``names`` as ``WITHHELD_IN_SENTENCE`` says it, in
    ``language``."""
    if not text or not names:
        return text
    with translation.override(language or translation.get_language()):
        return masked(text, names, language, label=str(WITHHELD_IN_SENTENCE))


def masked(text: str, names, language: str | None = None, label=None) -> str:
    """``text`` with each of ``names`` it writes in the withheld label's place: the label in
    ``language``, the text's own (walk 34: "Carta a Name withheld…" in a Spanish title read
    in English), else the active language's."""
    pattern = _pattern(names) if text else None
    if pattern is None:
        return text
    folded, origin = _fold(text)
    if label is None:
        with translation.override(language or translation.get_language()):
            label = str(WITHHELD_LABEL)
    parts, last = [], 0
    for match in pattern.finditer(folded):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        parts.append(text[last:start])
        parts.append(label)
        last = end
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


def words_of(names) -> set[str]:
    """The words that, searched for, would point at one of ``names`` (folded; not the
    particles nor a single letter)."""
    return {
        word
        for name in names
        for word in re.findall(r"\w+", fold(name))
        if len(word) > 1 and word not in PARTICLES
    }


def parts_named_in(text: str, names) -> list[str]:
    """The words of ``names`` (not the particles, nor a single letter) that ``text`` writes
    outside a whole name, as the name writes them: "Xicará" in "el señor Xicará" of
    "Baltasar Xicará Tzul" (walk 89: the public read it). A part of a name may be anyone's,
    so it is not masked: the Secretariat is told, and decides."""
    if not text or not names:
        return []
    folded = fold(text)
    pattern = _pattern(names)
    if pattern is not None:
        folded = pattern.sub(" ", folded)
    written = {fold(word): word for name in names for word in re.findall(r"\w+", name)}
    found = set(re.findall(r"\w+", folded)) & words_of(names)
    return sorted(written[word] for word in found)


def names_by_case(submission_ids) -> dict[int, list[str]]:
    """The withheld names of each of these cases: one query."""
    names: dict[int, list[str]] = {pk: [] for pk in submission_ids}
    for pk, name in SubmissionSubmitter.objects.filter(
        submission_id__in=list(names), submitter__confidential=True
    ).values_list("submission_id", "submitter__name"):
        names[pk].append(name)
    return names


def names_of(submission) -> list[str]:
    """The withheld names of one case: from its memberships where the caller prefetched them
    with their submitters (the docket's case page, the feeds), else one query."""
    cache = getattr(submission, "_prefetched_objects_cache", {})
    if "memberships" in cache:
        return [m.submitter.name for m in cache["memberships"] if m.submitter.confidential]
    return names_by_case([submission.pk])[submission.pk]


def mask_case(case, names) -> None:
    """``case``'s title and summary, in each working language, with the label (in that
    language) in place of a withheld name they write: for a reader who may not see it (the
    public, another Party, the Council). This instance only: nothing is saved, and a text a
    list did not load (``only``) is not read."""
    if not names:
        return
    deferred = case.get_deferred_fields()
    for code in profiles.installed().languages:
        for field in ("title", "summary"):
            attribute = f"{field}_{code}"
            if attribute not in deferred:
                setattr(case, attribute, masked(getattr(case, attribute), names, code))


def mask_cases(cases) -> None:
    """``mask_case`` for each of ``cases``, with their withheld names read in one query (none
    when their memberships were prefetched with their submitters)."""
    cases = list(cases)
    if all("memberships" in getattr(c, "_prefetched_objects_cache", {}) for c in cases):
        names = {case.pk: names_of(case) for case in cases}
    else:
        names = names_by_case([case.pk for case in cases])
    for case in cases:
        mask_case(case, names[case.pk])
