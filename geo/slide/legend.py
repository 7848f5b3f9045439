"""The slide map's legend (fill bins, batches, revoked and unverified rings) and text fitting."""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from geo import i18n, palette
from geo.mapview import legend_entries
from geo.slide.style import DPI, INK, MARKER_EDGE, MUTED
from geo.slide.zones import HALO, halo_style

LEGEND_PT = 12  # legend type size at 1600 x 1000; everything scales with the figure
LEGEND_LEADING = 1.9


def legend_groups(view: pd.DataFrame, batches: pd.DataFrame, lang: str) -> list[list[tuple[str, str, str]]]:
    """(kind, colour, label) rows: the province fill bins, then the batches shown and the revoked ring."""
    entries = legend_entries(view, batches, lang)
    groups = [[("head", "", i18n.t("legend_fill", lang))] + [("fill", c, lbl) for c, lbl in entries["fill"]]]
    markers = [("dot", c, lbl) for c, lbl in entries["batch"]]
    if (view["status_asof"] == "revoked").any():
        markers.append(("ring", MUTED, i18n.t("legend_revoked", lang)))
    markers += [("halo", c, lbl) for c, lbl in entries.get("unverified", [])]
    if markers:
        groups.append([("head", "", i18n.t("legend_batch", lang)), *markers])
    return groups


def legend_rows(groups, side_by_side: bool) -> int:
    """How many text lines the legend needs (a gap between stacked groups counts as half a line)."""
    if side_by_side:
        return max(len(g) for g in groups)
    return sum(len(g) for g in groups) + (len(groups) - 1) // 2 + (len(groups) - 1) % 2


def legend_line_px(scale: float) -> float:
    """Height of one legend line in pixels."""
    return LEGEND_PT * scale * LEGEND_LEADING * DPI / 72


def draw_legend(fig, rect, groups, font: str, scale: float, side_by_side: bool) -> None:
    """The legend in a box of the figure: groups stacked in one column, or side by side."""
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    height_px = rect[3] * fig.get_figheight() * DPI
    width_px = rect[2] * fig.get_figwidth() * DPI
    size = LEGEND_PT * scale
    line_px = legend_line_px(scale)
    rows = legend_rows(groups, side_by_side)
    if line_px * rows > height_px:  # shrink the type rather than clip the legend
        factor = height_px / (line_px * rows)
        size, line_px, scale = size * factor, line_px * factor, scale * factor
    step = line_px / height_px
    sw = 22 * scale / width_px  # swatch width in axes units
    sh = step * 0.62
    x, y = 0.0, 1.0 - step / 2
    for n, group in enumerate(groups):
        if n and side_by_side:
            x, y = 0.42, 1.0 - step / 2
        elif n:
            y -= step * 0.5
        for kind, colour, label in group:
            if kind == "head":
                ax.text(
                    x, y, label, fontsize=size * 1.05, fontweight="bold", color=INK, va="center", family=font
                )
                y -= step
                continue
            if kind == "fill":
                edge = palette.NOT_APPLICABLE_LINE if colour == palette.NOT_APPLICABLE else "#bdbdb5"
                box = Rectangle(
                    (x, y - sh / 2), sw, sh, facecolor=colour, edgecolor=edge, linewidth=0.8 * scale
                )
                ax.add_patch(box)
            else:
                ring = kind == "ring"
                if kind == "halo":  # the dashed ring drawn around a zone whose designation is unverified
                    ax.scatter(
                        [x + sw / 2], [y], s=(11 * HALO * scale * 72 / DPI) ** 2, **halo_style(colour, scale)
                    )
                    colour = MUTED
                ax.add_line(
                    Line2D(
                        [x + sw / 2],
                        [y],
                        marker="o",
                        markersize=11 * scale * 72 / DPI,
                        markerfacecolor="none" if ring else colour,
                        markeredgecolor=colour if ring else MARKER_EDGE,
                        markeredgewidth=(2.2 if ring else 0.7) * scale,
                        linestyle="",
                    )
                )
            ax.text(x + sw * 1.6, y, label, fontsize=size, color=INK, va="center", family=font)
            y -= step


def fit_width(text, max_px: float, renderer) -> None:
    """Shrink a text's font until it is at most max_px wide."""
    width = text.get_window_extent(renderer).width
    if width > max_px:
        text.set_fontsize(text.get_fontsize() * max_px / width)
