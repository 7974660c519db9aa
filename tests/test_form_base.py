"""Every form of the websites derives from the one base (secretariat.web.forms.AccessibleForm):
labels, help and errors tied to fields, required marking explained by a legend, the error
summary, and autocomplete tokens on a person's own details."""

import importlib
import inspect
import pkgutil
import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

import secretariat
from secretariat.accounts.views import InviteForm
from secretariat.public.filing_forms import InformationForm, SubmitterForm
from secretariat.web.forms import MAX_TEXT, PERSONAL_AUTOCOMPLETE, AccessibleForm

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


# --- Required marking, described fields, autocomplete ------------------------------------------


def widget_html(form, name) -> str:
    return str(form[name])


def test_a_persons_own_details_carry_their_autocomplete_tokens():
    form = SubmitterForm(prefix="s0")
    assert 'autocomplete="name"' in widget_html(form, "name")
    assert 'autocomplete="email"' in widget_html(form, "email")
    assert 'autocomplete="tel"' in widget_html(form, "phone")
    assert 'autocomplete="street-address"' in widget_html(form, "postal_address")
    information = InformationForm()
    assert 'autocomplete="organization"' in widget_html(information, "organization")
    assert set(PERSONAL_AUTOCOMPLETE.values()) >= {
        "name",
        "email",
        "tel",
        "street-address",
        "country-name",
        "organization",
    }


def test_someone_elses_details_are_not_filled_with_ones_own():
    form = InviteForm()
    for name in ("email", "first_name", "last_name"):
        assert 'autocomplete="off"' in widget_html(form, name), name


def test_a_token_the_form_sets_itself_is_kept():
    class CodeLike(AccessibleForm):
        email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "username"}))

    assert 'autocomplete="username"' in widget_html(CodeLike(), "email")
    assert 'autocomplete="email"' not in widget_html(CodeLike(), "email")


class _Sample(AccessibleForm):
    title = forms.CharField(label="Title", help_text="What it is about.")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="Note", required=False)


def render_fields(form) -> str:
    return render_to_string("forms/_error_summary.html", {"form": form}) + "".join(
        render_to_string("forms/_field.html", {"field": field}) for field in form
    )


def test_required_fields_are_marked_and_the_marking_explained():
    html = render_fields(_Sample())
    assert "must be filled in." in html  # the legend, once
    assert html.count("must be filled in.") == 1
    label = re.search(r'<label for="id_title">.*?</label>', html, re.S).group(0)
    assert '<span class="required">(required)</span>' in label
    assert re.search(r'<input type="text" name="title"[^>]*required', html)
    legend = re.search(r"<legend>.*?</legend>", html, re.S).group(0)
    assert '<span class="required">(required)</span>' in legend
    assert re.search(r'<input type="radio" name="kind"[^>]*required', html)
    note = re.search(r'<label for="id_note">.*?</label>', html, re.S).group(0)
    assert "(required)" not in note


def test_no_legend_where_nothing_is_required():
    class Optional(AccessibleForm):
        note = forms.CharField(required=False)

    assert "must be filled in." not in render_fields(Optional())


def test_help_and_errors_are_tied_to_their_fields():
    form = _Sample(data={"title": "", "kind": ""})
    assert not form.is_valid()
    html = render_fields(form)
    title = re.search(r'<input type="text" name="title"[^>]*>', html).group(0)
    assert 'aria-describedby="id_title-help id_title-error"' in title
    assert 'aria-invalid="true"' in title
    assert 'id="id_title-help"' in html and 'id="id_title-error"' in html
    for radio in re.findall(r'<input type="radio" name="kind"[^>]*>', html):
        assert 'aria-describedby="id_kind-error"' in radio
    assert 'id="id_kind-error"' in html
    assert '<a href="#id_title">' in html and '<a href="#id_kind_0">' in html


class _Punctuated(AccessibleForm):
    declaration = forms.BooleanField(label="I declare that this is true.")
    question = forms.CharField(label="Why?")
    name = forms.CharField(label="Name")


def test_a_label_ending_with_punctuation_takes_no_colon_in_the_summary():
    form = _Punctuated(data={})
    assert not form.is_valid()
    summary = render_to_string("forms/_error_summary.html", {"form": form})
    links = [
        re.sub(r"\s+", " ", text)
        for text in re.findall(r'<a href="#id_[^"]*">(.*?)</a>', summary, re.S)
    ]
    assert links == [
        "I declare that this is true. This field is required.",
        "Why? This field is required.",
        "Name: This field is required.",
    ]


