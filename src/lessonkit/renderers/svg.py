"""Charts as inline SVG: horizontal bars for ranked items, radar for dimension profiles.

Every text is escaped and stripped of characters XML cannot carry, so the SVG
parses as XML whatever the participants wrote.
"""

from __future__ import annotations

import math
from html import escape as _escape

from lessonkit.renderers._common import one_line
from lessonkit.report import Chart, format_number

__all__ = ["PALETTE", "bar_chart", "chart_svg", "radar_chart"]

#: Series colours (colour-blind safe, print as distinct greys).
PALETTE = ("#1f5f8b", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#555555")
FONT = "'lessonkit Sarabun','Sarabun','TH Sarabun New','Noto Sans Thai','Leelawadee UI',Tahoma,sans-serif"
MAX_LABEL = 80
#: the embedded Sarabun is size-adjusted to 68%: 18 px draws like 12 px of a Latin face
FONT_SIZE = 18


def esc(text: str) -> str:
    """Text safe inside SVG/XML elements and attributes."""
    return _escape(one_line(text), quote=True)


def _short(text: str) -> str:
    text = one_line(text)
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _fractional(chart: Chart) -> bool:
    """Whether a value has decimals: then every value shows two, as in the tables."""
    return any(math.isfinite(v) and not float(v).is_integer()
               for s in chart.all_series() for v in s.values)


def _fraction(value: float, low: float, top: float) -> float:
    if not math.isfinite(value):
        return 0.0
    span = (top - low) or 1.0
    return min(max((value - low) / span, 0.0), 1.0)


def chart_svg(chart: Chart, digits: str = "arabic") -> str:
    """The chart as an ``<svg>`` element (a radar needs three labels, else bars)."""
    if chart.kind == "radar" and len(chart.labels) >= 3:
        return radar_chart(chart, digits)
    return bar_chart(chart, digits)


def bar_chart(chart: Chart, digits: str = "arabic") -> str:
    """Horizontal bars, one row per label (label above its bar, value at its end)."""
    series = chart.all_series()
    width, left, bar_w, bar_h, gap = 640, 8, 540, 14, 4
    row_h = 22 + len(series) * (bar_h + gap)
    legend_h = 22 if len(series) > 1 else 0
    height = max(len(chart.labels), 1) * row_h + 8 + legend_h
    low, top = chart.minimum, chart.top()
    fixed = _fractional(chart)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{esc(FONT)}" font-size="{FONT_SIZE}">',
        f"<title>{esc(chart.title or '')}</title>",
    ]
    y = 4
    for i, label in enumerate(chart.labels):
        parts.append(f'<text x="{left}" y="{y + 15}" fill="#222">{esc(_short(label))}'
                     f"<title>{esc(label)}</title></text>")
        by = y + 22
        for k, s in enumerate(series):
            value = s.values[i]
            w = round(_fraction(value, low, top) * bar_w, 1)
            colour = PALETTE[k % len(PALETTE)]
            parts.append(f'<rect x="{left}" y="{by}" width="{bar_w}" height="{bar_h}" '
                         f'fill="#eef1f4"/>')
            parts.append(f'<rect x="{left}" y="{by}" width="{w}" height="{bar_h}" '
                         f'fill="{colour}"/>')
            parts.append(f'<text x="{left + bar_w + 8}" y="{by + bar_h - 2}" fill="#222">'
                         f"{esc(format_number(value, digits, 2, fixed=fixed))}</text>")
            by += bar_h + gap
        y += row_h
    if legend_h:
        parts.append(_legend(series_names=[s.name for s in series], x=left, y=y + 6))
    parts.append("</svg>")
    return "".join(parts)


def _legend(series_names: list[str], x: float, y: float) -> str:
    parts = []
    for k, name in enumerate(series_names):
        colour = PALETTE[k % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y + 11}" fill="#222">{esc(_short(name))}</text>')
        x += 40 + 8 * min(len(name), 30)
    return "".join(parts)


def radar_chart(chart: Chart, digits: str = "arabic") -> str:
    """A radar (spider) chart: one axis per label, one polygon per series."""
    series = chart.all_series()
    n = len(chart.labels)
    width, height = 640, 440 + (24 if len(series) > 1 else 0)
    cx, cy, radius = width / 2, 220, 170
    low, top = chart.minimum, chart.top()

    def point(i: int, fraction: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return (round(cx + radius * fraction * math.cos(angle), 1),
                round(cy + radius * fraction * math.sin(angle), 1))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart radar" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{esc(FONT)}" font-size="{FONT_SIZE}">',
        f"<title>{esc(chart.title or '')}</title>",
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(f"{x},{y}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{points}" fill="none" stroke="#c8ced6" stroke-width="1"/>')
        value = low + (top - low) * ring
        # the scale's values sit left of the upward axis, clear of the points on it
        parts.append(f'<text x="{cx - 6}" y="{cy - radius * ring + 4}" text-anchor="end" '
                     f'fill="#666" font-size="14">{esc(format_number(value, digits))}</text>')
    parts.append(f'<text x="{cx - 5}" y="{cy + 12}" text-anchor="end" fill="#666" '
                 f'font-size="14">{esc(format_number(low, digits))}</text>')
    for i, label in enumerate(chart.labels):
        x, y = point(i, 1.0)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x}" y2="{y}" stroke="#c8ced6"/>')
        lx, ly = point(i, 1.12)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        parts.append(f'<text x="{lx}" y="{ly + 4}" text-anchor="{anchor}" fill="#222">'
                     f"{esc(_short(label)[:40])}<title>{esc(label)}</title></text>")
    for k, s in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        pts = [point(i, _fraction(v, low, top)) for i, v in enumerate(s.values)]
        joined = " ".join(f"{x},{y}" for x, y in pts)
        parts.append(f'<polygon points="{joined}" fill="{colour}" fill-opacity="0.18" '
                     f'stroke="{colour}" stroke-width="2"/>')
        for (x, y), v in zip(pts, s.values, strict=False):
            parts.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}">'
                         f"<title>{esc(format_number(v, digits))}</title></circle>")
    if len(series) > 1:
        parts.append(_legend([s.name for s in series], x=20, y=height - 22))
    parts.append("</svg>")
    return "".join(parts)
