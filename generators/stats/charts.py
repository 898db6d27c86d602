"""Charts drawn at build time into SVG with matplotlib: no JavaScript, text
kept as text (svg.fonttype 'none') so Chinese labels stay readable,
selectable and accessible, and no font is embedded or fetched: the browser
draws the labels with the reader's own CJK system fonts.

Output is deterministic: no date or creator in the metadata, a fixed
svg.hashsalt for element ids, and a layout that never depends on text
metrics (every label is anchored with text-anchor and placed on its
baseline), so the same data gives the same bytes on machines with different
fonts installed.

One Figure is created per renderer and reused for every chart (clearing and
resizing it is far cheaper than creating a figure each time).
"""
from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import dataclass
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import blended_transform_factory

# What the browser should use for the labels (the theme's list); matplotlib
# itself only needs some font for its (unused) text metrics.
FONT_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
                 "WenQuanYi Micro Hei", "DejaVu Sans"]
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "enforcement-portal-statistics",
    "svg.image_inline": True,
    "font.family": ["sans-serif"],
    "font.sans-serif": FONT_FAMILIES,
    "font.size": 11,
    "axes.unicode_minus": False,
}
COLORS = ("#7a0f12", "#5b7fb0")     # official, derived (distinct in grey too: dark vs light)
MISSING = "#6b6b6b"
DPI = 72                            # SVG user units are points
WIDTH_PT = 560
ROW_PT = 40                         # one group of bars
TOP_PT = 40                         # legend
BOTTOM_PT = 12
LEFT_PT = 120                       # labels
RIGHT_PT = 80                       # value labels beyond the longest bar


@dataclass(frozen=True)
class BarRow:
    label: str
    values: tuple[float | None, ...]      # one per series; None: no figure (shown as “未填报”)
    texts: tuple[str, ...]                # the label printed at the end of each bar


class ChartRenderer:
    """Grouped horizontal bar charts (rows x series) as SVG bytes."""

    def __init__(self):
        logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
        with matplotlib.rc_context(RC):
            self.fig = Figure(figsize=(WIDTH_PT / DPI, 4), dpi=DPI)
            FigureCanvasSVG(self.fig)
            self.ax = ax = self.fig.add_axes((0, 0, 1, 1))
            ax.set_xticks([])
            ax.set_yticks([])
            for side in ("top", "right", "bottom"):
                ax.spines[side].set_visible(False)
            ax.spines["left"].set_color("#1a1a1a")
        self.artists: list = []     # what the last chart added; removed before the next one
        self.count = 0

    def bars(self, rows: list[BarRow], series: tuple[str, ...], *, title: str, desc: str,
             missing_text: str = "未填报") -> bytes:
        with matplotlib.rc_context(RC), warnings.catch_warnings():
            warnings.simplefilter("ignore")          # "Glyph missing" where no CJK font is installed
            data = self._draw(rows, series, missing_text)
            buf = io.BytesIO()
            self.fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        self.count += 1
        return _accessible(buf.getvalue(), title, desc, data)

    def _draw(self, rows, series, missing_text):
        fig, ax = self.fig, self.ax
        for artist in self.artists:     # far cheaper than ax.clear(), which rebuilds the axes
            artist.remove()
        self.artists = keep = []
        n = max(1, len(rows))
        height = TOP_PT + n * ROW_PT + BOTTOM_PT
        fig.set_size_inches(WIDTH_PT / DPI, height / DPI)
        ax.set_position((LEFT_PT / WIDTH_PT, BOTTOM_PT / height,
                         (WIDTH_PT - LEFT_PT - RIGHT_PT) / WIDTH_PT, n * ROW_PT / height))
        k = len(series)
        bar_h = 0.8 / k
        top = max([v for r in rows for v in r.values if v is not None] + [0])
        xmax = top if top > 0 else 1
        label_tf = blended_transform_factory(ax.transAxes, ax.transData)
        for i, row in enumerate(rows):
            y0 = i - 0.4
            keep.append(ax.text(-8 / (WIDTH_PT - LEFT_PT - RIGHT_PT), i + 0.12, row.label, transform=label_tf,
                                ha="right", va="baseline", fontsize=13, color="#1a1a1a"))
            for j, value in enumerate(row.values):
                y = y0 + j * bar_h
                if value is None:
                    keep.append(ax.text(xmax * 0.01, y + bar_h * 0.72, missing_text, ha="left", va="baseline",
                                        fontsize=11, color=MISSING))
                    continue
                keep.append(ax.add_patch(Rectangle((0, y + bar_h * 0.08), value, bar_h * 0.84,
                                                   facecolor=COLORS[j % len(COLORS)], edgecolor="none")))
                keep.append(ax.text(value + xmax * 0.01, y + bar_h * 0.72, row.texts[j], ha="left",
                                    va="baseline", fontsize=11, color="#1a1a1a"))
        ax.set_xlim(0, xmax)
        ax.set_ylim(n - 0.5, -0.5)
        # legend, drawn by hand so that its layout does not depend on text metrics
        x = LEFT_PT
        for j, name in enumerate(series):
            keep.append(fig.add_artist(Rectangle((x / WIDTH_PT, (height - 24) / height), 12 / WIDTH_PT,
                                                 12 / height, transform=fig.transFigure,
                                                 facecolor=COLORS[j % len(COLORS)], edgecolor="none")))
            keep.append(fig.text((x + 18) / WIDTH_PT, (height - 23) / height, name, ha="left", va="baseline",
                                 fontsize=12))
            x += 18 + 12 * len(name) + 28
        return [(r.label, r.texts) for r in rows]


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def _accessible(svg: bytes, title: str, desc: str, data) -> bytes:
    """Add role, <title> and <desc> (the chart's figures in words) to the root."""
    text = svg.decode("utf-8")
    m = _SVG_OPEN.search(svg)
    assert m is not None
    start = len(svg[:m.start()].decode("utf-8"))
    end = len(svg[:m.end()].decode("utf-8"))
    open_tag = text[start:end]
    open_tag = open_tag[:-1] + ' role="img" aria-labelledby="chart-title chart-desc" xml:lang="zh-CN">'
    head = f'\n <title id="chart-title">{escape(title)}</title>\n <desc id="chart-desc">{escape(desc)}</desc>'
    return (text[:start] + open_tag + head + text[end:]).encode("utf-8")
