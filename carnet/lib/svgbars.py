"""Horizontal bar charts drawn on the server as SVG (companion of svgcharts.gantt).

Each row has a label and one or more stacked values; the SVG carries a <title> and
<desc>, the page shows the same data as a table. No style attributes (CSP).
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.crypto import get_random_string
from django.utils.safestring import mark_safe

PALETTE = ["#1f6f8b", "#b5542d", "#5b8c3a", "#9aa5ab", "#7a4e9c"]


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple  # one number per series


def bars(rows, *, title, description, series=(), label_width=200, width=760, row=22):
    """Stacked horizontal bars; series names the values (legend)."""
    if not rows:
        return mark_safe("")
    uid = get_random_string(6, "abcdefghijklmnopqrstuvwxyz")
    top = 30 if series else 8
    plot = width - label_width - 50
    longest = max(sum(r.values) for r in rows) or 1
    height = top + row * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" class="chart" '
        f'role="img" aria-labelledby="t-{uid} d-{uid}">',
        f'<title id="t-{uid}">{escape(title)}</title>',
        f'<desc id="d-{uid}">{escape(description)}</desc>',
    ]
    x = label_width
    for index, name in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + 16}" y="18" font-size="11" fill="#222">{escape(str(name))}</text>'
        )
        x += 30 + 7 * len(str(name))
    for index, item in enumerate(rows):
        y = top + index * row
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="#222">{escape(item.label)}</text>'
        )
        x0 = label_width
        for position, value in enumerate(item.values):
            length = plot * value / longest
            if value:
                colour = PALETTE[position % len(PALETTE)]
                parts.append(
                    f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(length, 1):.1f}" '
                    f'height="{row - 8}" fill="{colour}"/>'
                )
            x0 += length
        parts.append(
            f'<text x="{x0 + 4:.1f}" y="{y + 15}" font-size="11" fill="#333">'
            f"{sum(item.values)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
