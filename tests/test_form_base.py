"""Every form of the websites derives from the one base (secretariat.web.forms.AccessibleForm):
labels, help and errors tied to fields, required marking, the error summary."""

import importlib
import inspect
import pkgutil

from django import forms

import secretariat
from secretariat.web.forms import AccessibleForm

# Settings modules read the environment (production fails without secrets); entry points start
# servers. Neither defines a form.
SKIPPED = ("secretariat.settings", "secretariat.wsgi", "secretariat.asgi")


def site_form_classes() -> set[type]:
    found = set()
    for module_info in pkgutil.walk_packages(secretariat.__path__, "secretariat."):
        if module_info.name.startswith(SKIPPED):
            continue
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__.startswith("secretariat."):
                found.add(cls)
    return found


def test_every_form_of_the_websites_derives_from_the_one_base():
    classes = site_form_classes()
    names = {cls.__name__ for cls in classes}
    # The walk reaches each website's forms (a walk that found nothing would prove nothing).
    assert {"FilingForm", "ResponseForm", "ActionForm", "PaperFilingForm", "InviteForm"} <= names
    assert {"CodeForm", "QueueFilterForm", "DocumentVersionForm"} <= names
    outside = sorted(
        f"{c.__module__}.{c.__name__}" for c in classes if not issubclass(c, AccessibleForm)
    )
    assert outside == []


def test_each_form_name_is_defined_once():
    classes = site_form_classes()
    by_name = {}
    for cls in classes:
        by_name.setdefault(cls.__name__, set()).add(cls.__module__)
    assert {name: modules for name, modules in by_name.items() if len(modules) > 1} == {}
