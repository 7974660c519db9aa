"""The roles of the system. Each is a Django group created by a data migration."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OFFICER = "secretariat_officer", _("Secretariat officer")
    DIRECTOR = "executive_director", _("Executive Director")
    FOCAL_POINT = "party_focal_point", _("Party focal point")
    COUNCIL = "council_member", _("Council member")
    AUDITOR = "auditor", _("Auditor")


SECRETARIAT_ROLES = frozenset({Role.OFFICER, Role.DIRECTOR})
# Roles that speak for one Party: the account must name it.
PARTY_BOUND_ROLES = frozenset({Role.FOCAL_POINT, Role.COUNCIL})


def roles_of(user) -> frozenset:
    """The roles of an account (cached on the object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_sem_roles", None)
    if cached is None:
        names = {g.name for g in user.groups.all()}
        cached = frozenset(Role(name) for name in names if name in Role.values)
        user._sem_roles = cached
    return cached
