"""Issue 17, acceptance 2: every page fits a 390 px phone.

One seeded set of cases serves every page: the public pages, the workspace (as an officer and as
the Executive Director) and both portals (a Party's focal point, a Council member), in English
and Spanish. A page passes when neither the document nor the body is wider than the viewport
and no visible element reaches past its right edge.
"""

import datetime
import io
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from notices import services as notices
from submissions.stages import Stage
from submissions.storage import DocumentInput
from tests.helpers_cases import ALL_MET, SEAT, drive
from tests.parties import A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Day 25 of the Party's period on the awaiting-response case (request delivered 7 May 2023; 45
# days under the TPA and CAFTA-DR, 60 under the CEC): the only time the exceptional-circumstances
# form is open.
EXTENSION_DAY = datetime.datetime(2023, 6, 1, 10, tzinfo=SEAT)


def _pdf(name):
    buffer = io.BytesIO(PDF)
    buffer.name = name
    return buffer


@dataclass
class Seeded:
    waiting: object  # awaiting the Party's response (Party A)
    final: object  # final factual record submitted (Party A), with a public document
    council: object  # a factual record found warranted, awaiting the Council's instruction
    # The draft's comment period, no Party's comments yet: Party A's comment form (once A has
    # commented and the final is in, the portal no longer offers it; walk 46).
    draft: object
    review: object  # admissibility review with a proposal awaiting the Director
    party_receipt: int  # seq of the final case's response, by Party A
    council_receipt: int  # seq of the final case's instruction, by Party A's Council member
    document: int  # pk of a generated public document (the review case's acknowledgement)
    token: str  # the submitter's private link to the final case


def seed(officer, officer2) -> Seeded:
    """The cases every page of this file and of test_axe_staff.py looks at."""
    waiting = drive("awaiting_response", party=A)
    council = drive("awaiting_council", party=A)
    draft = drive("draft_comment_period", party=A, comments=())
    final = drive("final_factual_record", party=A)
    final.add(
        "correspondence",
        documents_in=[
            DocumentInput(
                title="Carta de la Secretaría sobre el expediente de hechos final",
                language="es",
                file=_pdf("carta.pdf"),
                visibility="public",
            )
        ],
    )
    # Acknowledged live, so that its formal letters are generated (the reading view), then a
    # determination proposed by an officer with its documents: it waits for the Director.
    review = drive("admissibility_review", party=A, acknowledged=False).case
    acknowledgement = notices.record_with_documents(review, "acknowledged", actor=officer)
    notices.record_with_documents(
        review,
        "admissibility_determined",
        actor=officer2,
        data={"outcome": "meets", "criteria": ALL_MET},
    )
    review.refresh_from_db()
    events = final.case.events
    return Seeded(
        waiting=waiting.case,
        final=final.case,
        council=council.case,
        draft=draft.case,
        review=review,
        party_receipt=events.get(kind="party_responded").seq,
        # Party A's member's own instruction (the CEC's rule needs a second member's too).
        council_receipt=events.get(kind="council_instructed", author=f"council:{A}").seq,
        document=acknowledgement.documents.filter(visibility="public").first().pk,
        token=final.case.memberships.first().tracking_token,
    )


@pytest.fixture
def seeded(officer, officer2):
    return seed(officer, officer2)


def public_pages(s: Seeded) -> list[str]:
    slug = s.final.slug
    return [
        reverse("home"),
        reverse("docket"),
        reverse("docket") + f"?q=forestales&party={A}",
        reverse("docket_case", args=[slug]),
        reverse("document_read", kwargs={"slug": s.review.slug, "pk": s.document}),
        reverse("statistics"),
        reverse("open_data"),
        reverse("docket_statements"),
        reverse("file"),
        reverse("track", args=[s.token]),
    ]


def workspace_pages(s: Seeded) -> list[str]:
    return [
        reverse("ws_queue"),
        reverse("ws_case", args=[s.final.pk]),
        reverse("ws_case", args=[s.review.pk]),
        reverse("ws_approvals"),
        reverse("ws_audit", args=[s.final.pk]),
        reverse("ws_file"),
        reverse("account_list"),
    ]


