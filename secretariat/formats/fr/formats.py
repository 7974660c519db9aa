# "28 octobre 2026", as the CEC's French documents write it; with its offset from UTC for a
# time, as in English and Spanish; the hour as French writes it, "9 h 30" (walk 24 read
# "12:36 UTC-0500" on French pages).
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = r"j F Y, G \h i \U\T\CO"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
