"""Plain values about a case for a notice's context (JSON)."""


def case_context(submission, language: str) -> dict:
    """Plain values about a case for a notice (JSON), the title in the recipient's language."""
    return {
        "reference": submission.reference,
        "receipt_number": submission.receipt_number or "",
        "identifier": submission.identifier or "",
        "title": submission.text_in("title", language)[0],
        "party": submission.party.code,
        "closure": submission.closure_reason,
    }