class _Confirmed(AccessibleForm):
    confirm = forms.BooleanField(
        label="Yes, withdraw it. I understand that the case will be closed.",
        error_messages={"required": "Tick the box to confirm the withdrawal."},
    )


def test_a_box_whose_error_names_it_comes_without_its_label_in_the_summary():
    """Walk 97: "Yes, withdraw this submission. I understand that the case will be closed.
    This field is required." The box's own error says which box; a box with Django's
    generic error keeps its label (above)."""
    form = _Confirmed(data={})
    assert not form.is_valid()
    assert form.error_links() == [("id_confirm", "", "Tick the box to confirm the withdrawal.")]
    summary = render_to_string("forms/_error_summary.html", {"form": form})
    (link,) = re.findall(r'<a href="#id_confirm">(.*?)</a>', summary, re.S)
    assert link == "Tick the box to confirm the withdrawal."


def test_error_links_of_named_fields_come_in_the_order_given():
    form = _Punctuated(data={})
    assert not form.is_valid()
    assert [anchor for anchor, _label, _message in form.error_links(["name", "declaration"])] == [
        "id_name",
        "id_declaration",
    ]


@pytest.mark.django_db
def test_the_docket_search_ties_its_errors_to_the_fields(client):
    html = client.get("/en/docket/?year=12").text
    year = re.search(r'<input type="number" name="year"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in year
    described = re.search(r'aria-describedby="([^"]+)"', year).group(1)
    for ident in described.split():
        assert f'id="{ident}"' in html, ident


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/en/accounts/login/", "/en/file/", "/en/docket/", "/en/track/lost/"],
)
def test_every_described_field_names_an_element_of_the_page(client, path):
    """No aria-describedby points at an id the page lacks (a broken reference reads nothing)."""
    html = client.get(path).text
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    for described in re.findall(r'aria-describedby="([^"]+)"', html):
        for ident in described.split():
            assert ident in ids, (path, ident)


@pytest.mark.django_db
def test_a_lists_empty_choice_is_said_in_words():
    """Walk 50: the workspace's lists (the document, the entry of a visibility decision, the
    case consolidated with) began with Django's "---------". The base says "Choose…" in the
    page's language, for a model's list and a plain one alike."""
    from django.utils import translation

    from submissions.models import Party

    class Lists(AccessibleForm):
        party = forms.ModelChoiceField(queryset=Party.objects.all())
        other = forms.ChoiceField(choices=[("", "---------"), ("x", "X")])

    with translation.override("es"):
        html = str(Lists()["party"]) + str(Lists()["other"])
    assert "---------" not in html
    assert html.count('<option value="" selected>Elija…</option>') == 2


class _Texts(AccessibleForm):
    said = forms.CharField(label="Said", max_length=100, widget=forms.Textarea)
    unsaid = forms.CharField(label="Unsaid", widget=forms.Textarea)
    line = forms.CharField(label="Line")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["later"] = forms.CharField(label="Later", widget=forms.Textarea)


def test_a_text_without_a_limit_takes_the_bases_and_a_box_is_never_cut_by_the_browser():
    # Walk 128: a criterion's reasons took 300,000 characters; the added information's box,
    # with a maxlength, was cut to 50,000 by the browser without a word and "added".
    with translation.override("es"):
        form = _Texts(
            data={
                "said": "x",
                "unsaid": "y" * (MAX_TEXT + 1),
                "line": "z",
                "later": "w" * (MAX_TEXT + 1),
            }
        )
        assert not form.is_valid()
        for name in ("unsaid", "later"):
            assert form.errors[name] == [
                f"Como máximo {MAX_TEXT} caracteres (este texto tiene {MAX_TEXT + 1})."
            ]
        html = render_fields(form)
    assert "maxlength" not in re.search(r"<textarea[^>]*name=\"said\"[^>]*>", html).group(0)
    assert "maxlength" not in re.search(r"<textarea[^>]*name=\"unsaid\"[^>]*>", html).group(0)
    assert f'maxlength="{MAX_TEXT}"' in re.search(r'<input[^>]*name="line"[^>]*>', html).group(0)
    assert "y" * (MAX_TEXT + 1) in html  # sent back whole, to be shortened
    assert _Texts(
        data={"said": "x", "unsaid": "y" * MAX_TEXT, "line": "z", "later": "w"}
    ).is_valid()
