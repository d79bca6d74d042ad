"""Charts drawn on the server as SVG: no script, no request, readable as text.

Each chart returns markup safe to put inline in a page. The SVG carries a
<title> and <desc>; the page shows the same data as a table next to it.
Colours are presentation attributes, never style attributes (the CSP forbids
inline styles).
"""

import datetime
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.safestring import mark_safe

CURRENT = "#1f6f8b"
FORMER = "#9aa5ab"
PILOT = "#b5542d"


@dataclass(frozen=True)
class Bar:
    label: str
    start: datetime.date
    end: datetime.date | None  # None: still running
    highlight: bool = False


def _year_fraction(day):
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def gantt(bars, *, title, description, until=None, label_width=190, width=760, row=22):
    """A horizontal bar per row on a time axis in years."""
    until = until or datetime.date.today()
    if not bars:
        return mark_safe("")
    first = min(bar.start for bar in bars).year
    last = max((bar.end or until) for bar in bars).year + 1
    span = max(last - first, 1)
    plot = width - label_width - 10
    top = 28
    height = top + row * len(bars) + 8

    def x(year_value):
        return label_width + plot * (year_value - first) / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    for year in range(first, last + 1):
        px = x(year)
        parts.append(
            f'<line x1="{px:.1f}" y1="{top - 6}" x2="{px:.1f}" y2="{height - 4}" '
            f'stroke="#d5dadd" stroke-width="1"/>'
        )
        if year < last:
            parts.append(
                f'<text x="{px + 3:.1f}" y="{top - 10}" font-size="11" fill="#333">{year}</text>'
            )
    for index, bar in enumerate(bars):
        y = top + index * row
        end = bar.end or until
        colour = PILOT if bar.highlight else (FORMER if bar.end else CURRENT)
        x0, x1 = x(_year_fraction(bar.start)), x(_year_fraction(end))
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="#222">{escape(bar.label)}</text>'
        )
        parts.append(
            f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 2):.1f}" height="{row - 8}" '
            f'rx="3" fill="{colour}"/>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
