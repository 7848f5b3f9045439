"""Slide-ready static map (PNG/SVG) of a filtered view: Albers conic, legend, source line, SCS inset."""

from __future__ import annotations

import io
import re
import textwrap
import threading
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path

from geo import i18n, palette
from geo.mapview import NOT_APPLICABLE_CODES, province_counts
from geo.slide import fonts
from geo.slide.frames import INSET_BOX, Layers, frames, projected_box
from geo.slide.legend import draw_legend, fit_width, legend_groups, legend_line_px, legend_rows
from geo.slide.style import DPI, INK, INSET_FRAME, MARITIME_LINE, MUTED, NATIONAL_LINE
from geo.slide.zones import draw_markers, draw_zone_labels

FORMATS = ("png", "svg")
# Labels beside markers only when this few zones are shown; more would only collide.
AUTO_LABEL_MAX = 40
SVG_FONT_FALLBACK = "'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

_LOCK = threading.Lock()  # matplotlib's rcParams are global: one render at a time


def _fill(code: str, counts: pd.Series) -> str:
    if code in NOT_APPLICABLE_CODES:
        return palette.NOT_APPLICABLE
    return palette.fill_colour(int(counts.get(code, 0)))


def _polygon_path(geom) -> Path:
    """A matplotlib Path of a (multi)polygon, holes included."""
    verts, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            kind = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
            kind[0], kind[-1] = Path.MOVETO, Path.CLOSEPOLY
            verts.append(xy)
            codes.append(kind)
    if not verts:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(verts), np.concatenate(codes))


def _line_parts(geom) -> list[np.ndarray]:
    """Coordinate arrays of every line in a (multi)line or the rings of a (multi)polygon's boundary."""
    if geom is None or geom.is_empty:
        return []
    return [np.asarray(part.coords) for part in getattr(geom, "geoms", [geom]) if not part.is_empty]


def _draw_base(ax, layers: Layers, counts: pd.Series, scale: float) -> None:
    """Province fills, the national outline, HK/Macao/Taiwan as not applicable, the ten-dash line."""
    provs = layers.provinces
    if len(provs):
        na = provs["province_code"].isin(NOT_APPLICABLE_CODES).to_numpy()
        paths = [_polygon_path(g) for g in provs.geometry]
        fills = [_fill(c, counts) for c in provs["province_code"]]
        ax.add_collection(
            PathCollection(
                [p for p, n in zip(paths, na, strict=True) if not n],
                facecolors=[f for f, n in zip(fills, na, strict=True) if not n],
                edgecolors=palette.BORDER,
                linewidths=0.6 * scale,
            ),
            autolim=False,
        )
        outline = _line_parts(shapely.boundary(layers.outline))
        ax.add_collection(
            LineCollection(outline, colors=NATIONAL_LINE, linewidths=0.8 * scale), autolim=False
        )
        if na.any():
            ax.add_collection(
                PathCollection(
                    [p for p, n in zip(paths, na, strict=True) if n],
                    facecolors=palette.NOT_APPLICABLE,
                    edgecolors=palette.NOT_APPLICABLE_LINE,
                    linewidths=0.7 * scale,
                ),
                autolim=False,
            )
    dashes = [xy for g in layers.maritime for xy in _line_parts(g)]
    if dashes:
        ax.add_collection(LineCollection(dashes, colors=MARITIME_LINE, linewidths=1.4 * scale), autolim=False)


def _clean_axes(ax) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_aspect("equal", adjustable="box")


@dataclass(frozen=True)
class SlideText:
    """The words on a slide, already in its language: title, subtitle (filters, counts, dates), source."""

    title: str
    subtitle: str
    source: str
    lang: str


@dataclass(frozen=True)
class _Job:
    """One render: the zones, the boundary frames and the words, at a size in pixels."""

    view: pd.DataFrame
    batches: pd.DataFrame
    text: SlideText
    fmt: str
    width: int
    height: int
    font: str
    counts: pd.Series
    main: Layers
    inset: Layers
    labels: bool | None


