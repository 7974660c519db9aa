"""Walk 83: the queue marks the link of the list it shows (aria-current), and its filters
form is named by its heading."""

import pytest
from lxml import html as lxml_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "current"),
    [
        ("stage=admissibility_review", "Admissibility review"),
        ("unassigned=on", "Unassigned"),
        ("officer=me", "My cases"),
        ("", None),
    ],
)
def test_the_link_of_the_list_shown_is_current(client, officer, query, current):
    client.force_login(officer)
    tree = lxml_html.fromstring(client.get(f"/en/secretariat/?{query}").text)
    marked = [a.text_content() for a in tree.xpath('//main//a[@aria-current="page"]')]
    assert marked == ([current] if current else [])
    (form,) = tree.xpath('//details[@class="filters"]/form')
    assert tree.get_element_by_id(form.get("aria-labelledby")).text_content() == "Filters"
