from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubmissionsConfig(AppConfig):
    name = "submissions"
    verbose_name = _("Submissions")

    def ready(self):
        from django.db.backends.signals import connection_created

        from submissions.search import register_fold

        # The quick start's SQLite searches without accents or case, as PostgreSQL does.
        connection_created.connect(register_fold, dispatch_uid="submissions.sem_fold")
