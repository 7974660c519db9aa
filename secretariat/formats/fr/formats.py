# "28 octobre 2026", as the CEC's French documents write it; with its offset from UTC for a
# time, as in English and Spanish.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y, H:i \U\T\CO"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
