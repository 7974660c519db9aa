"""Walk 83: the page's messages are a status region holding a plain list (axe: a ``ul`` with
role=status lost its list semantics, its items were list items outside a list), and the
region can take the focus that static/js/errors.js gives it on every page that has them."""

from django.urls import reverse
from lxml import html as lxml_html


def test_the_messages_are_a_list_inside_a_focusable_status_region(client, officer, review_case):
    client.force_login(officer)
    url = reverse("ws_texts", kwargs={"pk": review_case.pk})
    data = {"title_en": "Title", "title_es": "Título", "reason": "Clearer"}
    response = client.post(url, data, follow=True)
    tree = lxml_html.fromstring(response.content.decode())
    (region,) = tree.xpath('//*[@id="messages"]')
    assert region.tag == "div"
    assert region.get("role") == "status" and region.get("tabindex") == "-1"
    (listed,) = region.xpath("./ul[@class='messages']")
    assert listed.get("role") is None
    assert [li.text_content() for li in listed.xpath("./li")] == ["Public texts saved."]
    assert tree.xpath('//script[@src="/static/js/errors.js"]')


def test_a_page_without_messages_has_no_region(client, officer, review_case):
    client.force_login(officer)
    page = client.get(reverse("ws_case", kwargs={"pk": review_case.pk})).content.decode()
    assert 'id="messages"' not in page
