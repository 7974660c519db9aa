"""Filing a submission: the case, its submitters and laws, and its first event."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from submissions import profiles, withheld
from submissions import storage as documents
from submissions.history import acting_user
from submissions.models import (
    EnvironmentalLaw,
    IdentifierCounter,
    Party,
    Submission,
    SubmissionLaw,
    SubmissionSubmitter,
    Submitter,
)
from submissions.stages import Visibility
from workflow import guards
from workflow.actors import Actor
from workflow.chain_problems import filers_digest, laws_digest
from workflow.exceptions import InvalidInput, NotAllowed
from workflow.services.context import Context, ImportOptions, today
from workflow.services.recording import record_event, save_row


@dataclass
class SubmitterInput:
    kind: str
    name: str
    nationality: str
    residence: str = ""
    email: str = ""
    phone: str = ""
    postal_address: str = ""
    preferred_language: str = "en"
    confidential: bool = False
    identity_document: object = None


@dataclass
class LawInput:
    name: str
    provisions: str = ""


@dataclass
class FilingInput:
    party: str
    language: str
    title: str
    submitters: list[SubmitterInput]
    laws: list[LawInput] = field(default_factory=list)
    summary: str = ""
    # The title and summary in other working languages, when given (staff, import): {"es": …}.
    other_titles: dict = field(default_factory=dict)
    other_summaries: dict = field(default_factory=dict)
    facts: str = ""
    authorities_communication: str = ""
    authorities_response: str = ""
    private_remedies: str = ""
    harm: str = ""
    relies_on_media_only: bool | None = None


# What to do when a text the public reads writes a name withheld from it (whole sentences).
WITHHELD_NAMED = {
    "title": gettext_lazy(
        "The title names %(name)s, whose identity is to be withheld from the public, and the "
        "public reads the title. Write it without the name, or do not withhold the identity."
    ),
    "summary": gettext_lazy(
        "The summary names %(name)s, whose identity is to be withheld from the public, and the "
        "public reads the summary. Write it without the name, or do not withhold the identity."
    ),
    "document": gettext_lazy(
        "The title of a document names %(name)s, whose identity is to be withheld from the "
        "public, and the public may read that title. Write it without the name, mark the "
        "document confidential, or do not withhold the identity."
    ),
}


# The same, to the Secretariat (walk 34: an officer was told not to ask to withhold it).
WITHHELD_NAMED_STAFF = {
    "title": gettext_lazy(
        "The title names %(name)s, whose identity is withheld from the public, and the public "
        "reads the title. Write it without the name."
    ),
    "summary": gettext_lazy(
        "The summary names %(name)s, whose identity is withheld from the public, and the "
        "public reads the summary. Write it without the name."
    ),
    "document": gettext_lazy(
        "The title of a document names %(name)s, whose identity is withheld from the public, "
        "and the public may read that title. Write it without the name, or mark the document "
        "confidential."
    ),
}


def refuse_withheld_names(texts, names, *, by_submitter: bool) -> None:
    """PROCESS.md: a submitter who withholds her identity is named on no public surface. Each
    of ``texts`` ((what, text): a title, a summary, a public document's title) that writes one
    of ``names`` whole is refused where it is typed, with what to do instead: to the person
    filing (``by_submitter``), or to the Secretariat."""
    messages = WITHHELD_NAMED if by_submitter else WITHHELD_NAMED_STAFF
    for what, text in texts:
        found = withheld.named_in(text, names)
        if found:
            raise InvalidInput(messages[what] % {"name": found[0]}, rule="withheld name")


def file_submission(
    filing: FilingInput,
    *,
    actor,
    on: datetime.date | str | None = None,
    reason: str = "",
    documents_in=(),
    identifier: str = "",
    receipt_number: str = "",
    note: str = "",
    title: str = "",
    author: str | None = None,
    visibility: str | None = None,
    importing: ImportOptions | None = None,
    context_out: list | None = None,
    data: dict | None = None,
) -> Submission:
    """File a submission: the case, its submitters and laws, and its first event (`filed`),
    which gives it a receipt number and opens the acknowledgement and admissibility periods.
    A new filing's event carries the digest of its title and summary (``texts_sha256``) and
    the Party concerned (``party``), so that the chain covers what the public first reads; an
    import keeps its file's ``data``."""
    actor = Actor.of(actor)
    procedure = profiles.installed()
    if filing.party not in guards.PARTIES:
        raise InvalidInput(
            _("The Party concerned must be one of the Parties: %(parties)s.")
            % {"parties": ", ".join(str(p.label) for p in procedure.parties)}
        )
    if filing.language not in procedure.languages:
        names = [str(dict(settings.LANGUAGES)[code]) for code in procedure.languages]
        if not (get_language() or "en").startswith("en"):
            names = [name.lower() for name in names]  # "inglés", "anglais" inside a sentence
        raise InvalidInput(
            _("A submission is written in one of the working languages: %(languages)s.")
            % {"languages": ", ".join(names)}
        )
    if not filing.submitters:
        raise InvalidInput(_("A submission has at least one submitter."))
    if importing is None and actor.kind == "user" and not actor.is_secretariat_user:
        raise NotAllowed()
    if importing is None:  # an imported history is kept as its registry wrote it
        texts = [("title", filing.title), ("summary", filing.summary)]
        texts += [("title", text) for text in filing.other_titles.values()]
        texts += [("summary", text) for text in filing.other_summaries.values()]
        texts += [
            ("document", document.title)
            for document in documents_in
            if document.visibility in (None, Visibility.PUBLIC)  # a confidential one stays so
        ]
        refuse_withheld_names(
            texts,
            [s.name for s in filing.submitters if s.confidential],
            by_submitter=actor.kind == "public",
        )
    on_date = datetime.date.fromisoformat(on) if isinstance(on, str) else (on or today())
    others = [code for code in procedure.languages if code != filing.language]
    history_user = importing.recorded_by if importing is not None else actor.user
    with transaction.atomic(), acting_user(history_user):
        party = Party.objects.get(code=filing.party)
        if receipt_number:
            _prefix, year, number = receipt_number.split("-")
            IdentifierCounter.hold("R", "", int(year), int(number))
        else:
            number = IdentifierCounter.take("R", "", on_date.year)
            receipt_number = f"R-{on_date.year}-{number:06d}"
        submission = Submission(
            receipt_number=receipt_number,
            party=party,
            language=filing.language,
            filed_on=on_date,
            stage="",
            imported_identifier=identifier,
            facts=filing.facts,
            authorities_communication=filing.authorities_communication,
            authorities_response=filing.authorities_response,
            private_remedies=filing.private_remedies,
            harm=filing.harm,
            relies_on_media_only=filing.relies_on_media_only,
        )
        setattr(submission, f"title_{filing.language}", filing.title)
        setattr(submission, f"summary_{filing.language}", filing.summary)
        for code in others:
            setattr(submission, f"title_{code}", filing.other_titles.get(code, ""))
            setattr(submission, f"summary_{code}", filing.other_summaries.get(code, ""))
        ctx = Context(
            submission,
            getattr(importing, "calendar", None),
            getattr(importing, "lengths", None),
            new=True,
        )
        ctx.defer_writes = bool(importing is not None and importing.defer_writes)
        save_row(ctx, submission, history_user)
        law_rows, submitter_rows = [], []
        for position, law in enumerate(filing.laws):
            law_row, _created = EnvironmentalLaw.objects.get_or_create(
                party=party, name=law.name.strip(), provisions=law.provisions.strip()
            )
            law_rows.append(law_row)
            save_row(
                ctx,
                SubmissionLaw(submission=submission, law=law_row, position=position),
                history_user,
            )
        first_membership = None
        for position, item in enumerate(filing.submitters):
            submitter = Submitter(
                kind=item.kind,
                name=item.name,
                nationality=item.nationality.upper(),
                residence=item.residence.upper(),
                email=item.email,
                phone=item.phone,
                postal_address=item.postal_address,
                preferred_language=item.preferred_language,
                confidential=item.confidential,
            )
            if item.identity_document:
                submitter.identity_document.save(
                    documents.safe_name(item.identity_document.name),
                    item.identity_document,
                    save=False,
                )
            save_row(ctx, submitter, history_user)
            submitter_rows.append(submitter)
            membership = SubmissionSubmitter(
                submission=submission, submitter=submitter, position=position, joined_on=on_date
            )
            save_row(ctx, membership, history_user)
            first_membership = first_membership or membership
        if actor.kind == "public":
            actor = Actor.submitter(first_membership)
        if author is None:
            author = "submitter"  # the submitters file, whoever types it in (paper filings)
        if importing is None:  # what it filed, in the chain (docs/registry-extensions.md)
            data = {
                "texts_sha256": submission.texts_digest(),
                "laws_sha256": laws_digest(law_rows),
                "submitters_sha256": filers_digest(submitter_rows),
                "party": filing.party,
            }
        record_event(
            submission,
            "filed",
            actor=actor,
            data=data,
            on=on_date,
            reason=reason,
            documents_in=documents_in,
            context=ctx,
            importing=importing,
            note=note,
            title=title,
            author=author,
            visibility=visibility,
        )
        if context_out is not None:
            context_out.append(ctx)
    return submission
