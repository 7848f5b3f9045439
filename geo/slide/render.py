"""Slide-ready static map (PNG/SVG) of a filtered view: Albers conic, legend, source line, SCS inset."""

# geo.slide.layout works out where everything goes (testable without drawing); this module draws it.

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import Collection, Mapping
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

from geo import i18n, palette
from geo.labels import Box
from geo.mapkey import KeySection, map_key, province_counts, province_fill
from geo.mapmarks import AREAS, earliest_on_top
from geo.slide import fonts
from geo.slide.frames import Layers, frames
from geo.slide.layout import SUBTITLE_PT, SlidePlan, inset_limits, plan_slide
from geo.slide.legend import draw_legend, fit_width
from geo.slide.style import DPI, INK, INSET_FRAME, LOCATOR_BOX, MARITIME_LINE, MUTED, NATIONAL_LINE
from geo.slide.zones import draw_areas, draw_labels, draw_markers, polygon_path, projected_areas

FORMATS = ("png", "svg")
# A view of at most this many zones labels every one of them (geo.labels.ALL_LABELS_MAX); bigger views
# label the big cities, then earlier batches, while there is room: the rule of every map.
AUTO_LABEL_MAX = 40
SVG_FONT_FALLBACK = "'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

_LOCK = threading.Lock()  # matplotlib's rcParams are global: one render at a time


def _line_parts(geom) -> list[np.ndarray]:
    """Coordinate arrays of every line in a (multi)line or the rings of a (multi)polygon's boundary."""
    if geom is None or geom.is_empty:
        return []
    return [np.asarray(part.coords) for part in getattr(geom, "geoms", [geom]) if not part.is_empty]


def _draw_base(ax, layers: Layers, counts: pd.Series, scale: float, style: str, outside: Collection[str]):
    """Province fills (counts or plain land, outside the view, HK/Macao/Taiwan as not applicable), the
    national outline, the ten-dash line. Returns the province paths, whose borders the areas style draws
    again over the zones' areas (_draw_borders)."""
    provs = layers.provinces
    paths: list[Path] = []
    if len(provs):
        codes = list(provs["province_code"])
        na_codes = set(provs.loc[provs["not_applicable"].astype(bool), "province_code"])  # Dataset.provinces
        fills = [province_fill(c, counts, style, outside, na_codes) for c in codes]
        na = [f == palette.NOT_APPLICABLE for f in fills]
        every = [polygon_path(g) for g in provs.geometry]
        paths = [p for p, n in zip(every, na, strict=True) if not n]
        ax.add_collection(
            PathCollection(
                paths,
                facecolors=[f for f, n in zip(fills, na, strict=True) if not n],
                edgecolors=palette.BORDER,
                linewidths=0.6 * scale,
                zorder=1,
            ),
            autolim=False,
        )
        outline = _line_parts(shapely.boundary(layers.outline))
        ax.add_collection(
            LineCollection(outline, colors=NATIONAL_LINE, linewidths=0.8 * scale, zorder=4), autolim=False
        )
        if any(na):
            ax.add_collection(
                PathCollection(
                    [p for p, n in zip(every, na, strict=True) if n],
                    facecolors=palette.NOT_APPLICABLE,
                    edgecolors=palette.NOT_APPLICABLE_LINE,
                    linewidths=0.7 * scale,
                    zorder=4,
                ),
                autolim=False,
            )
    dashes = [xy for g in layers.maritime for xy in _line_parts(g)]
    if dashes:
        ax.add_collection(
            LineCollection(dashes, colors=MARITIME_LINE, linewidths=1.4 * scale, zorder=4), autolim=False
        )
    return paths


def _draw_borders(ax, paths: list[Path], scale: float) -> None:
    """In the areas style, the province borders again, over the zones' areas."""
    if paths:
        ax.add_collection(
            PathCollection(
                paths,
                facecolors="none",
                edgecolors=palette.BORDER_ON_AREAS,
                linewidths=0.7 * scale,
                zorder=3.5,
            ),
            autolim=False,
        )


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
    """One render: the zones (in drawing order), the boundary frames and the words, at a size in pixels."""

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
    style: str
    areas: Mapping[str, dict]
    outside: frozenset
    since: dt.date | None  # the view compares with this day (its `change` column): the key says so


