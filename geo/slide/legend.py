"""The slide map's legend, drawn from the map key every map shares (geo.mapkey), and text fitting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from geo import palette
from geo.mapkey import (
    AREA,
    DOT,
    FILL,
    GONE,
    LAND,
    NA,
    NEW,
    NEW_AREA,
    OUTSIDE,
    REVOKED,
    SAME,
    SAME_AREA,
    SINGLE,
    UNVERIFIED,
    KeySection,
)
from geo.slide.layout import LEGEND_PT, legend_line_px, legend_rows
from geo.slide.style import DPI, INK, MARKER_EDGE
from geo.slide.zones import DASHES

BOXES = (FILL, LAND, OUTSIDE, NA, AREA, NEW_AREA, SAME_AREA)
LIGHT_EDGE = "#bdbdb5"  # around a light province fill


def _swatch(ax, kind: str, colour: str, x: float, y: float, sw: float, sh: float, scale: float) -> None:
    """The swatch of one key row at (x, y), the row's middle (axes units)."""
    muted = palette.MUTED_ALPHA / 255 if kind in (SAME, SAME_AREA) else 1.0
    if kind in BOXES:
        edge = {NA: palette.NOT_APPLICABLE_LINE, FILL: LIGHT_EDGE, LAND: LIGHT_EDGE, OUTSIDE: LIGHT_EDGE}
        face = to_rgba(colour, muted)
        rect = Rectangle((x, y - sh / 2), sw, sh, facecolor=face, edgecolor=edge.get(kind, palette.AREA_EDGE))
        rect.set_linewidth(0.8 * scale)
        ax.add_patch(rect)
        return
    if kind == GONE:
        ax.plot([x + sw / 2], [y], linestyle="", marker="x", markersize=10 * scale * 72 / DPI,
                markeredgecolor=colour, markeredgewidth=2.2 * scale)  # fmt: skip
        return
    styles: dict[str, tuple[Any, Any, float]] = {
        DOT: (colour, MARKER_EDGE, 0.7),
        REVOKED: ("none", colour, 2.2),
        NEW: (colour, MARKER_EDGE, 0.7),
        SAME: (to_rgba(colour, muted), to_rgba(MARKER_EDGE, muted), 0.7),
    }
    face, edge, width = styles.get(kind, (palette.MARKER_KEY, MARKER_EDGE, 0.7))  # a mark: grey, ringed
    across = (11 + 2 * palette.NEW_EXTRA if kind == NEW else 11) * scale * 72 / DPI
    marker = Line2D([x + sw / 2], [y], marker="o", linestyle="", markersize=across)
    marker.set_markerfacecolor(face)
    marker.set_markeredgecolor(edge)
    marker.set_markeredgewidth(width * scale)
    ax.add_line(marker)
    if kind in (SINGLE, UNVERIFIED):
        ring = (2 * (5.5 + 3.5) * scale * 72 / DPI) ** 2
        ax.scatter(
            [x + sw / 2], [y], s=ring, facecolors="none", edgecolors=colour, linewidths=1.0 * scale,
            linestyles=DASHES if kind == SINGLE else "solid",
        )  # fmt: skip


def draw_legend(
    fig, rect, sections: Sequence[KeySection], font: str, scale: float, side_by_side: bool
) -> None:
    """The legend in a box of the figure: sections stacked in one column, or side by side."""
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    height_px = rect[3] * fig.get_figheight() * DPI
    width_px = rect[2] * fig.get_figwidth() * DPI
    size = LEGEND_PT * scale
    line_px = legend_line_px(scale)
    rows = legend_rows(sections, side_by_side)
    if rows and line_px * rows > height_px:  # shrink the type rather than clip the legend
        factor = height_px / (line_px * rows)
        size, line_px, scale = size * factor, line_px * factor, scale * factor
    step = line_px / height_px
    sw = 22 * scale / width_px  # swatch width in axes units
    sh = step * 0.62
    x, y = 0.0, 1.0 - step / 2
    shown = [s for s in sections if s.rows]
    for n, section in enumerate(shown):
        if n and side_by_side:
            x, y = 0.5, 1.0 - step / 2
        elif n:
            y -= step * 0.5
        ax.text(
            x,
            y,
            section.heading,
            fontsize=size * 1.05,
            fontweight="bold",
            color=INK,
            va="center",
            family=font,
        )
        y -= step
        for row in section.rows:
            _swatch(ax, row.kind, row.colour, x, y, sw, sh, scale)
            ax.text(x + sw * 1.6, y, row.label, fontsize=size, color=INK, va="center", family=font)
            y -= step


def fit_width(text, max_px: float, renderer) -> None:
    """Shrink a text's font until it is at most max_px wide."""
    width = text.get_window_extent(renderer).width
    if width > max_px:
        text.set_fontsize(text.get_fontsize() * max_px / width)
