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
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from geo import i18n, palette
from geo.mapview import province_counts
from geo.slide import fonts
from geo.slide.frames import INSET_BOX, Layers, frames, projected_box
from geo.slide.legend import draw_legend, fit_width, legend_groups, legend_line_px, legend_rows
from geo.slide.style import DPI, INK, INSET_FRAME, LOCATOR_BOX, MARITIME_LINE, MUTED, NATIONAL_LINE
from geo.slide.zones import PlacedLabel, draw_markers, draw_zone_labels

FORMATS = ("png", "svg")
# Labels beside markers only when this few zones are shown; more would only collide.
AUTO_LABEL_MAX = 40
SVG_FONT_FALLBACK = "'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

_LOCK = threading.Lock()  # matplotlib's rcParams are global: one render at a time


def _fill(code: str, counts: pd.Series) -> str:
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
        na = provs["not_applicable"].to_numpy(dtype=bool)  # Dataset.provinces carries it
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
    """The filtered view as a PNG or SVG map of `size` pixels (SVG text stays text): all of China with the
    South China Sea inset, or, when the zones lie in a region (REGIONAL_SHARE), that region with a locator
    map of China. Every text is drawn literally (see `literal`).

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
        "text.parse_math": False,  # names are drawn literally: a '$' never starts mathtext
        "text.usetex": False,
        "svg.fonttype": "none",
        "svg.hashsalt": "pilot-zones-map",
        "path.simplify": True,
        "axes.linewidth": 0.8,
    }
    view, batches, text = _literal_inputs(view, batches, text)
    with _LOCK, matplotlib.rc_context(rc):  # type: ignore[arg-type]  # keys are valid rcParams
        main, inset = frames(provinces, maritime)
        job = _Job(view, batches, text, fmt, width, height, font, province_counts(view), main, inset, labels)
        fig, _layout = _compose(job)
        return _save(fig, job)


def compose_layout(
    view: pd.DataFrame,
    provinces: gpd.GeoDataFrame,
    maritime: gpd.GeoDataFrame | None,
    batches: pd.DataFrame,
    text: SlideText,
    size: tuple[int, int] = (1600, 1000),
    labels: bool | None = None,
) -> SlideLayout:
    """Where render_static_map puts things (frame, locator map, zone labels), without saving a file."""
    view, batches, text = _literal_inputs(view, batches, text)
    font = fonts.find_cjk_font().family
    rc = {"font.family": [font], "text.parse_math": False}
    with _LOCK, matplotlib.rc_context(rc):  # type: ignore[arg-type]  # keys are valid rcParams
        main, inset = frames(provinces, maritime)
        job = _Job(view, batches, text, "png", *size, font, province_counts(view), main, inset, labels)
        return _compose(job)[1]


# Characters that are not text: C0/C1 controls (XML 1.0 forbids most of them), surrogates, non-characters.
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def literal(value: object) -> str:
    """Text as the slide draws it: control characters and other non-text code points removed (a line
    break or tab becomes a space). Combined with text.parse_math off, a name is drawn as written."""
    return _NOT_TEXT.sub(lambda m: " " if m.group() in "\t\n\r" else "", str(value))


def _literal_inputs(view: pd.DataFrame, batches: pd.DataFrame, text: SlideText):
    """The texts the slide draws, made literal (see `literal`)."""
    view = view.copy()
    for col in ("name_zh", "name_en"):
        if col in view:
            view[col] = view[col].map(literal)
    batches = batches.copy()
    if "document_no" in batches:
        batches["document_no"] = batches["document_no"].map(literal)
    words = SlideText(literal(text.title), literal(text.subtitle), literal(text.source), text.lang)
    return view, batches, words


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


@dataclass(frozen=True)
class SlideLayout:
    """Where a slide put things: the map's limits (projected metres), whether it is framed on a region
    (with a locator map) rather than on all of China (with the South China Sea inset), and its labels."""

    limits: tuple[float, float, float, float]  # x0, x1, y0, y1
    regional: bool
    labels: tuple[PlacedLabel, ...]
    label_obstacles: tuple[Bbox, ...]  # boxes in figure pixels no label may cover (the inset)
    markers: tuple[tuple[float, float], ...]  # the zone markers' centres in figure pixels
    map_box: Bbox  # the map's frame in figure pixels


# A view is framed on its region when the region is at most this share of China's width and height.
REGIONAL_SHARE = 0.55
REGIONAL_LABEL_PT = 12  # zone label type size on a regional slide at 1600 x 1000 (national: zones.LABEL_PT)


def _region(view: pd.DataFrame, main: Layers, pts: pd.DataFrame) -> tuple[float, float, float, float] | None:
    """The box (x0, y0, x1, y1, projected) of the provinces holding the view's zones (their main land
    parts, not far islands) and the zones themselves, padded; None when that is most of China."""
    if view.empty:
        return None
    provs = main.provinces[main.provinces["province_code"].isin(set(view["province_code"]))]
    boxes = [[pts["x"].min(), pts["y"].min(), pts["x"].max(), pts["y"].max()]]
    for geom in provs.geometry:
        parts = list(getattr(geom, "geoms", [geom]))
        largest = max(p.area for p in parts)
        boxes += [list(p.bounds) for p in parts if p.area >= 0.01 * largest]
    b = np.asarray(boxes)
    x0, y0, x1, y1 = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    nx0, ny0, nx1, ny1 = main.bounds
    if x1 - x0 > REGIONAL_SHARE * (nx1 - nx0) or y1 - y0 > REGIONAL_SHARE * (ny1 - ny0):
        return None
    pad = 0.08 * max(x1 - x0, y1 - y0, 150_000)
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def _fill_axes(box, axes_w: float, axes_h: float) -> tuple[float, float, float, float]:
    """Limits (x0, x1, y0, y1) around a box, widened in one direction to the axes' aspect (w/h)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if w / h < axes_w / axes_h:
        w = h * axes_w / axes_h
    else:
        h = w * axes_h / axes_w
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def _draw_locator(fig, rect, main: Layers, inset: Layers, limits, scale: float) -> None:
    """A small map of all of China (the South China Sea islands included) with the slide's region marked."""
    loc = fig.add_axes(rect)
    _clean_axes(loc)
    for side in loc.spines.values():
        side.set_edgecolor(INSET_FRAME)
        side.set_linewidth(0.8 * scale)
    plain = pd.Series(dtype=int)
    _draw_base(loc, inset, plain, scale * 0.35)
    _draw_base(loc, main, plain, scale * 0.35)
    bx = [main.bounds[0], inset.bounds[0]]
    by = [main.bounds[1], _inset_limits()[1]]
    x0, y0 = min(bx), min(by)
    x1, y1 = main.bounds[2], main.bounds[3]
    pad = 0.03 * (x1 - x0)
    loc.set_xlim(x0 - pad, x1 + pad)
    loc.set_ylim(y0 - pad, y1 + pad)
    fx0, fx1, fy0, fy1 = limits
    frame = Rectangle((fx0, fy0), fx1 - fx0, fy1 - fy0, fill=False, edgecolor=LOCATOR_BOX, zorder=9)
    frame.set_linewidth(1.6 * scale)
    loc.add_patch(frame)


