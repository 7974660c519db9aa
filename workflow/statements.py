"""The daily statement of chain heads: every registered case's event count and head hash on one
day, signed with the Secretariat's Ed25519 key and published on the docket. Once the public
holds a statement, rewriting an event recorded before it contradicts it, whoever holds the
chain's HMAC key; ``verify_history --against FILE`` checks the installation against one.
It also counts each case's row history and signs a digest of it (``chain_seals.row_digests``):
deleting a history row it counted, with the row reverted to match, contradicts it too.

A statement file is JSON: ``{"statement": {...}, "signature": hex, "public_key": hex}``; the
signature is over the canonical serialisation of ``statement`` (``workflow.chain.canonical``).
"""

import datetime
import json

from django.conf import settings
from django.utils import timezone
from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from submissions.models import Submission
from workflow.chain import canonical
from workflow.chain_seals import row_digests, rows_through, stated_rows
from workflow.models import ChainStatement, Event

FORMAT = "sem-chain-statement/1"


def signing_key() -> SigningKey:
    return SigningKey(bytes.fromhex(settings.SEM_STATEMENT_SIGNING_KEY))


def public_key_hex() -> str:
    return signing_key().verify_key.encode().hex()


def _registered():
    # A case not yet acknowledged has no identifier (NULL): the statement named it ``None``
    # and could not be written while one waited (walk 51, on the demo's first statement).
    return Submission.objects.exclude(identifier__isnull=True).exclude(identifier="")


def heads(through: dict | None = None) -> dict:
    """Every registered case's chain head (the public docket shows each one), and with
    ``through`` (``chain_seals.rows_through``) the count and digest of its row history up to
    it (``chain_seals.row_digests``)."""
    rows = (
        _registered()
        .order_by("identifier")
        .values_list("pk", "identifier", "event_count", "chain_head")
    )
    found = {ref: {"events": count, "head": head} for _pk, ref, count, head in rows}
    if through is not None:
        digests = row_digests(_registered().values("pk"), through)
        for pk, ref, _count, _head in rows:
            found[ref]["rows"] = digests.get(pk, {"count": 0, "digest": ""})
    return found


def publish(on: datetime.date) -> ChainStatement:
    """The statement of ``on`` (made once; a second call returns the first). It counts the
    row history of each case up to ``SEM_STATEMENT_ROW_MARGIN`` seconds ago (``rows_through``:
    a transaction still open cannot add a row it should have counted)."""
    existing = ChainStatement.objects.filter(date=on).first()
    if existing is not None:
        return existing
    margin = datetime.timedelta(seconds=settings.SEM_STATEMENT_ROW_MARGIN)
    through = rows_through(timezone.now() - margin)
    body = canonical(
        {
            "format": FORMAT,
            "date": on.isoformat(),
            "heads": heads(through),
            "rows_through": through,
        }
    )
    key = signing_key()
    return ChainStatement.objects.create(
        date=on,
        body=body.decode(),
        signature=key.sign(body).signature.hex(),
        public_key=key.verify_key.encode().hex(),
    )


def as_file(statement: ChainStatement) -> str:
    """The published file: the statement, its signature and the key that signed it."""
    return json.dumps(
        {
            "statement": json.loads(statement.body),
            "signature": statement.signature,
            "public_key": statement.public_key,
        },
        ensure_ascii=False,
        indent=1,
    )


def check_signature(document: dict, public_key: str | None = None) -> dict:
    """The statement inside a published file, once its signature is checked against
    ``public_key`` (default: this installation's). Raises ``ValueError`` otherwise."""
    try:
        statement, signature = document["statement"], bytes.fromhex(document["signature"])
        VerifyKey(bytes.fromhex(public_key or public_key_hex())).verify(
            canonical(statement), signature
        )
    except (KeyError, TypeError, ValueError, BadSignatureError) as error:
        raise ValueError("the statement's signature does not verify with the public key") from error
    if statement.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} statement")
    return statement


def stored() -> dict | None:
    """The last statement stored here, as ``check_signature`` returns one, or ``None``."""
    row = ChainStatement.objects.order_by("-date").first()
    if row is None:
        return None
    return check_signature(json.loads(as_file(row)), row.public_key)


def missing_cases(statement: dict) -> list[str]:
    """The cases a (verified) statement lists that this installation no longer holds."""
    held = set(
        Submission.objects.filter(identifier__in=list(statement["heads"])).values_list(
            "identifier", flat=True
        )
    )
    return [
        f"{ref}: case: missing, though the statement of {statement['date']} lists it"
        for ref in statement["heads"]
        if ref not in held
    ]


def contradictions(statement: dict) -> list[str]:
    """What in this installation contradicts a (verified) statement: a case missing, fewer
    events than it held, or an event it covered whose hash has changed since."""
    stated = statement["heads"]
    cases = dict(
        Submission.objects.filter(identifier__in=list(stated)).values_list("identifier", "pk")
    )
    cases_by_pk = {pk: ref for ref, pk in cases.items()}
    wanted = {(cases[ref], item["events"]): ref for ref, item in stated.items() if ref in cases}
    found = {}
    if wanted:
        rows = Event.objects.filter(
            submission_id__in=[pk for pk, _seq in wanted], seq__in={seq for _pk, seq in wanted}
        ).values_list("submission_id", "seq", "hash")
        found = {(pk, seq): digest for pk, seq, digest in rows if (pk, seq) in wanted}
    problems = []
    date = statement["date"]
    for ref, item in stated.items():
        if ref not in cases:
            problems.append(f"{ref}: case: missing, though the statement of {date} lists it")
            continue
        key = (cases[ref], item["events"])
        if item["events"] == 0:
            continue
        if key not in found:
            problems.append(
                f"{ref}: event {item['events']}: missing, though the statement of {date} counts it"
            )
        elif found[key] != item["head"]:
            problems.append(
                f"{ref}: event {item['events']}: its hash differs from the statement of {date}: "
                "the history up to it was rewritten after the statement"
            )
    # The row history it counted (a statement that counted rows): walk 86's gap.
    problems += [
        f"{cases_by_pk[pk]}: row history: {what}"
        for pk, what in stated_rows(statement, cases_by_pk)
    ]
    return problems
