"""The one form base of the websites, and the one field that takes a file.

Every form of the public site, the workspace, the portals and the accounts pages derives from
``AccessibleForm``. Its fields render through ``templates/forms/_field.html`` (label or legend,
required marking, help, errors, widget) and its errors through
``templates/forms/_error_summary.html``; each widget names its help and its errors by the ids
that partial renders (``<auto_id>-help``, ``<auto_id>-error``) and says when it is invalid.

Fields that ask for a person's own details (name, email, phone, postal address, country,
organization) carry the ``autocomplete`` token that lets a browser fill them
(``PERSONAL_AUTOCOMPLETE``, by field name, WCAG 1.3.5); a form about somebody else (an officer
recording a submitter, the Director inviting a focal point) sets ``describes_its_user = False``
and those fields say ``autocomplete="off"``, so that a browser does not offer the officer's own.

``DocumentField`` applies the one upload policy (``submissions.uploads``: type, first bytes,
per-file size, virus scan with quarantine); the form adds the limit for all files together.
"""

from django import forms
from django.core import validators
from django.core.files import File
from django.forms.boundfield import BoundField
from django.utils.translation import gettext_lazy

from submissions import uploads
from submissions.texts import TOO_LONG

# Field name -> the autocomplete token of the person's own detail (HTML, "Autofill").
PERSONAL_AUTOCOMPLETE = {
    "name": "name",
    "full_name": "name",
    "first_name": "given-name",
    "last_name": "family-name",
    "email": "email",
    "phone": "tel",
    "telephone": "tel",
    "address": "street-address",
    "postal_address": "street-address",
    "country": "country-name",
    "organization": "organization",
}


EMPTY_DASHES = "---------"  # Django's empty choice (django.db.models.fields.BLANK_CHOICE_DASH)

# The longest text a field takes when its form sets no limit (walk 128: a criterion's reasons
# and a submitter's added information took 300,000 characters, and the officer's case page
# then weighed 320 kB): the public filing form's own limit for its long answers.
MAX_TEXT = 50_000


class DescribedBoundField(BoundField):
    """A widget that points at its help and errors (aria-describedby) by the partial's ids,
    and says what a browser may fill it with (``required`` is Django's own attribute; a group
    of choices is marked required on its fieldset by the partial)."""

    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        # A list's empty choice in words, in the page's language (walk 50: "---------").
        if isinstance(field, forms.ModelChoiceField) and field.empty_label == EMPTY_DASHES:
            field.empty_label = gettext_lazy("Choose…")
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if choices and choices[0] == ("", EMPTY_DASHES):
                field.choices = [("", gettext_lazy("Choose…")), *choices[1:]]

    @property
    def kept_file(self):
        """The file kept from the last post for this field (``AccessibleForm.keeps_files``)."""
        return getattr(self.form, "kept_files", {}).get(self.name)

    @property
    def aria_describedby(self):
        if self.field.widget.attrs.get("aria-describedby"):
            return None
        ids = []
        if self.auto_id and not self.is_hidden:
            if self.help_text:
                ids.append(f"{self.auto_id}-help")
            if self.errors:
                ids.append(f"{self.auto_id}-error")
            # The partial's "Kept from your last attempt: <name>" (walk 83: the input read only
            # "File, no file chosen" though a file was kept).
            if self.form.kept_upload(self.name) is not None:
                ids.append(f"{self.auto_id}-kept")
        return " ".join(ids)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        # Django does not describe a widget it would render in a fieldset (radios, a file
        # input); the partial renders each choice as its own input, so each needs the ids.
        if not attrs.get("aria-describedby") and (ids := self.aria_describedby):
            attrs["aria-describedby"] = ids
        widget = widget or self.field.widget
        if isinstance(widget, forms.Textarea):
            # A browser cuts a long text pasted into a box with a maxlength, and says nothing
            # (walk 128: 300,000 characters of added information were sent as 50,000 and
            # "added"): the server's error says the limit and the length, the text kept whole.
            # (The field's own widget, copied for this form: Django writes maxlength there.)
            widget.attrs.pop("maxlength", None)
            attrs.pop("maxlength", None)
        token = PERSONAL_AUTOCOMPLETE.get(self.name)
        if token and not widget.is_hidden and "autocomplete" not in widget.attrs:
            describes_user = getattr(self.form, "describes_its_user", True)
            attrs.setdefault("autocomplete", token if describes_user else "off")
        return attrs