def render_static_map(
    view: pd.DataFrame,
    provinces: gpd.GeoDataFrame,
    maritime: gpd.GeoDataFrame | None,
    batches: pd.DataFrame,
    text: SlideText,
    fmt: str,
    size: tuple[int, int] = (1600, 1000),
    labels: bool | None = None,
    style: str = AREAS,
    areas: Mapping[str, dict] | None = None,
    outside: Collection[str] = (),
    since: dt.date | None = None,
) -> bytes:
    """The filtered view as a PNG or SVG map of `size` pixels (SVG text stays text): all of China with the
    South China Sea inset, or, when the zones lie in a region (REGIONAL_SHARE), that region with a locator
    map of China. Every text is drawn literally (see `literal`).

    `view`: zones with lon, lat, batch, status_asof, name_zh/name_en (see geo.filters.apply), and level,
    adcodes, designation_confidence where known; `provinces`: the province boundaries; `maritime`: the
    ten-dash line; `batches`: the registry's batches; `labels`: False for none, else the rule of every map
    (geo.labels); `style`: areas or markers (geo.mapmarks); `areas`: the zones' outlines (GeoJSON by zone
    id; a zone without one is drawn as a marker); `outside`: province codes drawn as outside the view;
    `since`: the day the view compares with (Counts.since; the view's `change` column marks the zones).
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
    job = _job(
        view, provinces, maritime, batches, text, fmt, (width, height), font, labels, style, areas, outside,
        since,
    )  # fmt: skip
    with _LOCK, matplotlib.rc_context(rc):  # type: ignore[arg-type]  # keys are valid rcParams
        fig, _plan = _compose(job)
        return _save(fig, job)


def _job(
    view, provinces, maritime, batches, text, fmt, size, font, labels, style, areas, outside, since=None
) -> _Job:
    view, batches, text = _literal_inputs(earliest_on_top(view), batches, text)
    with _LOCK:
        main, inset = frames(provinces, maritime)
    width, height = size
    return _Job(
        view, batches, text, fmt, width, height, font, province_counts(view), main, inset, labels, style,
        areas or {}, frozenset(outside), since,
    )  # fmt: skip


def compose_layout(
    view: pd.DataFrame,
    provinces: gpd.GeoDataFrame,
    maritime: gpd.GeoDataFrame | None,
    batches: pd.DataFrame,
    text: SlideText,
    size: tuple[int, int] = (1600, 1000),
    labels: bool | None = None,
    style: str = AREAS,
    areas: Mapping[str, dict] | None = None,
    outside: Collection[str] = (),
    since: dt.date | None = None,
) -> SlideLayout:
    """Where render_static_map puts things (frame, locator map, zone labels), worked out without drawing."""
    font = fonts.find_cjk_font().family
    job = _job(
        view, provinces, maritime, batches, text, "png", size, font, labels, style, areas, outside, since
    )
    return SlideLayout.of(_plan(job), job.view)


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


@dataclass(frozen=True)
class SlideLayout:
    """Where a slide put things: the map's limits (projected metres), whether it is framed on a region
    (with a locator map) rather than on all of China (with the South China Sea inset), and its labels.
    Boxes and points in figure pixels, origin at the bottom left."""

    limits: tuple[float, float, float, float]  # x0, x1, y0, y1
    regional: bool
    labels: tuple  # geo.labels.Placed, index = the zone's row in `view`
    label_obstacles: tuple[Box, ...]  # boxes no label may cover (the inset)
    markers: tuple[tuple[float, float], ...]  # the zone markers' centres
    marker_radius: float
    map_box: Box  # the map's frame
    view: pd.DataFrame  # the zones in the order the rows are numbered

    @classmethod
    def of(cls, plan: SlidePlan, view: pd.DataFrame) -> SlideLayout:
        markers = tuple((m.px, m.py) for m in plan.marks if m.marker)
        obstacles = (plan.inset_box,) if plan.inset_box else ()
        return cls(
            plan.limits,
            plan.regional,
            plan.labels,
            obstacles,
            markers,
            plan.marker_radius,
            plan.map_box,
            view,
        )


def _key(job: _Job) -> list[KeySection]:
    """The slide's key: the key of every map (geo.mapkey), without the hover hint."""
    return map_key(
        job.view, job.batches, job.text.lang, job.style, bool(job.outside), hover=False, since=job.since
    )


def _plan(job: _Job) -> SlidePlan:
    sections = _key(job)
    has_area = (
        [z in job.areas for z in job.view["zone_id"]] if "zone_id" in job.view else [False] * len(job.view)
    )
    return plan_slide(
        job.view, job.main, sections, (job.width, job.height), job.text.subtitle, job.style, has_area,
        job.labels, _short_names(job.view, job.text.lang),
    )  # fmt: skip


def _short_names(view: pd.DataFrame, lang: str) -> list[str]:
    """Each zone's label on the slide: its name as the map shows it (short when the level is known)."""
    from geo.mapscene import rows
    from geo.maptext import short_label

    if "level" not in view:
        return [str(v) for v in view[i18n.name_col(lang)]]
    return [short_label(r, lang) for r in rows(view)]


