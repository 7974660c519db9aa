"""Issue #18, first step: the procedure profile as data (submissions.profiles).

Only ``us-peru-tpa`` is built. These tests pin that the code reads the Parties, languages and
identifiers from the profile, that every case stores its profile, that a registry file names
its profile and an import under another one is refused, and that a setting naming a profile
that is not built stops the start with a message saying so.
"""

import copy
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from submissions import profiles, reference
from submissions.models import PARTY_CODES, Submission, identifier_validator
from tests.helpers_cases import file_story
from tests.test_registry import saca_payload
from workflow import treaty
from workflow.registry import export_registry, import_registry


def test_the_default_profile_is_the_us_peru_agreement():
    procedure = profiles.installed()
    assert settings.SEM_PROCEDURE == procedure.slug == "us-peru-tpa"
    assert procedure.codes == PARTY_CODES == ("PE", "US")
    assert procedure.languages == tuple(code for code, _name in settings.LANGUAGES)
    assert procedure.portal_authors == ("party:PE", "party:US", "council:PE", "council:US")
    assert reference.ACCESS_GROUPS == [
        "party_focal_point:PE",
        "party_focal_point:US",
        "council_member:PE",
        "council_member:US",
    ]
    assert str(treaty.PARTIES["US"]) == "the United States"


def test_an_identifier_names_one_of_the_profiles_parties():
    identifier_validator("SEM/PE/002/2023")
    with pytest.raises(ValidationError):
        identifier_validator("SEM/MX/002/2023")


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        ("usmca-cec", "this procedure profile is researched (docs/profiles.md) but not built"),
        ("cafta-dr", "this procedure profile is researched (docs/profiles.md) but not built"),
        ("us-peru", "there is no such procedure profile"),
    ],
)
def test_a_profile_that_is_not_built_stops_the_start_with_a_reason(slug, said):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "secretariat.settings.local"}
    environment["SEM_PROCEDURE"] = slug
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert f"SEM_PROCEDURE={slug}: {said}" in started.stderr


def test_a_filed_case_stores_its_profile(db):
    case = file_story().case
    assert Submission.objects.get(pk=case.pk).procedure == "us-peru-tpa"


def test_the_default_profiles_export_is_unchanged_and_imports_back(db):
    assert import_registry(saca_payload()).ok
    exported = json.loads(export_registry())
    # Absent means us-peru-tpa (REGISTRY-FORMAT.md has no "profile" key): files stay as they were.
    assert "profile" not in exported
    Submission.objects.all().delete()
    named = {**exported, "profile": "us-peru-tpa"}
    report = import_registry(named)
    assert report.ok, report.refused
    assert set(Submission.objects.values_list("procedure", flat=True)) == {"us-peru-tpa"}


def test_an_import_under_another_profile_is_refused_and_stores_nothing(db):
    payload = copy.deepcopy(saca_payload())
    payload["profile"] = "usmca-cec"
    report = import_registry(payload)
    assert not report.ok and report.imported == []
    assert str(report.refused[0]) == (
        "-: case: This file's cases follow the procedure profile “usmca-cec”, and this "
        "installation runs “us-peru-tpa”: import it into an installation of that profile."
    )
    assert not Submission.objects.exists()


def test_a_case_about_a_party_outside_the_profile_is_refused_by_name(db):
    payload = copy.deepcopy(saca_payload())
    payload["submissions"] = payload["submissions"][:1]
    payload["submissions"][0]["party"] = "MX"
    report = import_registry(payload)
    assert not report.ok
    assert report.refused[0].message == (
        "“party” must be one of PE, US and “language” one of en, es."
    )
