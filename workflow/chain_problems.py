"""What the verification of a case's history finds (``workflow.chain``), worded for the
reader: a problem where it lies, with stages, visibilities, closures and steps named by their
labels in the active language, never by their codes."""

import hashlib
import json
from dataclasses import dataclass
from types import SimpleNamespace

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from submissions.dates import long_date
from submissions.models import PARTY_CHOICES, Submission
from submissions.stages import ClosureReason
from submissions.texts import TEXT_LABELS
from workflow.table import TABLE


@dataclass
class Break:
    """One problem found, in the reader's language (the auditor's page; the command's
    output in the installation's), naming stages, visibilities and steps by their labels."""

    submission: object
    seq: int | None
    message: str

    @property
    def where(self) -> str:
        return _("event %(seq)s") % {"seq": self.seq} if self.seq is not None else _("case")

    def __str__(self):
        return f"{self.submission.reference}: {self.where}: {self.message}"


def _sha256(rows) -> str:
    canonical = json.dumps(rows, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def laws_digest(laws) -> str:
    """A filing's ``laws_sha256``: the SHA-256 of its laws, each ``[name, provisions]`` in
    their order (JSON, no spaces, UTF-8); ``laws``: rows with ``name`` and ``provisions``."""
    return _sha256([[law.name, law.provisions] for law in laws])


def filers_digest(submitters) -> str:
    """A filing's ``submitters_sha256``: the SHA-256 of the people who filed, each ``[name,
    kind, nationality, residence]`` in their order (JSON, no spaces, UTF-8). Not whether they
    withhold their names (that changes by events), nor their contact details (theirs to
    change)."""
    return _sha256([[s.name, s.kind, s.nationality, s.residence] for s in submitters])


def _filed_rows(problem, filed, events, members, laws) -> list[Break]:
    """The laws and the people a filing recorded digests of (``laws_sha256``,
    ``submitters_sha256``), against the rows (``members``, ``laws``: the streamed values of
    ``workflow.chain.verify_all``): a name changed behind the process shows here."""
    problems = []
    recorded = filed["data"].get("laws_sha256")
    rows = [SimpleNamespace(name=r["law__name"], provisions=r["law__provisions"]) for r in laws]
    if isinstance(recorded, str) and laws_digest(rows) != recorded:
        problems.append(problem(None, _("the laws at issue differ from the ones filed (event 1)")))
    recorded = filed["data"].get("submitters_sha256")
    joined = sum(
        len(e["data"].get("submitters", [])) for e in events if e["kind"] == "submitters_joined"
    )
    filers = [
        SimpleNamespace(
            name=row["submitter__name"],
            kind=row["submitter__kind"],
            nationality=row["submitter__nationality"],
            residence=row["submitter__residence"],
        )
        for row in list(members)[: max(len(members) - joined, 0)]
    ]
    if isinstance(recorded, str) and filers_digest(filers) != recorded:
        problems.append(problem(None, _("the submitters differ from the ones who filed (event 1)")))
    return problems


def label_of(choices, code) -> str:
    """A stage's, visibility's or closure reason's label; a code the table does not know (a
    row set outside the process) as it is."""
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code or "-")


def closure_label(code) -> str:
    return label_of(ClosureReason, code) if code else _("no closure reason")


def kind_label(code) -> str:
    rule = TABLE.get(code)
    return str(rule.label) if rule else str(code)


def file_problems(problem, documents, seq_of) -> list[Break]:
    """Each stored file's bytes against the SHA-256 its event recorded (``problem(seq,
    message)`` makes a ``Break`` of the case)."""
    problems = []
    for document in documents:
        if not document["file"] or not document["sha256"]:
            continue
        digest = hashlib.sha256()
        try:
            with default_storage.open(document["file"], "rb") as handle:
                for block in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            problems.append(
                problem(
                    seq_of.get(document["event_id"]),
                    _("the file of document “%(title)s” is missing") % {"title": document["title"]},
                )
            )
            continue
        if digest.hexdigest() != document["sha256"]:
            problems.append(
                problem(
                    seq_of.get(document["event_id"]),
                    _(
                        "the file of document “%(title)s” was replaced (its SHA-256 "
                        "differs from the one recorded)"
                    )
                    % {"title": document["title"]},
                )
            )
    return problems


def row_problems(problem, submission, events, members=(), laws=()) -> list[Break]:
    """What the case's row shows against what its events recorded: the filing date against
    its filing (walk 18 changed the row, and the docket showed the new date under the same
    chain hash), and each public title and summary against the texts the Secretariat last
    recorded (``correspondence`` with ``{"texts": …}``, ``workflow.services.set_public_texts``).
    A case whose texts the Secretariat never set is checked against its filing's digest of
    them (``texts_sha256``), when the filing recorded one (histories imported without it are
    not). So are the Party concerned against its filing's ``party`` and the identifier
    against its acknowledgement's ``identifier``, where they were recorded."""
    problems = []
    filed = events[0] if events and events[0]["kind"] == "filed" else None
    if filed is not None:
        problems += _filed_rows(problem, filed, events, members, laws)
    recorded_party = filed["data"].get("party") if filed is not None else None
    if recorded_party is not None and recorded_party != submission.party.code:
        names = dict(PARTY_CHOICES)
        problems.append(
            problem(
                None,
                _("the case concerns %(shown)s but its filing (event 1) recorded %(recorded)s")
                % {
                    "shown": names.get(submission.party.code, submission.party.code),
                    "recorded": names.get(recorded_party, recorded_party),
                },
            )
        )
    for event in events:
        identifier = event["data"].get("identifier") if event["kind"] == "acknowledged" else None
        if identifier is not None and (
            submission.identifier != identifier
            or submission.slug != Submission.slug_for(identifier)
        ):
            problems.append(
                problem(
                    None,
                    _(
                        "the case shows the identifier %(shown)s but its acknowledgement "
                        "(event %(seq)s) assigned %(recorded)s"
                    )
                    % {"shown": submission.identifier, "seq": event["seq"], "recorded": identifier},
                )
            )
    if filed is not None and submission.filed_on != filed["on"]:
        problems.append(
            problem(
                None,
                _("the case shows it was filed on %(shown)s but its filing is dated %(on)s")
                % {
                    "shown": long_date(submission.filed_on),
                    "on": long_date(filed["on"]),
                },
            )
        )
    recorded = [e for e in events if e["kind"] == "correspondence" and "texts" in e["data"]]
    if recorded:
        last = recorded[-1]
        for name, text in sorted(last["data"]["texts"].items()):
            field, code = name.rsplit("_", 1)
            if getattr(submission, name, None) != text and code in TEXT_LABELS:
                label = TEXT_LABELS[code][0 if field == "title" else 1]
                problems.append(
                    problem(
                        None,
                        _("the case's “%(label)s” differs from the one recorded by event %(seq)s")
                        % {"label": label, "seq": last["seq"]},
                    )
                )
    elif (
        filed is not None
        and isinstance(filed["data"].get("texts_sha256"), str)
        and submission.texts_digest() != filed["data"]["texts_sha256"]
    ):
        problems.append(
            problem(
                None, _("the case's public title or summary differs from the ones filed (event 1)")
            )
        )
    return problems
