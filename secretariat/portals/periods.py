"""The deadlines each portal shows: a Party's own periods apart from the other Parties', which
end alike and read as one row (``workflow.deadlines.merged_by_party``)."""

from workflow.deadlines import explain, merged_by_party
from workflow.models import Deadline

# The deadlines each portal shows on a case.
PORTAL_DEADLINES = {
    "party": ("party_response", "draft_comments"),
    "council": ("council_instruction", "draft_factual_record", "draft_comments", "publication"),
}


def mine(user, portal: str) -> str:
    """The Party whose own periods a focal point reads apart from the others'."""
    return user.party.code if portal == "party" and user.party else ""


def rows(case, portal: str, language: str, own: str, *, running=False) -> list[Deadline]:
    """The case's deadlines this portal shows, ``own`` (``mine``) Party's apart, explained;
    with ``running``, only those still open (an action's form)."""
    listed = case.deadlines.filter(kind__in=PORTAL_DEADLINES[portal]).order_by("start_on", "id")
    if running:
        listed = listed.filter(state=Deadline.State.OPEN)
    listed = merged_by_party(listed, own)  # the others' periods that end alike as one row
    for row in listed:
        row.explained = explain(row, language)
        # Whose it is where more than one Party reads the list (walk 38: Canada's page listed
        # "Réponse de la Partie" unlabelled, Mexico's): the commenting Parties', or the
        # response of the Party concerned.
        row.owed_by = row.parties or ([case.party.code] if row.kind == "party_response" else [])
    return listed