def _title_lines(fig, job: _Job, style: dict, scale: float, renderer) -> float:
    """Title and subtitle at the top (a long subtitle wraps at a ' · ' onto a second line); returns how
    far down, in pixels, they reach."""
    width, height = job.width, job.height
    pad, room = 20 / width, width - 40
    head = fig.text(pad, 1 - 22 * scale / height, job.text.title, fontsize=24 * scale, fontweight="bold",
                    va="top", **style)  # fmt: skip
    fit_width(head, room, renderer)
    sub_style = dict(fontsize=14 * scale, va="top", color=MUTED, family=style["family"])
    sub = fig.text(pad, 1 - 66 * scale / height, job.text.subtitle, **sub_style)
    if sub.get_window_extent(renderer).width <= room:
        return 100 * scale
    parts = job.text.subtitle.split(" · ")
    if len(parts) > 1:
        half = len(job.text.subtitle) / 2
        cut = min(range(1, len(parts)), key=lambda k: abs(len(" · ".join(parts[:k])) - half))
        sub.set_text(" · ".join(parts[:cut]) + " ·")
        second = fig.text(pad, 1 - 88 * scale / height, " · ".join(parts[cut:]), **sub_style)
        fit_width(sub, room, renderer)
        fit_width(second, room, renderer)
        return 122 * scale
    fit_width(sub, room, renderer)
    return 100 * scale


