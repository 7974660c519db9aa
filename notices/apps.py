from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = _("Notices")

    def ready(self):
        # The workflow knows nothing of the notices: they register to hear of its events.
        from notices import dispatch
        from workflow import hooks

        hooks.on_event_written(dispatch.queue_notices)
        hooks.on_event_committed(dispatch.event_recorded)
