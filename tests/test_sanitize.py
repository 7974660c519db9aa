from submissions.sanitize import clean_html, plain_text


def test_script_is_removed_with_its_content():
    assert clean_html("<p>Hola<script>alert('x')</script></p>") == "<p>Hola</p>"


def test_event_handlers_and_javascript_urls_are_removed():
    cleaned = clean_html(
        '<a href="javascript:alert(1)" onclick="x()">link</a><img src=x onerror=alert(1)>'
    )
    assert "javascript" not in cleaned and "onclick" not in cleaned and "<img" not in cleaned


def test_allowed_markup_stays_and_links_get_rel():
    cleaned = clean_html('<p><strong>Ley</strong> <a href="https://example.org">texto</a></p>')
    assert "<strong>Ley</strong>" in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_plain_text_keeps_only_text():
    assert plain_text("<b>Río</b> <i>Tambopata</i>") == "Río Tambopata"
