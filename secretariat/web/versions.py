"""A document's language versions listed as one item, on the pages that list a case's
documents for the people in it (the tracking page, the portals): the docket groups them
too (``docket_views.attach_documents``), around the original."""


def grouped(documents, language: str) -> list:
    """``documents`` (in order) with each translation under the document it renders, when that
    one is listed too: one item per document, read as its version in ``language`` where there
    is one, with ``others`` holding the rest and ``original`` the document they render (walk
    54: the acknowledgement was listed twice, once per language; walk 55: so were the
    determinations in the portals)."""
    listed = {document.pk: document for document in documents}
    groups: dict[int, list] = {}
    for document in documents:
        original = document.translation_of_id if document.translation_of_id in listed else None
        groups.setdefault(original or document.pk, []).append(document)
    items = []
    for original, group in groups.items():
        head = next((version for version in group if version.language == language), group[0])
        head.others = [version for version in group if version is not head]
        head.original = listed[original]
        items.append(head)
    return items
