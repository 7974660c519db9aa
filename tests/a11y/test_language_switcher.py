"""Walk 83: the language switcher's current language says so in words (aria-current="true" on
a span is announced by few screen readers), in the page's language."""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from lxml import html as lxml_html


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "name"), [("en", "English"), ("es", "Español")])
def test_the_current_language_is_said_in_words(client, language, name):
    tree = lxml_html.fromstring(client.get(f"/{language}/").text)
    (current,) = tree.xpath('//*[@class="language-switcher__current"]')
    (shown,) = current.xpath("./span[@lang]")
    assert (shown.get("lang"), shown.text_content()) == (language, name)
    (hidden,) = current.xpath('./span[@class="visually-hidden"]')
    with translation.override(language):
        assert hidden.text_content().strip() == gettext("(current language)")
    assert hidden.get("lang") is None  # in the page's language