def _compose(job: _Job) -> tuple[Figure, SlideLayout]:
    """The slide as a matplotlib figure, and where its parts went."""
    view, batches, lang, font = job.view, job.batches, job.text.lang, job.font
    width, height, main, inset = job.width, job.height, job.main, job.inset
    scale = min(width / 1600, height / 1000)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    renderer = FigureCanvasAgg(fig).get_renderer()
    style: dict[str, Any] = {"color": INK, "family": font}
    top = 1 - _title_lines(fig, job, style, scale, renderer) / height  # below the title and subtitle
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
    pts = draw_markers(ax, view, scale)
    region = _region(view, main, pts)
    obstacles = []
    if region is None:
        limits = (fx0, fx1, fy0, fy1)
        ax.set_xlim(fx0, fx1)
        ax.set_ylim(fy0, fy1)
        ins = _draw_inset(ax, inset, inset_rect, job, scale, style)
        ax.apply_aspect()
        obstacles.append(ins.get_window_extent(renderer))
    else:
        limits = _fill_axes(region, map_rect[2] * width, map_rect[3] * height)
        ax.set_xlim(limits[0], limits[1])
        ax.set_ylim(limits[2], limits[3])
        ax.set_axis_on()  # a thin frame: the map is a cut-out of a larger one
        for side in ax.spines.values():
            side.set_edgecolor(INSET_FRAME)
            side.set_linewidth(0.8 * scale)
        ax.apply_aspect()
        locator = _locator_rect(legend_rect, legend_under, groups, scale, width, height)
        legend_rect = locator[1]
        _draw_locator(fig, locator[0], main, inset, limits, scale)

    show_labels = len(view) <= AUTO_LABEL_MAX if job.labels is None else job.labels
    placed: list[PlacedLabel] = []
    if show_labels and len(pts):
        names = list(view[i18n.name_col(lang)])
        size = REGIONAL_LABEL_PT if region is not None else None
        placed = draw_zone_labels(fig, ax, pts, names, obstacles, font, scale, size)

    source = fig.text(
        20 / width,
        14 * scale / height,
        job.text.source + " · " + i18n.t("sm_projection", lang),
        fontsize=10 * scale,
        va="bottom",
        color=MUTED,
        family=font,
    )
    fit_width(source, width - 40, renderer)
    draw_legend(fig, legend_rect, groups, font, scale, side_by_side=legend_under)
    centres = tuple(map(tuple, ax.transData.transform(pts[["x", "y"]].to_numpy()))) if len(pts) else ()
    frame = ax.get_window_extent(renderer)
    return fig, SlideLayout(limits, region is not None, tuple(placed), tuple(obstacles), centres, frame)


def _draw_inset(ax, inset: Layers, inset_rect, job: _Job, scale: float, style: dict):
    """The South China Sea inset in the lower right of the national map."""
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
    scs = textwrap.fill(i18n.t("sm_scs_islands", job.text.lang), 16)  # two short lines in English
    ins.text(0.96, 0.03, scs, transform=ins.transAxes, ha="right", va="bottom", fontsize=10 * scale, **style)
    return ins


def _locator_rect(legend_rect, legend_under: bool, groups, scale: float, width: int, height: int):
    """(locator rectangle, legend rectangle) in figure fractions: the locator map below the legend in the
    side column, or at the right end of the legend row under the map."""
    x, y, w, h = legend_rect
    if legend_under:
        side = min(h, 0.3 * w * width / height)  # a square: this high, and as wide in pixels
        side_w = side * height / width
        return (x + w - side_w, y, side_w, side), (x, y, w - side_w, h)
    rows_h = legend_rows(groups, False) * legend_line_px(scale) / height
    room = h - rows_h - 0.03
    side_px = min(w * width, room * height, 300 * scale)
    side_px = max(side_px, 140 * scale)
    loc_h = side_px / height
    return (x, y, side_px / width, loc_h), (x, y + loc_h + 0.02, w, h - loc_h - 0.02)


def _save(fig: Figure, job: _Job) -> bytes:
    for text in fig.findobj(Text):  # the last guard: nothing drawn carries a character XML forbids
        text.set_text(literal(text.get_text()))
    buf = io.BytesIO()
    if job.fmt == "svg":
        fig.savefig(buf, format="svg", dpi=DPI, metadata={"Date": None})
        return _svg_tidy(buf.getvalue(), job.font, job.width, job.height)
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