def _title(fig, job: _Job, plan: SlidePlan, style: dict, renderer) -> None:
    """Title and subtitle (on one or two lines, as planned) at the top, shrunk to the width if need be."""
    width, height, scale = job.width, job.height, plan.scale
    pad, room = 20 / width, width - 40
    head = fig.text(pad, 1 - 22 * scale / height, job.text.title, fontsize=24 * scale, fontweight="bold",
                    va="top", **style)  # fmt: skip
    fit_width(head, room, renderer)
    sub_style = dict(fontsize=SUBTITLE_PT * scale, va="top", color=MUTED, family=style["family"])
    for k, line in enumerate(plan.subtitle_lines):
        sub = fig.text(pad, 1 - (66 + 22 * k) * scale / height, line, **sub_style)
        fit_width(sub, room, renderer)


def _compose(job: _Job) -> tuple[Figure, SlidePlan]:
    """The slide as a matplotlib figure, drawn from its plan."""
    plan = _plan(job)
    view, lang, font, scale = job.view, job.text.lang, job.font, plan.scale
    fig = Figure(figsize=(job.width / DPI, job.height / DPI), dpi=DPI, facecolor="white")
    renderer = FigureCanvasAgg(fig).get_renderer()
    style: dict[str, Any] = {"color": INK, "family": font}
    _title(fig, job, plan, style, renderer)

    ax = fig.add_axes(plan.map_rect)
    _clean_axes(ax)
    ax.set_axis_off()
    ax.set_anchor("N" if plan.legend_under else "W")
    x0, x1, y0, y1 = plan.limits
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    borders = _draw_base(ax, job.main, job.counts, scale, job.style, job.outside)
    shapes = projected_areas(view, plan, job.areas)
    draw_areas(ax, view, shapes, scale)
    if job.style == AREAS:
        _draw_borders(ax, borders, scale)
    if plan.regional:
        ax.set_axis_on()  # a thin frame: the map is a cut-out of a larger one
        for side in ax.spines.values():
            side.set_edgecolor(INSET_FRAME)
            side.set_linewidth(0.8 * scale)
        _draw_locator(fig, plan.locator_rect, job.main, job.inset, plan.limits, scale)
    else:
        _draw_inset(ax, job, plan, scale, style, shapes)
    draw_markers(ax, view, plan, scale)
    draw_labels(ax, plan, font)

    source = fig.text(
        20 / job.width,
        14 * scale / job.height,
        job.text.source + " · " + i18n.t("sm_projection", lang),
        fontsize=10 * scale,
        va="bottom",
        color=MUTED,
        family=font,
    )
    fit_width(source, job.width - 40, renderer)
    sections = _key(job)
    draw_legend(fig, plan.legend_rect, sections, font, scale, side_by_side=plan.legend_under)
    return fig, plan


def _draw_inset(ax, job: _Job, plan: SlidePlan, scale: float, style: dict, shapes: dict):
    """The South China Sea inset in the lower right of the national map."""
    import textwrap

    ins = ax.inset_axes(plan.inset_rect, transform=ax.transData)
    _clean_axes(ins)
    ins.set_facecolor("white")
    for side in ins.spines.values():
        side.set_edgecolor(INSET_FRAME)
        side.set_linewidth(1.0 * scale)
    borders = _draw_base(ins, job.inset, job.counts, scale * 0.7, job.style, job.outside)
    draw_areas(ins, job.view, shapes, scale * 0.7)
    if job.style == AREAS:
        _draw_borders(ins, borders, scale * 0.7)
    ix0, iy0, ix1, iy1 = inset_limits()
    ins.set_xlim(ix0, ix1)
    ins.set_ylim(iy0, iy1)
    scs = textwrap.fill(i18n.t("sm_scs_islands", job.text.lang), 16)  # two short lines in English
    ins.text(0.96, 0.03, scs, transform=ins.transAxes, ha="right", va="bottom", fontsize=10 * scale, **style)
    return ins


def _draw_locator(fig, rect, main: Layers, inset: Layers, limits, scale: float) -> None:
    """A small map of all of China (the South China Sea islands included) with the slide's region marked."""
    loc = fig.add_axes(rect)
    _clean_axes(loc)
    for side in loc.spines.values():
        side.set_edgecolor(INSET_FRAME)
        side.set_linewidth(0.8 * scale)
    plain = pd.Series(dtype=int)
    _draw_base(loc, inset, plain, scale * 0.35, "markers", ())
    _draw_base(loc, main, plain, scale * 0.35, "markers", ())
    bx = [main.bounds[0], inset.bounds[0]]
    by = [main.bounds[1], inset_limits()[1]]
    x0, y0 = min(bx), min(by)
    x1, y1 = main.bounds[2], main.bounds[3]
    pad = 0.03 * (x1 - x0)
    loc.set_xlim(x0 - pad, x1 + pad)
    loc.set_ylim(y0 - pad, y1 + pad)
    fx0, fx1, fy0, fy1 = limits
    frame = Rectangle((fx0, fy0), fx1 - fx0, fy1 - fy0, fill=False, edgecolor=LOCATOR_BOX, zorder=9)
    frame.set_linewidth(1.6 * scale)
    loc.add_patch(frame)


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
