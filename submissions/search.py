"""Search, filters and sorting of the public docket: one form for the page, the API and the CSV,
so that a shared URL's parameters (``?q=…&party=PE``) mean the same everywhere.

On PostgreSQL the text search is full-text, in English and in Spanish (each language's fields
with its own configuration), accent-insensitive through ``unaccent``, and served by the GIN
indexes of migration 0006 (the expressions below are the indexed ones, character for
character). On SQLite (the quick start) each word of the text must be found, as a substring,
without regard to accents or case: both sides are folded by ``fold``, which each SQLite
connection knows as ``sem_fold`` ("CONTAMINACION RIO" finds "Contaminación del río"). Only
what the public gate lets through is searched: public cases, and the titles of public
documents.
"""

import re

from django import forms
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
from django.db.models.lookups import Contains
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from submissions import access, profiles, withheld
from submissions.models import PARTY_CHOICES as PARTIES
from submissions.models import (
    PARTY_CODES,
    Document,
    EnvironmentalLaw,
    Submission,
    SubmissionLaw,
    SubmissionSubmitter,
)
from submissions.stages import Stage
from submissions.texts import TOO_LONG
from submissions.withheld import fold

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FIRST_YEAR = 1990
LAST_YEAR = 2200

SORTS = {
    "newest": ("-filed_on", "-id"),
    "updated": ("-last_public_on", "-id"),
}

STATUS_CHOICES = [
    ("", _("Any status")),
    ("open", pgettext_lazy("case status", "Open")),
    ("closed", pgettext_lazy("case status", "Closed")),
]
PARTY_CHOICES = [("", _("Any Party")), *PARTIES]
SORT_CHOICES = [("newest", _("Newest filed first")), ("updated", _("Last updated first"))]


