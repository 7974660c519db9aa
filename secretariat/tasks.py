"""The site's Celery tasks, here so that the worker's autodiscovery registers them."""

from secretariat.public.statistics import warm_figures

__all__ = ["warm_figures"]
