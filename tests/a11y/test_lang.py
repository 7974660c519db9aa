"""Walk 83: a field written in another language than the page's says which (lang), and a text
not given reads as words, not as "em dash" in the text's language."""

from django.urls import reverse
from lxml import html as lxml_html

from submissions import profiles


def _case_page(client, officer, case):
    client.force_login(officer)
    return lxml_html.fromstring(client.get(reverse("ws_case", kwargs={"pk": case.pk})).text)


def test_each_public_text_field_is_marked_with_its_language(client, officer, review_case):
    tree = _case_page(client, officer, review_case)
    for code in profiles.installed().languages:
        for field in ("title", "summary"):
            (widget,) = tree.xpath(f'//*[@name="{field}_{code}"]')
            assert widget.get("lang") == code


def test_the_reasons_of_a_determination_are_marked_with_the_case_language(
    client, officer, review_case
):
    assert review_case.language == "es"
    tree = _case_page(client, officer, review_case)
    reasons = tree.xpath('//textarea[starts-with(@name, "admissibility_determined-")]')
    reasons = [r for r in reasons if r.get("name").endswith("_reasons")]
    assert reasons
    assert {r.get("lang") for r in reasons} == {"es"}
    # The page itself stays English: the help says to write in Spanish.
    assert tree.get("lang") == "en"


def test_a_missing_title_is_said_in_words_in_the_page_language(client, officer, review_case):
    review_case.title_en = ""
    review_case.save()
    tree = _case_page(client, officer, review_case)
    facts = tree.xpath('//dl[@class="facts"]')[0]  # the case's; the answers follow
    texts = [dd.text_content() for dd in facts.xpath("./dd")]
    assert "—" not in texts
    empty = [dd for dd in facts.xpath("./dd") if dd.text_content() == "Not given"]
    assert empty and all(dd.get("lang") is None for dd in empty)