class TextParameter(forms.CharField):
    """Free text from a URL. NUL characters carry no meaning in a search and PostgreSQL refuses
    them, so they are dropped rather than refused (any string is a valid parameter)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [
            MaxLengthValidator(v.limit_value, message=TOO_LONG)
            if type(v) is MaxLengthValidator
            else v
            for v in self.validators
            if not isinstance(v, ProhibitNullCharactersValidator)
        ]

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class DisclosedRadioSelect(forms.RadioSelect):
    """Choices that are sentences (the stages): radio buttons, which wrap, folded under a
    summary naming the choice (``templates/forms/_disclosed_choices.html``). A select cut the
    chosen stage short on a phone (walk 25: 496 px of text in 320)."""


class DocketFilterForm(forms.Form):
    """The docket's parameters. Every field is optional; ``page`` and ``sort`` have defaults."""

    q = TextParameter(label=_("Search"), required=False, max_length=200, strip=True)
    party = forms.ChoiceField(label=_("Party concerned"), choices=PARTY_CHOICES, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[("", _("Any stage")), *Stage.choices],
        required=False,
        widget=DisclosedRadioSelect,
    )
    year = forms.IntegerField(
        label=_("Year filed"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    law = TextParameter(
        label=_("Environmental law"),
        required=False,
        max_length=200,
        strip=True,
        help_text=lazy(
            lambda: (
                _("Part of the law's name or number, for example %(example)s.")
                % {"example": profiles.installed().law_example}
            ),
            str,
        )(),
        widget=forms.TextInput(attrs={"aria-describedby": "law-help"}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=100000)

    # What the OpenAPI schema and the docs say about each parameter.
    DESCRIPTIONS = {
        "q": "Search text: titles, summaries, environmental laws, public document titles and "
        f"public submitters' names, in {profiles.language_list('en')} (without regard to "
        "accents or case); a case's identifier or address, a public entry's or document's code, "
        "or a Party's name.",
        "party": "Party concerned: " + " or ".join(PARTY_CODES) + ".",
        "status": "open or closed.",
        "stage": "The stage, by its registry-format name.",
        "year": "Year filed.",
        "law": "Part of an environmental law's name or number.",
        "sort": "newest (filing date, default) or updated (last update).",
        "page": "Page number, from 1.",
    }

    def apply(self, queryset):
        """The filtered, searched and sorted queryset (call after ``is_valid()``)."""
        data = self.cleaned_data
        if data.get("q"):
            queryset = search(queryset, data["q"])
        if data.get("party"):
            queryset = queryset.filter(party__code=data["party"])
        if data.get("status") == "open":
            queryset = queryset.exclude(stage=Stage.CLOSED)
        elif data.get("status") == "closed":
            queryset = queryset.filter(stage=Stage.CLOSED)
        if data.get("stage"):
            queryset = queryset.filter(stage=data["stage"])
        if data.get("year") and data.get("sort") == "updated":
            # As migrations 0012 and 0015 index it (EXTRACT(YEAR …), then the last update): Django
            # writes ``filed_on__year`` as a date range, which only the newest order's index
            # reads in order.
            queryset = queryset.alias(filed_year=ExtractYear("filed_on")).filter(
                filed_year__in=[data["year"]]
            )
        elif data.get("year"):
            queryset = queryset.filter(filed_on__year=data["year"])
        if data.get("law"):
            matching = SubmissionLaw.objects.filter(law__name__icontains=data["law"]) | (
                SubmissionLaw.objects.filter(law__provisions__icontains=data["law"])
            )
            queryset = queryset.filter(pk__in=matching.values("submission_id"))
        return queryset.order_by(*SORTS[data.get("sort") or "newest"])

    def active_filters(self) -> dict:
        """The non-empty parameters except the page (for links to other pages and exports)."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key != "page" and value not in (None, "")
        }


def docket_queryset(params):
    """(form, queryset) for the given GET parameters; the queryset is None when they are
    invalid. Starts from the public gate."""
    form = DocketFilterForm(params)
    if not form.is_valid():
        return form, None
    return form, form.apply(access.public_submissions())


# --- Text search ---------------------------------------------------------------------------------

# The text-search configuration of each working language, and the case's stored vector in it
# (migrations 0006 and 0014); a search looks in the profile's languages only.
CONFIG_OF = {"en": "english", "es": "spanish", "fr": "french"}
STORED = {"english": "sem_search_en", "spanish": "sem_search_es", "french": "sem_search_fr"}
CONFIGS = tuple(CONFIG_OF[code] for code in profiles.installed().languages)


class _Vector(Func):
    """``to_tsvector('<config>'::regconfig, sem_unaccent(a || ' ' || b))``: the expression of
    migration 0006's indexes, with the columns qualified by whatever alias the query uses."""

    template = "to_tsvector('%(config)s'::regconfig, sem_unaccent(%(expressions)s))"
    arg_joiner = " || ' ' || "
    output_field = TextField()


class _Query(Func):
    template = "websearch_to_tsquery('%(config)s'::regconfig, sem_unaccent(%(expressions)s))"
    output_field = TextField()


class _Matches(Func):
    template = "(%(expressions)s)"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _match(config: str, text: str, *fields: str) -> _Matches:
    assert config in CONFIGS
    return _Matches(
        _Vector(*(F(f) for f in fields), config=config),
        _Query(Value(text), config=config),
    )


def _stored_match(config: str, text: str) -> RawSQL:
    """A case's stored vector (a generated column of migration 0006, unknown to the model): no
    other table the docket's queries join has a column of that name."""
    column = STORED[config]
    # The column and configuration come from the fixed tables above; the text is a parameter.
    return RawSQL(  # noqa: S611
        f"{column} @@ websearch_to_tsquery('{config}'::regconfig, sem_unaccent(%s))",
        [text],
        output_field=BooleanField(),
    )


def register_fold(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection ``sem_fold`` (``connection_created``; apps.py)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("sem_fold", 1, fold, deterministic=True)


class Folded(Func):
    function = "sem_fold"
    output_field = TextField()


def _folded_contains(*columns: str, word: str) -> Q:
    condition = Q()
    for column in columns:
        condition |= Q(Contains(Folded(F(column)), word))
    return condition


def search(queryset, text: str):
    """Cases whose titles, summaries, laws, public documents' titles or public submitters'
    names match ``text``; a case's own texts, documents and names do not match a word of the
    name of one of its submitters who withholds it (``_naming``). Text that is a case's
    address (``sem-pe-003-2026``) or a Party's name finds that case, or the Party's cases
    (``_named``)."""
    naming = _naming(text)
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, text, naming)
    # Every word, each anywhere (walk 27: "CONTAMINACION RIO" found nothing where the title
    # said "Contaminación del río", as a phrase would; PostgreSQL matches each word too).
    own = [
        f"{name}_{code}" for code in profiles.installed().languages for name in ("title", "summary")
    ]
    condition = Q()
    for word in _words(text):
        condition &= (
            _folded_contains("identifier", word=word)
            | Q(pk__in=_law_links(_folded_contains("name", "provisions", word=word)))
            | (
                (
                    _folded_contains(*own, word=word)
                    | Q(pk__in=_public_documents(_folded_contains("title", word=word)))
                    | Q(pk__in=_public_submitters(_folded_contains("submitter__name", word=word)))
                )
                & ~Q(pk__in=naming)
            )
        )
    return queryset.filter(condition | _named(text))


# Quotation marks around a word or a phrase: PostgreSQL's websearch_to_tsquery reads them as
# a phrase; SQLite's substring search looks for each word without them (walk 127: ``"Lacey"``
# found nothing where ``Lacey`` found the case).
QUOTES = "\"'“”‘’«»„"


def _words(text: str) -> list[str]:
    """The words of ``text``, folded, without the quotation marks around them."""
    return [word for word in (w.strip(QUOTES) for w in fold(text).split()) if word]


# Articles a reader may type before a Party's name ("the United States", "los Estados Unidos").
ARTICLES = {"the", "el", "la", "los", "las", "le", "les", "l'"}


def _named(text: str) -> Q:
    """Walk 69: ``?q=Perú`` found the two of Peru's four cases that name it in their texts,
    and ``?q=sem-pe-003-2026``, the case's address, found nothing. The whole text as a case's
    slug or a public entry's or document's code, or as a Party's name in any working language
    (accents, case and an article aside) or in short, finds that case or every case concerning
    the Party."""
    words = _words(text)
    typed = {" ".join(words)}
    if len(words) > 1 and words[0] in ARTICLES:
        typed.add(" ".join(words[1:]))
    # Or its name in short ("EE. UU.", "USA": walk 144 found nothing by them).
    compact = re.sub(r"[.\s]", "", " ".join(words))
    codes = [
        party.code
        for party in profiles.installed().parties
        if typed & {" ".join(fold(name).split()) for name in party.names.values()}
        or compact in party.short_names
    ]
    named = Q(slug=text.strip().lower()) if text.strip() else Q(pk__in=[])
    if len(text.split()) == 1 and re.search(r"\d", text):
        # A public entry's or document's code, as the timeline shows it and a citation writes it
        # ("SEM/PE/007/2024/D1": a reader citing a determination found nothing by it). Codes
        # are one word with a figure: only such a text reads the codes (no index serves them).
        code = Q(code__iexact=text.strip())
        events = Submission._meta.get_field("events").related_model.objects.filter(code)
        named |= Q(pk__in=access.public_events(events).order_by().values("submission_id"))
        named |= Q(pk__in=_public_documents(code))
    return named | Q(party__code__in=codes) if codes else named


def _public_submitters(condition):
    """The cases of the submitters whose names are public that ``condition`` matches (walk 51:
    a journalist searched for the organisation named on a case and found nothing)."""
    rows = SubmissionSubmitter.objects.filter(submitter__confidential=False).filter(condition)
    return rows.order_by().values("submission_id")


def _naming(text: str) -> list[int]:
    """The cases a search for ``text`` would find by the name of a submitter who withholds it,
    typed into a title (PROCESS.md: her name is on no public surface, search included):
    those where a word searched is a word of her name that the case's public texts, as the
    public reads them, do not write (walk 139: "Mantaro", a river in a case's title and a word
    of a withheld name, found nothing). A few queries, of the few withheld."""
    # Each run of letters, as ``words_of`` reads a name: a quoted or bracketed word
    # (``"Juan"``, PostgreSQL's phrase) is the word.
    searched = set(re.findall(r"\w+", fold(text)))
    if not searched:
        return []
    rows = list(
        SubmissionSubmitter.objects.filter(submitter__confidential=True).values_list(
            "submission_id", "submitter__name"
        )
    )
    if not rows:
        return []
    # Compared as the search matches them: on PostgreSQL by their stems too ("Quispes" found
    # the case whose title wrote "Quispe", a withheld name).
    stems = _stems(searched | withheld.words_of([name for _pk, name in rows]))
    searched = _stemmed(searched, stems)
    names: dict[int, list[str]] = {}
    for pk, name in rows:
        if searched & _stemmed(withheld.words_of([name]), stems):
            names.setdefault(pk, []).append(name)
    if not names:
        return []
    names = withheld.names_by_case(names)
    shown = _public_words(names)
    stems |= _stems(set().union(*shown.values()))
    return sorted(
        pk
        for pk in names
        if searched & (_stemmed(withheld.words_of(names[pk]), stems) - _stemmed(shown[pk], stems))
    )


def _stems(words: set[str]) -> dict[str, set[str]]:
    """Each of ``words`` (folded) with the lexemes PostgreSQL's full-text search reads it as,
    in each of the docket's configurations, in one query; on SQLite, which matches words as
    written, the word alone."""
    result = {word: {word} for word in words}
    if connection.vendor != "postgresql" or not words:
        return result
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, tsvector_to_array(to_tsvector(c::regconfig, w)) "
            "FROM unnest(%s::text[]) AS w, unnest(%s::text[]) AS c",
            [sorted(words), list(CONFIGS)],
        )
        for word, lexemes in cursor.fetchall():
            result[word].update(lexemes)
    return result


def _stemmed(words: set[str], stems: dict[str, set[str]]) -> set[str]:
    return set().union(*(stems.get(word, {word}) for word in words))


def _public_words(names: dict[int, list[str]]) -> dict[int, set[str]]:
    """The words (folded) of each case's title and summary, its public documents' titles, as
    the public reads them (``withheld.masked``), and its public submitters' names."""
    texts: dict[int, list[str]] = {pk: [] for pk in names}
    fields = [
        f"{f}_{code}" for code in profiles.installed().languages for f in ("title", "summary")
    ]
    for pk, *values in Submission.objects.filter(pk__in=list(names)).values_list("pk", *fields):
        texts[pk] += [withheld.masked(value, names[pk]) for value in values if value]
    documents = access.public_documents(Document.objects.filter(submission_id__in=list(names)))
    for pk, title in documents.values_list("submission_id", "title"):
        texts[pk].append(withheld.masked(title, names[pk]))
    public = SubmissionSubmitter.objects.filter(
        submission_id__in=list(names), submitter__confidential=False
    )
    for pk, name in public.values_list("submission_id", "submitter__name"):
        texts[pk].append(name)
    return {pk: set(re.findall(r"\w+", fold(" ".join(parts)))) for pk, parts in texts.items()}


def _law_links(condition):
    laws = EnvironmentalLaw.objects.filter(condition).values("pk")
    return SubmissionLaw.objects.filter(law__in=laws).order_by().values("submission_id")


def _public_documents(condition):
    documents = access.public_documents(Document.objects.filter(condition))
    return documents.order_by().values("submission_id")


def _postgres_search(queryset, text: str, naming: list[int]):
    """The case's own stored vectors and identifier are tested on the case row itself (cheap:
    the vectors are stored, so a scan reads them, and the docket's order index can stop after
    a page); laws and public document titles through one subquery whose branches each use
    their expression index."""
    laws = [_law_links(_match(c, text, "name", "provisions")) for c in CONFIGS]
    titles = [_public_documents(_match(c, text, "title")) for c in CONFIGS]
    titles += [_public_submitters(_match(CONFIGS[0], text, "submitter__name"))]
    if naming:
        titles = [branch.exclude(submission_id__in=naming) for branch in titles]
    first, *rest = (branch.order_by() for branch in laws + titles)
    # UNION ALL: the IN around it ignores duplicates, so there is nothing to de-duplicate.
    condition = Q(identifier__icontains=text) | Q(pk__in=first.union(*rest, all=True))
    own = Q()
    for config in CONFIGS:
        own |= Q(_stored_match(config, text))
    if naming:
        own &= ~Q(pk__in=naming)
    return queryset.filter(own | condition | _named(text))