def party_pages(s: Seeded) -> list[str]:
    final, waiting = s.final.pk, s.waiting.pk
    return [
        reverse("party_home"),
        reverse("party_case", args=[final]),
        reverse("party_case", args=[waiting]),
        reverse("party_receipt", kwargs={"pk": final, "seq": s.party_receipt}),
        reverse("party_respond", args=[waiting]),
        reverse("party_comment", args=[s.draft.pk]),
        reverse("party_correspondence", args=[final]),
    ]


def party_extension_page(s: Seeded) -> str:
    return reverse("party_extension", args=[s.waiting.pk])


def council_pages(s: Seeded) -> list[str]:
    final = s.final.pk
    return [
        reverse("council_home"),
        reverse("council_case", args=[final]),
        reverse("council_receipt", kwargs={"pk": final, "seq": s.council_receipt}),
        reverse("council_instruct", args=[s.council.pk]),
        reverse("council_publish", args=[final]),
        reverse("council_recommend", args=[final]),
    ]


def in_language(language: str, build) -> list[str]:
    with translation.override(language):
        return build()


def sign_in(page, user) -> None:
    """Give the browser the session of ``user`` (the test settings ask no second factor; the
    sign-in form itself has its own browser tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": page.base}]
    )


# What reaches past the right edge: the document, the body, or any visible element.
MEASURE = """() => {
  const width = window.innerWidth;
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 0.5) {
      let inside = false;
      for (let p = element.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' || style.position === 'fixed') { inside = true; break; }
      }
      if (!inside) {
        const name = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
          (element.className && typeof element.className === 'string'
            ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
        wide.push(name + ' ' + Math.round(box.right) + 'px');
      }
    }
  }
  return {
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    wide: wide.slice(0, 5),
  };
}"""


def measure(page, who: str, path: str, problems: list, widths: dict) -> None:
    response = page.goto(page.base + path)
    assert response.status == 200, f"{who} {path}: {response.status}"
    # A page that redirects elsewhere (an action its case does not offer) measures nothing;
    # only the private link is meant to move on, to the case it opens.
    if "/track/" not in path:
        assert urlsplit(page.url).path == urlsplit(path).path, f"{who} {path} → {page.url}"
    result = page.evaluate(MEASURE)
    widths[f"{who} {path}"] = result["document"]
    if result["document"] > PHONE["width"] or result["body"] > PHONE["width"] or result["wide"]:
        problems.append(f"{who} {path}: {result}")


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_fits_a_phone(page, seeded, officer, director, a_focal, a_council, language):
    page.set_viewport_size(PHONE)
    problems, widths = [], {}
    s = seeded

    for path in in_language(language, lambda: public_pages(s)):
        measure(page, "public", path, problems, widths)

    for user in (officer, director):
        sign_in(page, user)
        for path in in_language(language, lambda: workspace_pages(s)):
            measure(page, user.username, path, problems, widths)

    sign_in(page, a_focal)
    for path in in_language(language, lambda: party_pages(s)):
        measure(page, "a_focal", path, problems, widths)
    with time_machine.travel(EXTENSION_DAY):
        path = in_language(language, lambda: party_extension_page(s))
        measure(page, "a_focal", path, problems, widths)

    sign_in(page, a_council)
    for path in in_language(language, lambda: council_pages(s)):
        measure(page, "a_council", path, problems, widths)

    print("\n".join(f"{width:5} {path}" for path, width in widths.items()))
    assert len(widths) == 10 + 2 * 7 + 7 + 1 + 6
    assert problems == [], "\n".join(problems)


# Each list's width against the width it would take to show its longest option whole.
SELECTS = """() => [...document.querySelectorAll('main select')].map(select => {
  const shown = select.getBoundingClientRect().width;
  const saved = [select.style.width, select.style.maxWidth];
  select.style.width = 'auto';
  select.style.maxWidth = 'none';
  const whole = select.getBoundingClientRect().width;
  [select.style.width, select.style.maxWidth] = saved;
  return {name: select.name, shown: Math.round(shown), whole: Math.round(whole)};
})"""


def test_filters_never_cut_their_options_on_a_desk(page, seeded, officer):
    """ "Cualquiera de las Part…": on a desk every list of the docket's and the queue's filters
    is wide enough for its longest option (on a phone the page's width is the limit)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base + "/es/docket/")
    lists = page.evaluate(SELECTS)
    sign_in(page, officer)
    page.goto(page.base + "/es/secretariat/")
    lists += page.evaluate(SELECTS)
    assert {entry["name"] for entry in lists} >= {"party", "status", "sort", "officer"}
    cut = [entry for entry in lists if entry["shown"] < entry["whole"]]
    assert cut == []


# Each list's width against the width its chosen option takes (a copy holding that option
# alone, as wide as it needs): a phone opens the list in a picker that shows every option
# whole, so only what the closed list shows must fit.
CHOSEN = """() => [...document.querySelectorAll('main select')].map(select => {
  const copy = select.cloneNode(false);
  copy.appendChild(select.options[select.selectedIndex].cloneNode(true));
  copy.style.width = 'auto';
  copy.style.maxWidth = 'none';
  select.parentElement.appendChild(copy);
  const whole = copy.getBoundingClientRect().width;
  copy.remove();
  return {name: select.name, shown: Math.round(select.getBoundingClientRect().width),
          whole: Math.round(whole)};
})"""


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_dockets_lists_show_their_choice_whole_on_a_phone(page, seeded, language):
    """Walk 23: "Fecha de presentación (más recient…" in the docket's sort list at 390 px."""
    page.set_viewport_size(PHONE)
    page.goto(page.base + f"/{language}/docket/")
    lists = page.evaluate(CHOSEN)
    assert {entry["name"] for entry in lists} >= {"party", "status", "sort"}
    assert [entry for entry in lists if entry["shown"] < entry["whole"]] == []


@pytest.mark.parametrize("language", ["es", "fr"])
def test_the_case_pages_lists_show_their_choice_whole_on_a_phone(page, seeded, officer, language):
    """Walk 27: "Según lo que disponen las reglas pa…", the default of a document's
    visibility in the workspace's forms at 390 px. Every list of every form of the case page
    (each folded form unfolded) shows its chosen option whole."""
    if language not in dict(settings.LANGUAGES):
        pytest.skip(f"{language} is not a language of this profile")
    page.set_viewport_size(PHONE)
    sign_in(page, officer)
    for case in (seeded.final, seeded.waiting):
        page.goto(page.base + f"/{language}/secretariat/case/{case.pk}/")
        page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        lists = page.evaluate(CHOSEN)
        assert any(entry["name"].endswith("document_visibility") for entry in lists)
        cut = [entry for entry in lists if entry["shown"] < entry["whole"]]
        assert cut == [], "\n".join(map(str, cut))


def _unfold_the_filters(page) -> None:
    """Open the page's folded filters (the docket's and the queue's fold on a phone)."""
    fold = page.locator("details.filters")
    if fold.count() and not fold.evaluate("d => d.open"):
        fold.locator(":scope > summary").click()


def choose_the_longest_stage(page, language: str, submit: str) -> None:
    """Choose the longest stage of ``language`` in the page's folded stage filter, send it with
    the ``submit`` button, and check the summary names it whole on the phone."""
    with translation.override(language):
        longest = max((str(label) for _value, label in Stage.choices), key=len)
    _unfold_the_filters(page)
    stage = page.locator("details.disclosed-choices")
    stage.locator("summary").click()
    stage.get_by_label(longest, exact=True).check()
    # The summary names the checked stage at once (walk 27: only after the search).
    assert stage.locator("summary").inner_text().endswith(longest)
    page.locator(submit).click()
    page.wait_for_url("**stage=**")
    _unfold_the_filters(page)
    summary = page.locator("details.disclosed-choices > summary")
    assert summary.inner_text().endswith(longest)
    # The summary wraps: every word of it is inside the page, nothing scrolls sideways.
    assert summary.evaluate("e => e.getBoundingClientRect().right") <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert stage.get_by_label(longest, exact=True).is_checked()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_longest_stage_is_chosen_and_named_whole_on_a_phone(page, seeded, language):
    """Walk 25: a select cut "Borrador del expediente de hechos: plazo para observaciones" to
    what 320 px hold. The stages are radio buttons under a summary naming the choice."""
    page.set_viewport_size(PHONE)
    page.goto(page.base + f"/{language}/docket/")
    choose_the_longest_stage(page, language, "form.docket-filters button[type=submit]")


def test_the_queues_stage_is_chosen_and_named_whole_on_a_phone(page, seeded, officer):
    """The queue's stage list was cut as the docket's was: the same folded radio buttons."""
    page.set_viewport_size(PHONE)
    sign_in(page, officer)
    page.goto(page.base + "/es/secretariat/")
    page.locator("details.filters > summary").click()
    choose_the_longest_stage(page, "es", "details.filters button[type=submit]")


# Each radio button or checkbox against its label: on the same line, the label to its right.
BESIDE = """() => [...document.querySelectorAll('main [type=radio], main [type=checkbox]')]
  .map(input => {
    const box = input.getBoundingClientRect();
    const label = document.querySelector(`label[for="${input.id}"]`).getBoundingClientRect();
    return {id: input.id, beside: label.left >= box.right && Math.abs(label.top - box.top) < 12};
  })"""


def test_radio_buttons_sit_with_their_labels_on_a_phone(page, seeded, a_focal, officer):
    page.set_viewport_size(PHONE)
    sign_in(page, a_focal)
    page.goto(page.base + reverse("party_respond", args=[seeded.waiting.pk]))
    inputs = page.evaluate(BESIDE)
    sign_in(page, officer)
    page.goto(page.base + reverse("ws_queue") + f"?party={A}")  # the unfolded filters
    inputs += page.evaluate(BESIDE)
    assert len(inputs) >= 2 + 4  # yes / no, and the queue's four checkboxes
    assert [entry["id"] for entry in inputs if not entry["beside"]] == []


def test_long_unbroken_words_wrap_on_a_phone(page, officer):
    """The third walk: an 80-character name widened the officer's case page to 818 px (its
    link buttons), and a 133-character title the filing receipt to 1,273 px."""
    from tests.factories import file_case
    from workflow import services

    name = "Asociación" + "x" * 70
    title = "Concesiones" + "y" * 122
    case = file_case(
        on=datetime.date(2023, 3, 10),
        title=title,
        submitters=[
            services.SubmitterInput(
                kind="organization", name=name, nationality=A, email="a@example.org"
            )
        ],
    )
    services.record_event(case, "acknowledged", actor=officer)
    case.refresh_from_db()
    page.set_viewport_size(PHONE)
    problems, widths = [], {}
    measure(page, "public", f"/es/docket/{case.slug}/", problems, widths)
    sign_in(page, officer)
    measure(page, "officer", f"/es/secretariat/case/{case.pk}/", problems, widths)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_header_leaves_the_phone_its_page(page, seeded, language):
    """Walk 48: the header and menu took 300 px of an 844 px phone before the page began. The
    site's name is smaller there and the header tighter: the page starts in the top third."""
    page.set_viewport_size(PHONE)
    page.goto(page.base + f"/{language}/docket/")
    bottom = page.evaluate("document.querySelector('.site-nav').getBoundingClientRect().bottom")
    assert bottom <= PHONE["height"] / 3 - 10, bottom


# Each of the queue's counts against the last line of its stage's name.
COUNTS = """() => [...document.querySelectorAll('.counts li')].map(li => {
  const lines = li.querySelector('a').getClientRects();
  const last = lines[lines.length - 1];
  const count = li.querySelector('.counts__n').getBoundingClientRect();
  return {text: li.textContent.trim(), gap: count.left - last.right, drop: count.top - last.top};
})"""


def test_the_queues_counts_follow_their_stage_on_a_phone(page, seeded, officer):
    """Walk 51: ": 0" wrapped alone onto a line; walk 53: made a flex item, the count sat at
    the far end of a wrapped stage's first line. It follows the name's last word."""
    page.set_viewport_size(PHONE)
    sign_in(page, officer)
    page.goto(page.base + "/es/secretariat/")
    counts = page.evaluate(COUNTS)
    assert len(counts) >= 10
    assert [c for c in counts if abs(c["gap"]) > 1 or abs(c["drop"]) > 2] == []