class DocumentField(forms.FileField):
    """A file under the one upload policy. A file that passes carries its checked content type
    (``uploads.checked_type``), so keeping it for a later post does not scan it twice."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.ClearableFileInput(attrs={"accept": uploads.accept_attribute()})
        )
        super().__init__(**kwargs)
        self.reference = ""  # the case's receipt number, logged if the file is quarantined

    def to_python(self, data):
        # An empty file named as the policy names every other refusal (walk 76: Django's "El
        # fichero enviado está vacío.", with no name, where the page says "archivo").
        if data and getattr(data, "size", None) == 0 and getattr(data, "name", ""):
            uploads.check(data)
        return super().to_python(data)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload is not initial and hasattr(upload, "size"):
            uploads.checked_type(upload, reference=self.reference)
        return upload


class AccessibleForm(forms.Form):
    """Labels, help and errors tied to each field; the required ones marked (the partial); a
    summary of the errors linking to their fields; the one upload policy for its files."""

    bound_field_class = DescribedBoundField
    required_css_class = "field--required"
    scan_reference = ""  # the case's receipt number, when there is a case
    # Whether its name, email, phone… fields are the details of the person filling it in.
    describes_its_user = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_texts()

    def _limit_texts(self) -> None:
        """A text field that sets no limit takes ``MAX_TEXT`` characters, as if it had said
        ``max_length``: the translated error ``TOO_LONG`` ("At most 50000 characters (this
        text has …)", also for the fields that set their own limit) and a single line's
        maxlength (``DescribedBoundField`` gives a box of several lines none).
        Again before validating, for the fields a form adds after this base's ``__init__`` (a
        determination's reasons per criterion)."""
        for field in self.fields.values():
            if type(field) is forms.CharField and field.max_length is None:
                field.max_length = MAX_TEXT
                field.validators.append(validators.MaxLengthValidator(MAX_TEXT))
                if not field.widget.is_hidden and not isinstance(field.widget, forms.Textarea):
                    field.widget.attrs.setdefault("maxlength", str(MAX_TEXT))
            if isinstance(field, forms.CharField):
                # The limit said as it is (walk 129: Django's Spanish "menos de 50000
                # caracteres" where 50,000 are taken).
                field.validators = [
                    validators.MaxLengthValidator(v.limit_value, message=TOO_LONG)
                    if type(v) is validators.MaxLengthValidator
                    else v
                    for v in field.validators
                ]

    @property
    def has_required_fields(self) -> bool:
        """Whether a visible field is required (the page then explains the marking)."""
        return self.use_required_attribute and any(
            field.required for field in self.fields.values() if not field.widget.is_hidden
        )

    # A form whose valid files survive a post sent back with a problem (the portals' letters
    # and annexes, the workspace's actions and paper filings; walks 22 and 24: "No file
    # chosen" after another field's error). Its view calls ``keep_files`` when it sends the
    # page back and ``forget_kept`` once the workflow has recorded them. Each kept
    # file waits in the upload policy's temporary storage (``uploads.stash``) and comes back
    # by a signed token, ``<field>_kept``, which the field's partial writes; ``<field>_drop``
    # lets it go. The public filing form keeps its files its own way (filing_forms).
    keeps_files = False

    def kept_upload(self, name: str):
        """The file kept from an earlier post for field ``name``, which the page says beside the
        field in ``<auto_id>-kept`` (its widget's aria-describedby names it). A form that keeps
        its files its own way (the public filing form) says which here."""
        return getattr(self, "kept_files", {}).get(name)

    def _document_fields(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, DocumentField)]

    def _restore_kept(self) -> None:
        """Put each file kept from the last post back where no new one was chosen."""
        self.kept_files = {}
        for name in self._document_fields():
            key = self.add_prefix(name)
            pending = uploads.from_token(self.data.get(f"{key}_kept", ""))
            if pending is None or self.files.get(key):
                continue
            if self.data.get(f"{key}_drop"):
                pending.delete()
                continue
            kept = File(pending.open(), name=pending.original_name)
            kept.size = pending.size
            self.files = self.files.copy()
            self.files[key] = kept
            self.kept_files[name] = pending

    def keep_files(self) -> None:
        """Keep this post's valid files for the next one (the page comes back with a problem)."""
        if not (self.keeps_files and self.is_bound):
            return
        for name in self._document_fields():
            upload = getattr(self, "cleaned_data", {}).get(name)
            if upload and name not in self.kept_files:
                self.kept_files[name] = uploads.stash(upload)

    def forget_kept(self) -> None:
        """The workflow has copied the kept files to their place: remove the temporary ones."""
        for pending in getattr(self, "kept_files", {}).values():
            pending.delete()

    def full_clean(self):
        self._limit_texts()
        for field in self.fields.values():
            if isinstance(field, DocumentField):
                field.reference = self.scan_reference
        if self.is_bound and self.keeps_files:
            self._restore_kept()
        super().full_clean()
        if self.is_bound and hasattr(self, "cleaned_data"):
            try:
                uploads.check_total(self.upload_sizes())
            except forms.ValidationError as error:
                self.add_error(None, error)

    def upload_sizes(self) -> list[int]:
        """The sizes the limit for all files together counts (forms that keep files across
        posts count the kept ones)."""
        return [
            value.size
            for name, field in self.fields.items()
            if isinstance(field, DocumentField)
            and (value := self.cleaned_data.get(name))
            and hasattr(value, "size")
        ]

    def error_links(self, fields=None):
        """(anchor, label, message) for the error summary at the top of the page: the form's
        own errors, then its fields' in the form's order. With ``fields`` (names), only those
        fields' errors, in that order: for a page that lays the fields out in another order or
        between other forms' (the public filing form)."""
        links = []
        if not self.is_bound:
            return links
        if fields is None:
            for message in self.non_field_errors():
                links.append(("", "", message))
        for bound in self if fields is None else (self[name] for name in fields):
            if bound.is_hidden:
                continue
            anchor = bound.id_for_label or f"{bound.auto_id}_0"
            # A field repeated in several groups names its group there (walk 45: "File:
            # «notas.txt» is not an accepted type", with five attachments each with a "File").
            label = getattr(bound.field, "summary_label", None) or bound.label
            for message in bound.errors:
                # A box left unticked whose error says which box in its own words ("Tick the
                # box to confirm the withdrawal.") comes without its label's whole sentence
                # (walk 97: "Yes, withdraw this submission. I understand… This field…").
                required = bound.field.error_messages.get("required")
                alone = (
                    isinstance(bound.field, forms.BooleanField)
                    and message == required
                    and required != forms.Field.default_error_messages["required"]
                )
                links.append((anchor, "" if alone else label, message))
        return links
