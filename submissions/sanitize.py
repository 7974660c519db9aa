"""All HTML sanitising, with one allow-list.

Text that people type (submissions, notes, comments) is stored as they typed it and escaped
by the templates. Where rich text is shown (a formatted summary written by staff), it passes
through ``clean_html`` first. nh3 (Rust's ammonia) is the maintained successor of bleach, which
the original design named and which has had no security release since June 2026; unlike
bleach with ``strip=True`` it removes a ``<script>`` element together with its content.
"""

import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "cite",
        "code",
        "em",
        "i",
        "li",
        "ol",
        "p",
        "strong",
        "sub",
        "sup",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def clean_html(value: str) -> str:
    """HTML safe to show: only the allow-listed tags, attributes and URL schemes; links get
    rel="noopener noreferrer"."""
    return nh3.clean(
        value or "",
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )


def plain_text(value: str) -> str:
    """The text of a fragment with every tag removed (for titles, subjects, filenames)."""
    return nh3.clean(value or "", tags=set())
