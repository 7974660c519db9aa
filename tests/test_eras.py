"""A profile's earlier texts (issue #18): the CEC's cases filed before 1 July 2020 are
determined against NAAEC Art. 14's six criteria, later ones against USMCA Art. 24.27(2)'s five.
The CEC's profile has these texts; the TPA's, which has no earlier text, runs here with a later
text that drops criterion (f) and its own text as the earlier one. A case's filing date
chooses."""

import dataclasses
import datetime

import pytest
from django.urls import reverse

from notices import documents
from notices.services import facts_for
from submissions import profiles
from submissions.profile_cec import NAAEC_CRITERIA, NAAEC_FACTORS
from submissions.stages import Stage
from tests.helpers_cases import file_story
from tests.parties import PROFILE, SLUG, A
from workflow import treaty
from workflow.describe import describe
from workflow.exceptions import RuleViolation

pytestmark = pytest.mark.django_db

D = datetime.date
TPA = profiles.US_PERU_TPA
# The earlier text's criteria and factors (six criteria, (a)-(f)) and the later text's five:
# under the TPA the fixture below makes them; the CEC's profile has them (NAAEC's, the
# USMCA's).
EARLIER, EARLIER_FACTORS, LATER = {
    "us-peru-tpa": (
        TPA.criteria,
        TPA.factors,
        {letter: text for letter, text in TPA.criteria.items() if letter != "f"},
    ),
    "usmca-cec": (NAAEC_CRITERIA, NAAEC_FACTORS, profiles.USMCA_CEC.criteria),
    # CAFTA-DR, which has no earlier text either, as the TPA: its own six criteria earlier.
    "cafta-dr": (
        PROFILE.criteria,
        PROFILE.factors,
        {letter: text for letter, text in PROFILE.criteria.items() if letter != "f"},
    ),
}[SLUG]
# Every criterion of the earlier text met (the TPA's ALL_MET).
EARLIER_MET = {c: {"met": True, "reasons": f"({c}) is met."} for c in EARLIER}


def _with_earlier(monkeypatch, earlier, **values):
    """The installed profile with ``earlier`` as its earlier text, unless it has its own."""
    if not PROFILE.earlier_eras:
        profile = dataclasses.replace(PROFILE, earlier_eras=(earlier,), **values)
        monkeypatch.setitem(profiles.PROFILES, SLUG, profile)


@pytest.fixture
def eras(monkeypatch):
    earlier = profiles.Era("earlier", D(2020, 6, 30), EARLIER, EARLIER_FACTORS)
    _with_earlier(monkeypatch, earlier, criteria=LATER)


def test_the_filing_date_chooses_the_text(eras):
    assert treaty.criteria_for(D(2020, 6, 30)) is EARLIER
    assert treaty.criteria_for(D(2020, 7, 1)) is LATER
    assert treaty.criteria_for(None) is LATER
    assert treaty.factors_for(D(2019, 1, 1)) is EARLIER_FACTORS
    # Without earlier texts (the TPA today) every case has the profile's.
    assert TPA.texts_for(D(1999, 1, 1)) == (TPA.criteria, TPA.factors)


