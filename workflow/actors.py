"""Who records an event: an account, a submitter through their tracking link, a member of the
public, or the system (import, scheduled jobs)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from submissions.access import is_secretariat, roles_of
from submissions.roles import Role
from workflow import table


@dataclass(frozen=True)
class Actor:
    kind: str  # "user", "submitter", "public", "system"
    user: object = None
    membership: object = None  # a SubmissionSubmitter, for submitters
    name: str = ""

    @classmethod
    def system(cls) -> "Actor":
        return cls(kind="system", name=str(_("System")))

    @classmethod
    def public(cls, name: str = "") -> "Actor":
        return cls(kind="public", name=name)

    @classmethod
    def submitter(cls, membership) -> "Actor":
        return cls(kind="submitter", membership=membership, name=membership.submitter.name)

    @classmethod
    def of(cls, who) -> "Actor":
        """An actor from an account, an actor, or ``None`` (the system)."""
        if isinstance(who, Actor):
            return who
        if who is None:
            return cls.system()
        return cls(kind="user", user=who, name=who.get_username())

    # --- what the table calls roles --------------------------------------------------------
    def table_roles(self, submission) -> set[str]:
        if self.kind == "system":
            return {table.SYSTEM}
        if self.kind == "public":
            return {table.PUBLIC}
        if self.kind == "submitter":
            if self.membership.submission_id == submission.pk:
                return {table.SUBMITTER, table.PUBLIC}
            return {table.PUBLIC}
        roles = roles_of(self.user)
        result = set()
        if Role.OFFICER in roles or Role.DIRECTOR in roles:
            result.add(table.SECRETARIAT)
        if Role.DIRECTOR in roles:
            result.add(table.DIRECTOR)
        party = self.user.party.code if self.user.party_id else None
        if Role.FOCAL_POINT in roles and party:
            result.add(table.PARTY)
            if party == submission.party.code:
                result.add(table.PARTY_CONCERNED)
        if Role.COUNCIL in roles and party:
            result.add(table.COUNCIL)
        return result

    def default_author(self, submission) -> str:
        """The author role an event recorded by this actor carries unless told otherwise."""
        if self.kind == "submitter":
            return "submitter"
        if self.kind == "public":
            return "public"
        if self.kind == "system":
            return "secretariat"
        roles = self.table_roles(submission)
        party = self.user.party.code if self.user.party_id else ""
        if table.SECRETARIAT in roles:
            return "secretariat"
        if table.PARTY in roles:
            return f"party:{party}"
        if table.COUNCIL in roles:
            return f"council:{party}"
        return "public"

    @property
    def is_secretariat_user(self) -> bool:
        if self.kind != "user":
            return False
        return is_secretariat(self.user)
