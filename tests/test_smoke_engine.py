import datetime

from tests.factories import file_case
from tests.parties import SLUG
from workflow import services
from workflow.deadlines import explain
from workflow.models import Deadline


def test_file_and_acknowledge(db, officer):
    case = file_case(on=datetime.date(2023, 3, 10))
    assert case.receipt_number == "R-2023-000001"
    assert case.stage == "admissibility_review"
    deadlines = {d.kind: d for d in Deadline.objects.filter(submission=case)}
    # 30 days from Friday 10 March 2023: Sunday 9 April, so Monday 10 April under every profile
    # (Easter Monday is no holiday at any seat; Guatemala's Easter holidays are 6-8 April).
    assert deadlines["admissibility"].due_on == datetime.date(2023, 4, 10)
    assert "moved to the next working day" in explain(deadlines["admissibility"])
    ev = services.record_event(
        case, "acknowledged", actor=officer, on=datetime.date(2023, 3, 13), reason="paper"
    )
    case.refresh_from_db()
    assert (
        case.identifier
        == {
            "us-peru-tpa": "SEM/PE/001/2023",
            "usmca-cec": "SEM-23-001",
            "cafta-dr": "CAALA/23/001",
        }[SLUG]
    )
    assert ev.seq == 2
