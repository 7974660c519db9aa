"""Labelled server-side SVG charts for the statistics page, laid out here so that each chart
reads without the table under it: every bar carries its name and its numbers in words.

A chart is ``{"width", "height", "texts", "rects", "lines"}`` in a 360-unit-wide view box: at
a 390 px phone the text is drawn at about its nominal size (14 units), and the template scales
the whole drawing to the width available, never wider. Texts arrive translated (the caller
builds them under the reader's language); the template escapes them.
"""

import textwrap

WIDTH = 360
FONT = 14
LINE = 18  # a text line's height
BAR = 16  # a bar's height
GAP = 14  # between two rows
# The widest a character is drawn on average at FONT, in view-box units, by weight (measured in
# Chromium with Debian's fonts: up to 8.7 bold over a whole label): for the room a text needs
# (tests/docket/test_charts.py holds every text inside the view box by it).
CHAR = {"bold": 8.8, "normal": 8.0}
WRAP = 40  # characters on a label line at FONT on WIDTH (Spanish step names are long)
WRAP_TEXT = 44  # the same for a line of figures, in normal weight

BLUE = "#1d5c8c"  # done / on time
RED = "#b3261e"  # late
DARK_RED = "#6e1510"  # still overdue (late, and still open)
GREY = "#5f6b76"  # not counted either way
INK = "#1a1a1a"


class _Canvas:
    def __init__(self):
        self.texts, self.rects, self.lines = [], [], []
        self.y = 0

    def text(self, text: str, *, x: float = 0, bold: bool = False):
        self.y += LINE
        self.texts.append(
            {"x": x, "y": self.y - 4, "text": text, "weight": "bold" if bold else "normal"}
        )

    def label(self, text: str):
        for line in textwrap.wrap(str(text), WRAP) or [""]:
            self.text(line, bold=True)

    def lines_of(self, text: str):
        """A sentence of figures, on as many lines as it needs to stay inside the view box
        (a walk on a phone found "(la marca)" cut off at the right edge)."""
        for line in textwrap.wrap(str(text), WRAP_TEXT) or [""]:
            self.text(line)

    def bar(self, segments, *, marks=()):
        """Draw ``segments`` (``(width, colour)`` in view-box units) end to end on one row,
        and a vertical mark at each x of ``marks``."""
        top = self.y + 3
        x = 0.0
        for width, colour in segments:
            if width > 0:
                self.rects.append(
                    {
                        "x": round(x, 1),
                        "y": top,
                        "width": round(width, 1),
                        "height": BAR,
                        "fill": colour,
                    }
                )
                x += width
        if not any(w > 0 for w, _c in segments):
            # An empty row still shows where it would start, so a zero reads as a zero.
            self.rects.append({"x": 0, "y": top, "width": 1, "height": BAR, "fill": GREY})
        for mark in marks:
            self.lines.append(
                {
                    "x1": round(mark, 1),
                    "x2": round(mark, 1),
                    "y1": top - 3,
                    "y2": top + BAR + 3,
                    "stroke": INK,
                }
            )
        self.y = top + BAR + 2

    def gap(self):
        self.y += GAP

    def done(self) -> dict:
        return {
            "width": WIDTH,
            "height": self.y + 4,
            "texts": self.texts,
            "rects": self.rects,
            "lines": self.lines,
        }


def bars(rows) -> dict:
    """One bar per ``(label, value, words)``: the label above, the bar, the value in words
    after it. Bars are scaled to the largest value."""
    rows = list(rows)
    top = max((value for _label, value, _words in rows), default=0) or 1
    # The longest bar leaves room for the longest number in words after it ("5
    # comunicaciones" was cut to "5 comunicacion").
    room = max((len(str(words)) for _l, _v, words in rows), default=0) * CHAR["normal"] + 8
    canvas = _Canvas()
    for label, value, words in rows:
        canvas.label(label)
        canvas.bar([((WIDTH - room) * value / top, BLUE)])
        # The number sits just after the bar's end, on the bar's own row.
        end = canvas.rects[-1]["x"] + canvas.rects[-1]["width"] if value else 0
        canvas.texts.append(
            {"x": round(end + 6, 1), "y": canvas.y - 6, "text": words, "weight": "normal"}
        )
        canvas.gap()
    return canvas.done()


def timeliness(rows) -> dict:
    """Per step: the label, one bar split into on time / late (met late or missed) / still
    overdue, all against the total decided, and the counts in words under it."""
    canvas = _Canvas()
    for row in rows:
        canvas.label(row["label"])
        total = row["on_time"] + row["late"]
        scale = WIDTH / total if total else 0
        canvas.bar(
            [
                (row["on_time"] * scale, BLUE),
                ((row["late"] - row["overdue"]) * scale, RED),
                (row["overdue"] * scale, DARK_RED),
            ]
        )
        for line in row["lines"]:
            canvas.lines_of(line)
        canvas.gap()
    return canvas.done()


def durations(rows) -> dict:
    """Per step: the label, the median days taken as a bar with the target as a vertical mark,
    and the figures in words under it. One scale for every step."""
    top = max((max(r["median"], r["target"]) for r in rows), default=0) or 1
    canvas = _Canvas()
    for row in rows:
        canvas.label(row["label"])
        scale = (WIDTH - 20) / top
        canvas.bar([(row["median"] * scale, BLUE)], marks=[row["target"] * scale])
        for line in row["duration_lines"]:
            canvas.lines_of(line)
        canvas.gap()
    return canvas.done()