def test_each_case_is_determined_against_its_eras_criteria(eras):
    old = file_story(on=D(2019, 5, 6))
    old.add("acknowledged")
    old.add("admissibility_determined", data={"outcome": "meets", "criteria": EARLIER_MET})
    assert old.stage == Stage.RESPONSE_DECISION

    new = file_story(on=D(2021, 5, 6))
    new.add("acknowledged")
    with pytest.raises(RuleViolation) as refused:
        new.add("admissibility_determined", data={"outcome": "meets", "criteria": EARLIER_MET})
    assert str(refused.value) == (
        "The criteria are (a), (b), (c), (d), (e); no other letter is one."
    )
    five = {letter: EARLIER_MET[letter] for letter in LATER}
    event = new.add("admissibility_determined", data={"outcome": "meets", "criteria": five})
    assert new.stage == Stage.RESPONSE_DECISION
    labels = [label for label, _value in describe(event)]
    assert any(label.startswith("(e) ") for label in labels)
    assert not any(label.startswith("(f) ") for label in labels)

    with_f = documents.compose(
        "determination_18_8_2",
        facts_for(
            old.case,
            "admissibility_determined",
            "en",
            data={"outcome": "meets", "criteria": EARLIER_MET},
            visibility="public",
        ),
        "en",
    )
    without_f = documents.compose(
        "determination_18_8_2",
        facts_for(new.case, "admissibility_determined", "en", data=event.data, visibility="public"),
        "en",
    )
    rows = lambda blocks: [row[0] for b in blocks if b.kind == "findings" for row in b.rows]  # noqa: E731
    assert [r[:3] for r in rows(with_f)] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert [r[:3] for r in rows(without_f)] == ["(a)", "(b)", "(c)", "(d)", "(e)"]


def test_the_workspace_asks_the_cases_criteria(eras, client, officer):
    old, new = file_story(on=D(2019, 5, 6)), file_story(on=D(2021, 5, 6))
    client.force_login(officer)
    for story, has_f in ((old, True), (new, False)):
        story.add("acknowledged")
        page = client.get(reverse("ws_case", kwargs={"pk": story.case.pk})).content.decode()
        assert 'name="admissibility_determined-e_finding"' in page
        assert ('name="admissibility_determined-f_finding"' in page) is has_f


@pytest.fixture
def naaec_periods(monkeypatch):
    """An earlier text with NAAEC's response periods (Art. 14(3): 30 days, 60 in exceptional
    circumstances notified to the Secretariat): the CEC's own."""
    earlier = profiles.Era(
        "earlier",
        D(2020, 6, 30),
        EARLIER,
        EARLIER_FACTORS,
        periods={
            "party_response": profiles.Period(30, False, "NAAEC Art. 14(3)"),
        },
        extended_party_response=profiles.Period(60, False, "NAAEC Art. 14(3)"),
    )
    _with_earlier(monkeypatch, earlier)


# The current text's response period, its basis and its extension: the TPA's 45 days and 60
# (Art. 18.8.5); the USMCA's 60 and 90 (Art. 24.27(4)); CAFTA-DR's 45 and 60 (Art. 17.7.5).
CURRENT_RESPONSE = {
    "us-peru-tpa": (45, "Art. 18.8.5", 60),
    "usmca-cec": (60, "Art. 24.27(4)", 90),
    "cafta-dr": (45, "Art. 17.7.5", 60),
}[SLUG]


def test_an_earlier_texts_periods_count_for_its_cases(naaec_periods):
    from tests.helpers_cases import ALL_MET as MET
    from workflow.models import Deadline

    def to_response(filed_on, criteria):
        story = file_story(on=filed_on)
        story.add("acknowledged")
        story.add("admissibility_determined", data={"outcome": "meets", "criteria": criteria})
        story.add("response_decided", data={"outcome": "request"})
        return story, Deadline.objects.get(submission=story.case, kind="party_response")

    old, response = to_response(D(2019, 5, 6), EARLIER_MET)
    assert (response.length, response.rule) == (30, "NAAEC Art. 14(3)")
    # 30 days from Thursday 9 May 2019: Saturday 8 June, so Monday 10 June.
    assert (response.start_on, response.due_on) == (D(2019, 5, 9), D(2019, 6, 10))
    old.add("extension_notified", author=f"party:{A}")
    response.refresh_from_db()
    assert response.length == 60

    new, response = to_response(D(2021, 5, 6), MET)
    length, rule, extended = CURRENT_RESPONSE
    assert (response.length, response.rule) == (length, rule)
    new.add("extension_notified", author=f"party:{A}")
    response.refresh_from_db()
    assert response.length == extended  # the TPA's 60 after 45, the USMCA's 90 after 60
