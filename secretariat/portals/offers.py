"""What a portal's case page offers, and what its buttons say.

The workflow's table decides which events are legal now (``available_actions``); this module
only chooses, among them, those a portal page shows, in its order, with the words of a button.
The table's labels name an event once it is recorded ("Response of the Party"); a button asks
for the act ("Submit the response"), so each portal action has its own imperative label here,
beside the table rather than in it.
"""

from django.utils.translation import gettext_lazy as _

from secretariat.web.actions import response_moved_on
from submissions import access
from workflow import council
from workflow.services.actions import available_actions, refusal

# The actions each portal offers, in the order shown.
PORTAL_ACTIONS = {
    "party": (
        "party_responded",
        "extension_notified",
        "party_information_added",
        "draft_commented",
        "correspondence",
    ),
    "council": (
        "council_instructed",
        "council_declined",
        "publication_instructed",
        "recommendation_made",
    ),
}
ACTION_URLS = {
    "party_responded": "party_respond",
    "extension_notified": "party_extension",
    "party_information_added": "party_supplement",
    "draft_commented": "party_comment",
    "correspondence": "party_correspondence",
    "council_instructed": "council_instruct",
    "council_declined": "council_decline",
    "publication_instructed": "council_publish",
    "recommendation_made": "council_recommend",
}
ACTION_LABELS = {
    "party_responded": _("Submit the response"),
    "extension_notified": _("Notify exceptional circumstances"),
    "party_information_added": _("Send supplemental information"),
    "draft_commented": _("Comment on the draft factual record"),
    "correspondence": _("Write to the Secretariat"),
    "council_instructed": _("Instruct the Secretariat to prepare a factual record"),
    "council_declined": _("Vote against preparing a factual record"),
    "publication_instructed": _("Instruct publication of the final factual record"),
    "recommendation_made": _("Make a recommendation"),
}

# A Party that has commented on the draft may comment further while the period runs: the
# button says so (the last note: "Comment on the draft" stayed offered as if none were sent).
FURTHER_COMMENTS = _("Send further comments on the draft factual record")


def label(case, kind: str, party: str | None) -> str:
    """The button's words for ``kind`` on ``case``, for a member of ``party``."""
    if (
        kind == "draft_commented"
        and party
        and case.events.filter(kind="draft_commented", data__party=party).exists()
    ):
        return FURTHER_COMMENTS
    return ACTION_LABELS[kind]


def has_final_record(case) -> bool:
    """Whether the Secretariat has submitted the final factual record (Art. 18.9.6)."""
    return case.events.filter(kind="final_submitted").exists()


def held_back(case, kind: str, party: str | None = None, facts: list | None = None):
    """Why an action legal for the workflow is not offered by a portal now, or ``None``.

    The table lets a Council member instruct publication from the moment the Council is
    notified (REGISTRY-FORMAT.md: the registry records such instructions, given early), but
    there is nothing to publish until the final factual record is submitted (Art. 18.9.7):
    a portal does not offer it beside "instruct preparation" before then. Likewise the table
    accepts further instructions to prepare a factual record, but once the Council's rule is
    met (any one member under the TPA) the Council's page says so instead of offering to give
    it again; and a member (of ``party``) who has given an instruction is not offered it
    twice while the rule waits for other members, nor, having voted either way on preparing
    a record, another vote on it. ``facts``: the case's Council acts, when the caller has
    read them (``council.facts_of``) for several kinds.
    """
    if kind == "publication_instructed" and not has_final_record(case):
        return _("there is no final factual record to publish yet.")
    if (
        kind == "draft_commented"
        and party
        and has_final_record(case)
        and case.events.filter(kind="draft_commented", data__party=party).exists()
    ):
        # Walk 46: Peru, having commented, was offered (and sent) further comments on the draft
        # after the final record had gone to the Council. A Party that never commented may
        # still send late ones (they are accepted, marked late).
        return _(
            "your comments on the draft are on record, and the final factual record has been "
            "submitted to the Council."
        )
    if kind not in (*council.RULES, "council_declined"):
        return None
    facts = council.facts_of(case) if facts is None else facts
    if kind in council.RULES and council.decided_on(facts, kind) is not None:
        if kind == "council_instructed":
            return _("the Secretariat has already been instructed to prepare a factual record.")
        return _("the Secretariat has already been instructed to publish the factual record.")
    if party and kind in council.RULES and council.given_by(facts, kind, party):
        return _(
            "you have given this instruction; it becomes the Council's when %(count)s members "
            "have given it."
        ) % {"count": council.needed(kind)}
    if party and kind != "publication_instructed" and council.voted(facts, party):
        # A member who voted against is not offered the instruction, nor a second vote.
        return _("you have voted on preparing a factual record.")
    return None


def offered(case, user, portal: str, *, responded: bool | None = None) -> list[dict]:
    """The actions ``user``'s portal page of ``case`` offers, each legal now: ``kind``, the
    button's ``label`` and the ``url`` name of its form.

    ``responded``: the Party's response is on record (read from the case when not given);
    once the case has moved on, a further response is no longer offered."""
    if responded is None:
        responded = case.events.filter(kind="party_responded").exists()
    legal = {action.kind for action in available_actions(case, user)}
    # The Council's acts, read once for the instructions and votes the page may offer.
    voting = legal & {*council.RULES, "council_declined"} & set(PORTAL_ACTIONS[portal])
    facts = council.facts_of(case) if voting else None
    offers = []
    for kind in PORTAL_ACTIONS[portal]:
        if (
            kind not in legal
            or held_back(case, kind, access.party_of(user), facts)
            or response_moved_on(case, kind, responded)
        ):
            continue
        offers.append(
            {
                "kind": kind,
                "label": label(case, kind, access.party_of(user)),
                "url": ACTION_URLS[kind],
            }
        )
    return offers


def not_offered(case, user, portal: str, kind: str) -> str | None:
    """Why ``user``'s portal page of ``case`` does not offer ``kind`` now, or ``None`` when it
    does: the action pages take only what the case page offers (``offered`` decides)."""
    if any(offer["kind"] == kind for offer in offered(case, user, portal)):
        return None
    refused = refusal(case, user, kind)
    if refused is not None:
        return str(refused)
    held = held_back(case, kind, access.party_of(user))
    if held:
        return str(held)
    return str(_("the Party's response is on record and the case has moved on."))
