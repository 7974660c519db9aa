# "28 October 2026": the day first, as the Secretariat's documents write it, never
# Django's American default "Oct. 28, 2026" beside it.
DATE_FORMAT = "j F Y"
# With its offset from UTC: a time is read in Lima, in Washington and in a browser elsewhere.
DATETIME_FORMAT = r"j F Y, H:i \U\T\CO"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