def render_static_map(
    view: pd.DataFrame,
    provinces: gpd.GeoDataFrame,
    maritime: gpd.GeoDataFrame | None,
    batches: pd.DataFrame,
    text: SlideText,
    fmt: str,
    size: tuple[int, int] = (1600, 1000),
    labels: bool | None = None,
) -> bytes:
    """The filtered view as a PNG or SVG map of `size` pixels (SVG text stays text).

    `view`: zones with lon, lat, batch, status_asof, name_zh/name_en (see geo.filters.apply);
    `provinces`: the province boundaries; `maritime`: the ten-dash line; `batches`: the registry's
    batches; `labels`: zone names beside markers (default: when ≤ 40 zones).
    Raises fonts.FontMissingError when no CJK font is installed, ValueError on a bad format or size.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    width, height = (int(v) for v in size)
    if width < 300 or height < 200:
        raise ValueError(f"size must be at least 300 x 200 pixels, not {width} x {height}")
    font = fonts.find_cjk_font().family
    rc: dict[str, Any] = {
        "font.family": [font],
        "svg.fonttype": "none",
        "svg.hashsalt": "pilot-zones-map",
        "path.simplify": True,
        "axes.linewidth": 0.8,
        "text.parse_math": False,  # names and searches are drawn as typed: no mathtext from `$…$`
    }
    with _LOCK, matplotlib.rc_context(rc):  # type: ignore[arg-type]  # keys are valid rcParams
        main, inset = frames(provinces, maritime)
        job = _Job(view, batches, text, fmt, width, height, font, province_counts(view), main, inset, labels)
        return _render(job)


def _corner(main: Layers, bottom: float) -> tuple[float, float]:
    """(left x, top y) of the free lower-right corner of the main map: east of everything drawn in its
    southern third (Taiwan, the dash east of it) and below everything drawn east of that."""
    parts = list(main.provinces.geometry.explode(index_parts=False)) + list(main.maritime)
    if not parts:
        return main.bounds[2], main.bounds[3]
    b = shapely.bounds(parts)
    height = main.bounds[3] - main.bounds[1]
    south = b[:, 1] < bottom + 0.35 * height
    left = b[south, 2].max() if south.any() else main.bounds[0]
    east = b[:, 2] > left
    top = b[east, 1].min() if east.any() else main.bounds[3]
    return float(left), float(top)


def _frame(main: Layers) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """The main map's limits (x0, x1, y0, y1) with room in the lower right for the inset, and the inset's
    rectangle (x, y, width, height) in the same projected metres, as on standard maps of China."""
    x0, y0, x1, y1 = main.bounds
    w, h = x1 - x0, y1 - y0
    ybottom = y0 - 0.02 * h
    left, ceiling = _corner(main, ybottom)
    gap = 0.015 * w
    ix0, iy0, ix1, iy1 = _inset_limits()
    ratio = (iy1 - iy0) / (ix1 - ix0)
    inset_h = min(0.27 * w * ratio, ceiling - gap - ybottom)
    inset_w = inset_h / ratio
    xright = max(x1 + 0.01 * w, left + gap + inset_w)
    return (x0 - 0.01 * w, xright, ybottom, y1 + 0.01 * h), (xright - inset_w, ybottom, inset_w, inset_h)


def _inset_limits() -> tuple[float, float, float, float]:
    ix0, iy0, ix1, iy1 = projected_box(INSET_BOX)
    ix0 += 0.12 * (ix1 - ix0)  # nothing of China west of the Gulf of Tonkin is needed in the inset
    return ix0, iy0, ix1, iy1


def _render(job: _Job) -> bytes:
    view, batches, lang, font = job.view, job.batches, job.text.lang, job.font
    width, height, main, inset = job.width, job.height, job.main, job.inset
    scale = min(width / 1600, height / 1000)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    renderer = FigureCanvasAgg(fig).get_renderer()
    top = 1 - 100 * scale / height  # below the title and subtitle
    bottom = 40 * scale / height  # above the source line
    (fx0, fx1, fy0, fy1), inset_rect = _frame(main)
    aspect = (fx1 - fx0) / (fy1 - fy0)

    # Legend beside the map (wide figures) or under it (squarish ones): whichever leaves the map larger.
    groups = legend_groups(view, batches, lang)
    legend_w = min(0.25, 390 * scale / width)
    side_px = min((1 - legend_w - 0.02) * width, (top - bottom) * height * aspect)
    under_h = (legend_rows(groups, True) * legend_line_px(scale) + 20 * scale) / height
    under_px = min(0.98 * width, (top - bottom - under_h) * height * aspect)
    legend_under = under_px > side_px
    if legend_under:
        map_rect = (0.01, bottom + under_h, 0.98, top - bottom - under_h)
        legend_rect = (0.02, bottom + 0.01, 0.96, under_h - 0.01)
    else:
        map_rect = (0.01, bottom, 1 - legend_w - 0.02, top - bottom)
        legend_rect = (1 - legend_w, bottom + 0.04, legend_w - 0.01, top - bottom - 0.06)

    ax = fig.add_axes(map_rect)
    _clean_axes(ax)
    ax.set_axis_off()
    ax.set_anchor("N" if legend_under else "W")
    _draw_base(ax, main, job.counts, scale)
    ax.set_xlim(fx0, fx1)
    ax.set_ylim(fy0, fy1)

    ins = ax.inset_axes(inset_rect, transform=ax.transData)
    _clean_axes(ins)
    ins.set_facecolor("white")
    for side in ins.spines.values():
        side.set_edgecolor(INSET_FRAME)
        side.set_linewidth(1.0 * scale)
    _draw_base(ins, inset, job.counts, scale * 0.7)
    ix0, iy0, ix1, iy1 = _inset_limits()
    ins.set_xlim(ix0, ix1)
    ins.set_ylim(iy0, iy1)
    scs = textwrap.fill(i18n.t("sm_scs_islands", lang), 16)  # two short lines in English
    style: dict[str, Any] = {"color": INK, "family": font}
    ins.text(0.96, 0.03, scs, transform=ins.transAxes, ha="right", va="bottom", fontsize=10 * scale, **style)

    pts = draw_markers(ax, view, scale)
    ax.apply_aspect()
    show_labels = len(view) <= AUTO_LABEL_MAX if job.labels is None else job.labels
    if show_labels and len(pts):
        names = list(view[i18n.name_col(lang)])
        draw_zone_labels(fig, ax, pts, names, [ins.get_window_extent(renderer)], font, scale)

    pad = 20 / width
    room = width - 40
    head = fig.text(
        pad,
        1 - 22 * scale / height,
        job.text.title,
        fontsize=24 * scale,
        fontweight="bold",
        va="top",
        **style,
    )
    lines = [
        head,
        fig.text(
            pad,
            1 - 66 * scale / height,
            job.text.subtitle,
            fontsize=14 * scale,
            va="top",
            color=MUTED,
            family=font,
        ),
        fig.text(
            pad,
            14 * scale / height,
            job.text.source + " · " + i18n.t("sm_projection", lang),
            fontsize=10 * scale,
            va="bottom",
            color=MUTED,
            family=font,
        ),
    ]
    for line in lines:
        fit_width(line, room, renderer)
    draw_legend(fig, legend_rect, groups, font, scale, side_by_side=legend_under)

    buf = io.BytesIO()
    if job.fmt == "svg":
        fig.savefig(buf, format="svg", dpi=DPI, metadata={"Date": None})
        return _svg_tidy(buf.getvalue(), font, width, height)
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _svg_tidy(svg: bytes, font: str, width: int, height: int) -> bytes:
    """Size the SVG in pixels as asked (matplotlib writes points) and let viewers without the render
    machine's font fall back to another Chinese face."""
    head, sep, rest = svg.partition(b" viewBox=")
    head = re.sub(
        rb'width="[\d.]+pt" height="[\d.]+pt"$', f'width="{width}" height="{height}"'.encode(), head
    )
    family = f"font-family: '{font}'".encode()
    rest = rest.replace(family + b";", family + b", " + SVG_FONT_FALLBACK.encode() + b";")
    return head + sep + rest
