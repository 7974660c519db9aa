"""Reference rows every installation has: the two Parties and the role and access groups.

Created by a data migration; also callable (idempotent) where a test flushes the database.
"""

from submissions import profiles

# The installation's Parties (code, English name, Spanish name): submissions.profiles.
PARTIES = [(p.code, p.names["en"], p.names["es"]) for p in profiles.installed().parties]
ROLES = [
    "secretariat_officer",
    "executive_director",
    "party_focal_point",
    "council_member",
    "auditor",
]
ACCESS_GROUPS = [
    f"{role}:{code}"
    for role in ("party_focal_point", "council_member")
    for code in profiles.installed().codes
]


def ensure_reference_data(party_model, group_model) -> None:
    for code, name_en, name_es in PARTIES:
        party_model.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_es": name_es}
        )
    for name in ROLES + ACCESS_GROUPS:
        group_model.objects.get_or_create(name=name)
