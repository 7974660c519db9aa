"""Import and export of whole case histories in the `sem-registry/1` format (REGISTRY-FORMAT.md).

Import replays every event through the same services and rules that live cases follow, with
the historical dates; a case that breaks a rule is refused whole (no row, no file left behind)
and does not stop the others. Export writes the same format: by default exactly what the public
docket shows; with ``restricted=True`` everything, so that export → import → export gives the
same bytes and every event's hash is checked on the way in.
"""

from workflow.registry.exporter import (
    export_registry,
    iter_cases,
    iter_registry,
    public_case,
    public_documents_by_event,
    public_submitter,
)
from workflow.registry.importer import FORMAT, ImportReport, RefusedCase, import_registry

__all__ = [
    "FORMAT",
    "ImportReport",
    "RefusedCase",
    "export_registry",
    "import_registry",
    "iter_cases",
    "iter_registry",
    "public_case",
    "public_documents_by_event",
    "public_submitter",
]
