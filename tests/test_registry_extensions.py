"""docs/registry-extensions.md lists what the procedure profiles add to ``sem-registry/1``,
which REGISTRY-FORMAT.md does not name (a gap, issue #18): every step a profile's table adds,
and every key those steps and the profile-only ``attach_comments`` carry."""

from pathlib import Path

from django.conf import settings

from submissions import profiles
from workflow.profile_rules import PROFILE_RULES

DOC = Path(settings.BASE_DIR) / "docs" / "registry-extensions.md"


def test_every_step_and_key_a_profile_adds_is_listed():
    text = DOC.read_text(encoding="utf-8")
    kinds = {kind for profile in profiles.PROFILES.values() for kind in profile.transitions}
    kinds |= {rule.kind for rule in PROFILE_RULES}
    keys = {key for rule in PROFILE_RULES for key in (*rule.required, *rule.optional)}
    # ``published`` takes it where the profile attaches the Parties' comments
    # (workflow.profile_guards.attached_comments_were_given); and the file's own key.
    keys |= {"attach_comments", "profile"}
    missing = sorted(name for name in kinds | keys if f"`{name}`" not in text)
    assert not missing, missing
    # Each profile is named, with the Parties its files may carry.
    for slug, profile in profiles.PROFILES.items():
        assert f"`{slug}`" in text
        for party in profile.parties:
            assert f"`{party.code}`" in text, (slug, party.code)
