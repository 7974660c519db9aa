"""Plain values about a case for a notice's context (JSON)."""

from submissions import withheld


def case_context(submission, language: str, names=()) -> dict:
    """Plain values about a case for a notice (JSON), the title in the recipient's language,
    with the label in place of any of ``names`` (the withheld names the recipient may not
    read) it writes."""
    title, title_language = submission.shown_text("title", language)
    return {
        "reference": submission.reference,
        "receipt_number": submission.receipt_number or "",
        "identifier": submission.identifier or "",
        "slug": submission.slug or "",  # its public page, for a message that links it
        "title": withheld.masked(title, names, title_language),
        "title_language": title_language,  # marked in the HTML part where it is not the email's
        "party": submission.party.code,
        "closure": submission.closure_reason,
    }
