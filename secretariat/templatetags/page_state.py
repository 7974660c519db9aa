"""What base.html says of the page as a whole: whether a form on it came back with errors.

Load with ``{% load page_state %}``. The page's title then starts with "Error:" (walk 83: a
failed post left the title as before, and a screen reader announces the title first). Every
page that shows an error summary (templates/forms/_error_summary.html) has in its context the
bound form, formset, ``error_links`` or ``problem`` it shows: the case page's forms (one bound
among several, or in the list of its actions), the portals', sign-in's and the public
filing form's alike, so no template sets a flag of its own.
"""

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _has_errors(value) -> bool:
    # type(), not isinstance(): isinstance asks a lazy object (the context's ``user``, its
    # ``csrf_token``) for its class, which evaluates it: the session read, a CSRF cookie set,
    # on pages that otherwise touch neither (the cached public pages).
    kind = type(value)
    if issubclass(kind, BaseForm):
        return value.is_bound and bool(value.errors)
    if issubclass(kind, BaseFormSet):
        return value.is_bound and bool(value.total_error_count())
    return False


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """Whether the page shows a form's errors: a bound form or formset with errors among the
    context's values (or in a list of them), gathered ``error_links``, or a ``problem``."""
    values = context.flatten()
    if values.get("error_links") or values.get("problem"):
        return True
    for value in values.values():
        items = value if type(value) in (list, tuple) else (value,)
        if any(_has_errors(item) for item in items):
            return True
    return False
