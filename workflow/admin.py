"""The Django admin for the legal record and the calendar.

Events and deadlines are read-only: the chain is append-only and deadlines follow from it.
Non-working days and editable lengths are changed here only through the services that
recompute open deadlines and record that they did (``set_non_working_day``,
``remove_non_working_day``, ``set_deadline_length``).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from submissions import access
from submissions.admin import HistoryAdmin, ReadOnlyAdmin
from workflow import services
from workflow.models import Deadline, DeadlineLength, Event, NonWorkingDay
from workflow.periods import SPECS


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = (
        "submission",
        "seq",
        "kind_label",
        "on",
        "author",
        "visibility",
        "code",
        "recorded_by",
    )
    list_filter = ("kind", "visibility", "author")
    search_fields = ("submission__identifier", "submission__receipt_number", "code", "title")
    list_select_related = ("submission", "recorded_by")
    date_hierarchy = "on"

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return obj.kind_label


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdmin):
    list_display = ("submission", "kind_label", "party", "start_on", "due_on", "state", "late")
    list_filter = ("state", "kind", "late")
    search_fields = ("submission__identifier", "submission__receipt_number")
    list_select_related = ("submission",)
    date_hierarchy = "due_on"

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        return obj.kind_label


class SecretariatCalendarAdmin(HistoryAdmin):
    """Only Secretariat staff change the calendar and the lengths: the recomputation is
    recorded on each case as their act (the event table allows it to the Secretariat)."""

    def _may_edit(self, request):
        return access.is_secretariat(request.user)

    def has_add_permission(self, request):
        return self._may_edit(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request) and super().has_delete_permission(request, obj)


@admin.register(NonWorkingDay)
class NonWorkingDayAdmin(SecretariatCalendarAdmin):
    list_display = ("date", "description")
    date_hierarchy = "date"
    actions = None  # bulk delete would skip the recomputation

    def get_readonly_fields(self, request, obj=None):
        # Moving a day is removing one and adding another: do it as two steps, each recorded.
        return ("date",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        row = services.set_non_working_day(obj.date, obj.description, actor=request.user)
        obj.pk = row.pk

    def delete_model(self, request, obj):
        services.remove_non_working_day(obj.date, actor=request.user)


class DeadlineLengthForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind"), choices=())

    class Meta:
        model = DeadlineLength
        fields = ("kind", "length")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the periods PROCESS.md marks [ours]; treaty periods are not editable. (On a
        # change the kind is read-only and absent from the form.)
        if "kind" in self.fields:
            self.fields["kind"].choices = [
                (kind, spec.label) for kind, spec in SPECS.items() if spec.editable
            ]
        self.fields["length"].min_value = 1
        self.fields["length"].widget.attrs["min"] = 1

    def clean_length(self):
        length = self.cleaned_data["length"]
        if length < 1:
            raise forms.ValidationError(_("A period lasts at least one day."))
        return length


@admin.register(DeadlineLength)
class DeadlineLengthAdmin(SecretariatCalendarAdmin):
    form = DeadlineLengthForm
    list_display = ("kind_label", "length", "default_length")
    actions = None

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        spec = SPECS.get(obj.kind)
        return spec.label if spec else obj.kind

    @admin.display(description=_("default length"))
    def default_length(self, obj):
        spec = SPECS.get(obj.kind)
        return spec.length if spec else None

    def get_readonly_fields(self, request, obj=None):
        return ("kind",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        services.set_deadline_length(obj.kind, obj.length, actor=request.user)
        obj.pk = DeadlineLength.objects.get(kind=obj.kind).pk

    def has_delete_permission(self, request, obj=None):
        # No service restores a default and recomputes: set the default length instead.
        return False
