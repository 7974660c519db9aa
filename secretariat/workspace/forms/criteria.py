"""The labels of the Article 18.8.2 criteria and the Article 18.8.4 factors, as the
determination forms ask them: the treaty's one wording (``workflow.treaty``), which timelines
and generated documents use too, each with its letter."""

from workflow.treaty import CRITERIA as CRITERIA_TEXT
from workflow.treaty import FACTORS as FACTORS_TEXT
from workflow.treaty import lettered_items

CRITERIA = lettered_items(CRITERIA_TEXT)
FACTORS = lettered_items(FACTORS_TEXT)
