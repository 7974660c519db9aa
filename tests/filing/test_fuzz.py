"""Random posts to the submission form, with a valid CSRF token and the rate limit off: no
input makes the server answer 500, and most posts reach form validation."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.filing.conftest import PDF, filing_data
from tests.parties import A

pytestmark = pytest.mark.django_db

FIELDS = list(filing_data()) + [
    "s1-name",
    "s1-kind",
    "s1-nationality",
    "s1-email",
    "f-attachment_0_token",
    "f-attachment_0_title",
    "f-eligibility_confirmed",
    "f-law_1_name",
    "s0-identity_document_token",
]
text = st.text(max_size=300)
values = st.one_of(
    text,
    st.sampled_from([A, "US", "CL", "individual", "organization", "es", "yes", "no", "on"]),
    st.from_regex(r"[a-z]{1,10}@[a-z]{1,10}\.org", fullmatch=True),
)
files = st.one_of(
    st.none(),
    st.tuples(
        st.sampled_from(["a.pdf", "b.png", "c.exe", "d.docx", "", "../../e.pdf", "f" * 300]),
        st.one_of(st.binary(max_size=200), st.just(PDF)),
    ),
)

EXAMPLES = 30


@override_settings(SEM_FILING_RATE_LIMIT=0)
def test_random_posts_never_crash_the_form():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/file/")  # sets the CSRF cookie that every post below carries
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    seen = {"posts": 0, "validated": 0}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(
        base=st.booleans(),
        answers=st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)),
        upload=files,
        language=st.sampled_from(["en", "es"]),
    )
    def post(base, answers, upload, language):
        data = filing_data() if base else {}
        data.update(answers)
        data["csrfmiddlewaretoken"] = token
        if upload is not None:
            data["f-attachment_0"] = SimpleUploadedFile(upload[0] or "x", upload[1])
        response = client.post(f"/{language}/file/", data)
        seen["posts"] += 1
        assert response.status_code in (200, 302, 400), response.status_code
        if response.status_code == 302 or b'class="error-summary"' in response.content:
            seen["validated"] += 1
        elif response.status_code == 200:
            assert b"Before you file" in response.content  # the eligibility warning

    post()
    assert seen["posts"] == EXAMPLES
    assert seen["validated"] >= EXAMPLES / 2
