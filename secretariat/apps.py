from django.apps import AppConfig


class SecretariatConfig(AppConfig):
    name = "secretariat"

    def ready(self):
        # The public pages are kept by the registry's version (secretariat.public.cache): every
        # recorded event, and every saved or deleted row a public page is made from (a public
        # title edited, a calendar change: cache.PUBLIC_MODELS), starts a new one once its
        # transaction commits.
        from django.core import checks
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from secretariat.compile_messages import check_compiled
        from secretariat.public import cache, statistics
        from workflow import hooks

        hooks.on_event_committed(cache.event_committed)
        checks.register(check_compiled)  # uncompiled catalogues: English on every page
        # With a Celery worker, the statistics of each new version are made in the background.
        cache.after_bump(statistics.warm_figures_later)
        for name, signal in (("save", post_save), ("delete", post_delete), ("m2m", m2m_changed)):
            signal.connect(cache.changed_model, dispatch_uid=f"sem-public-version-{name}")
