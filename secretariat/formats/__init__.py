"""One way to write a date in each language, on every page, email and document (issue 17):
English "28 October 2026", Spanish "28 de octubre de 2026" — the form ``notices.wording``
writes into the formal documents. ``FORMAT_MODULE_PATH`` points here; what a module does not
set falls back to Django's own formats for that language."""
