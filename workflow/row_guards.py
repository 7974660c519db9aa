"""Guards on the facts an event records about the case's row, which the history check then
compares with the row (``workflow.chain_problems.row_problems``): the public texts the
Secretariat sets, a filing's digest of its texts and its Party, an acknowledgement's
identifier. Each is optional in the table (docs/registry-extensions.md): a history imported
without it is not checked."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from submissions import profiles
from workflow.exceptions import RuleViolation


def texts_well_formed(ctx):
    """The public texts a `correspondence` records (``{"texts": {"title_en": …}}``): the
    Secretariat's, each a title or summary in a working language, a title in one at least."""
    if "texts" not in ctx.data:
        return
    texts, languages = ctx.data["texts"], profiles.installed().languages
    names = {f"{field}_{code}" for field in ("title", "summary") for code in languages}
    if (
        ctx.author != "secretariat"
        or not isinstance(texts, dict)
        or set(texts) - names
        or not all(isinstance(value, str) for value in texts.values())
        or not any(texts.get(f"title_{code}") for code in languages)
    ):
        message = _(
            "The public texts are the Secretariat's: a title in at least one working "
            "language and, for each language, a title and a summary as text."
        )
        raise RuleViolation(message, rule="texts")


DIGESTS = {
    "texts_sha256": (
        "texts",
        gettext_lazy("A filing's digest of its texts is a SHA-256 in hexadecimal."),
    ),
    "laws_sha256": (
        "laws",
        gettext_lazy("A filing's digest of its laws is a SHA-256 in hexadecimal."),
    ),
    "submitters_sha256": (
        "submitters",
        gettext_lazy("A filing's digest of its submitters is a SHA-256 in hexadecimal."),
    ),
}


def digests_well_formed(ctx):
    """A filing's digests (``texts_sha256``, ``laws_sha256``, ``submitters_sha256``): each a
    SHA-256 in hexadecimal (lower case), when given."""
    for key, (rule, message) in DIGESTS.items():
        digest = ctx.data.get(key)
        if digest is not None and not (
            isinstance(digest, str) and len(digest) == 64 and set(digest) <= set("0123456789abcdef")
        ):
            raise RuleViolation(str(message), rule=rule)


def party_is_the_cases(ctx):
    """A filing's ``party``: the code of the Party the case concerns, when given (a case filed
    here records it; an import's must be the file's own Party)."""
    party = ctx.data.get("party")
    if party is not None and party != ctx.submission.party.code:
        raise RuleViolation(
            _("A filing records the Party the case concerns: %(code)s.")
            % {"code": ctx.submission.party.code},
            rule="party",
        )


def identifier_is_the_cases(ctx):
    """An acknowledgement's ``identifier``: the system assigns it as it registers the case
    (``effects._acknowledged``); an import may carry it, and it must be the file's own."""
    identifier = ctx.data.get("identifier")
    if identifier is None:
        return
    if not ctx.importing or identifier != ctx.submission.imported_identifier:
        raise RuleViolation(
            _("The identifier is assigned when the case is acknowledged, as the registry says."),
            rule="identifier",
        )
