"""Where a slide puts things, worked out without drawing: map frame, inset, legend, markers and labels."""

# Everything here is arithmetic on projected geometry and on the labels' font metrics (geo.labels), so a
# slide's layout can be tested without matplotlib; geo.slide.render then draws what the plan says. Figure
# pixels have their origin at the bottom left (matplotlib's); labels are placed by geo.labels in screen
# pixels (origin top left) and turned back.

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from geo import palette
from geo.changes import ADDED, comparing
from geo.labels import Box, Label, Placed, label_size, place_labels, rules_for, text_width
from geo.mapkey import KeySection
from geo.mapmarks import apart, as_marker, earliest_on_top, label_priority, seat_kept_clear, spread
from geo.slide.frames import INSET_BOX, Layers, projected_box, to_albers
from geo.slide.style import DPI

LEGEND_PT = 12  # legend type size at 1600 x 1000; everything scales with the figure
LEGEND_LEADING = 1.9
LABEL_PT = 10  # zone label type size at 1600 x 1000 on a national slide
REGIONAL_LABEL_PT = 12  # on a regional slide
MARKER_PX = 5.5  # a zone marker's radius in pixels at 1600 x 1000 (national)
SEAT_PX = 2.5  # the dot at a labelled area's seat
# A view is framed on its region when the region is at most this share of China's width and height.
REGIONAL_SHARE = 0.55
SUBTITLE_PT = 14


def px(points: float) -> float:
    """Type points as figure pixels."""
    return points * DPI / 72


@dataclass(frozen=True)
class Mark:
    """A zone on the slide: its row in the view, projected point, figure pixel point, drawn as a marker?"""

    row: int
    x: float
    y: float
    px: float
    py: float
    marker: bool


@dataclass(frozen=True)
class SlidePlan:
    """Everything a slide draws, and where (figure fractions for axes, projected metres for the map)."""

    width: int
    height: int
    scale: float
    subtitle_lines: tuple[str, ...]
    map_rect: tuple[float, float, float, float]  # figure fractions: x, y, w, h
    map_box: Box  # the map axes as drawn (aspect kept), figure pixels
    limits: tuple[float, float, float, float]  # x0, x1, y0, y1 in projected metres
    regional: bool
    legend_under: bool
    legend_rect: tuple[float, float, float, float]
    inset_rect: tuple[float, float, float, float] | None  # projected metres (national slides)
    inset_box: Box | None  # figure pixels
    locator_rect: tuple[float, float, float, float] | None  # figure fractions (regional slides)
    marks: tuple[Mark, ...]
    marker_radius: float  # pixels
    larger: float  # pixels a marker of a zone designated in the compared window is larger (else 0)
    labels: tuple[Placed, ...]  # boxes in figure pixels (origin bottom left)
    label_pt: float


def legend_rows(sections: Sequence[KeySection], side_by_side: bool) -> int:
    """How many text lines the legend needs (a gap between stacked sections counts as half a line)."""
    groups = [len(s.rows) + 1 for s in sections if s.rows]
    if not groups:
        return 0
    if side_by_side:
        return max(groups)
    return sum(groups) + (len(groups) - 1) // 2 + (len(groups) - 1) % 2


def legend_line_px(scale: float) -> float:
    """Height of one legend line in pixels."""
    return px(LEGEND_PT * scale * LEGEND_LEADING)


def subtitle_lines(subtitle: str, room: float, scale: float) -> tuple[str, ...]:
    """The subtitle on one line, or cut in two at the ' · ' nearest its middle when it is too wide."""
    if text_width(subtitle, px(SUBTITLE_PT * scale)) <= room:
        return (subtitle,)
    parts = subtitle.split(" · ")
    if len(parts) < 2:
        return (subtitle,)
    half = len(subtitle) / 2
    cut = min(range(1, len(parts)), key=lambda k: abs(len(" · ".join(parts[:k])) - half))
    return (" · ".join(parts[:cut]) + " ·", " · ".join(parts[cut:]))


def corner(main: Layers, bottom: float) -> tuple[float, float]:
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


def inset_limits() -> tuple[float, float, float, float]:
    ix0, iy0, ix1, iy1 = projected_box(INSET_BOX)
    ix0 += 0.12 * (ix1 - ix0)  # nothing of China west of the Gulf of Tonkin is needed in the inset
    return ix0, iy0, ix1, iy1


def national_frame(main: Layers):
    """The main map's limits (x0, x1, y0, y1) with room in the lower right for the inset, and the inset's
    rectangle (x, y, width, height) in the same projected metres, as on standard maps of China."""
    x0, y0, x1, y1 = main.bounds
    w, h = x1 - x0, y1 - y0
    ybottom = y0 - 0.02 * h
    left, ceiling = corner(main, ybottom)
    gap = 0.015 * w
    ix0, iy0, ix1, iy1 = inset_limits()
    ratio = (iy1 - iy0) / (ix1 - ix0)
    inset_h = min(0.27 * w * ratio, ceiling - gap - ybottom)
    inset_w = inset_h / ratio
    xright = max(x1 + 0.01 * w, left + gap + inset_w)
    return (x0 - 0.01 * w, xright, ybottom, y1 + 0.01 * h), (xright - inset_w, ybottom, inset_w, inset_h)


def region(view: pd.DataFrame, main: Layers, xs: np.ndarray, ys: np.ndarray):
    """The box (x0, y0, x1, y1, projected) of the provinces holding the view's zones (their main land
    parts, not far islands) and the zones themselves, padded; None when that is most of China."""
    if view.empty:
        return None
    provs = main.provinces[main.provinces["province_code"].isin(set(view["province_code"]))]
    boxes = [[xs.min(), ys.min(), xs.max(), ys.max()]]
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


def fill_axes(box, axes_w: float, axes_h: float) -> tuple[float, float, float, float]:
    """Limits (x0, x1, y0, y1) around a box, widened in one direction to the axes' aspect (w/h)."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if w / h < axes_w / axes_h:
        w = h * axes_w / axes_h
    else:
        h = w * axes_h / axes_w
    return cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2


def axes_box(rect_px: Box, limits, anchor: tuple[float, float]) -> Box:
    """The box matplotlib draws an equal-aspect map axes in: `rect_px` shrunk in one direction to the
    limits' aspect and placed at `anchor` (fractions, as matplotlib's Bbox.anchored: N = (0.5, 1))."""
    x0, x1, y0, y1 = limits
    width, height = rect_px.x1 - rect_px.x0, rect_px.y1 - rect_px.y0
    ratio = (y1 - y0) / (x1 - x0)
    if height / width > ratio:
        w, h = width, width * ratio
    else:
        w, h = height / ratio, height
    left = rect_px.x0 + (width - w) * anchor[0]
    bottom = rect_px.y0 + (height - h) * anchor[1]
    return Box(left, bottom, left + w, bottom + h)


def to_figure(limits, box: Box, x, y):
    """Figure pixels of projected points on a map drawn in `box` with `limits`."""
    x0, x1, y0, y1 = limits
    return (
        box.x0 + (np.asarray(x) - x0) / (x1 - x0) * (box.x1 - box.x0),
        box.y0 + (np.asarray(y) - y0) / (y1 - y0) * (box.y1 - box.y0),
    )


def locator_rect(legend_rect, legend_under: bool, rows: int, scale: float, width: int, height: int):
    """(locator rectangle, legend rectangle) in figure fractions: the locator map below the legend in the
    side column, or at the right end of the legend row under the map."""
    x, y, w, h = legend_rect
    if legend_under:
        side = min(h, 0.3 * w * width / height)  # a square: this high, and as wide in pixels
        side_w = side * height / width
        return (x + w - side_w, y, side_w, side), (x, y, w - side_w, h)
    rows_h = rows * legend_line_px(scale) / height
    room = h - rows_h - 0.03
    side_px = min(w * width, room * height, 300 * scale)
    side_px = max(side_px, 140 * scale)
    loc_h = side_px / height
    return (x, y, side_px / width, loc_h), (x, y + loc_h + 0.02, w, h - loc_h - 0.02)


def project_view(view: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = to_albers().transform(view["lon"].to_numpy(), view["lat"].to_numpy())
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)


def plan_slide(
    view: pd.DataFrame,
    main: Layers,
    sections: Sequence[KeySection],
    size: tuple[int, int],
    subtitle: str,
    style: str,
    has_area: Sequence[bool],
    labels: bool | None,
    lang_names: Sequence[str],
) -> SlidePlan:
    """Where everything on a slide goes. `view` must be in drawing order (geo.mapmarks.earliest_on_top);
    `has_area`: per row, whether its area can be drawn (else it is a marker whatever the style);
    `lang_names`: the label of each row; `labels`: None for the rule of every map (geo.labels.rules_for)."""
    width, height = size
    scale = min(width / 1600, height / 1000)
    lines = subtitle_lines(subtitle, width - 40, scale)
    top = 1 - (100 if len(lines) == 1 else 122) * scale / height
    bottom = 40 * scale / height
    (fx0, fx1, fy0, fy1), inset = national_frame(main)
    aspect = (fx1 - fx0) / (fy1 - fy0)

    # Legend beside the map (wide figures) or under it (squarish ones): whichever leaves the map larger.
    legend_w = min(0.25, 390 * scale / width)
    side_px = min((1 - legend_w - 0.02) * width, (top - bottom) * height * aspect)
    under_h = (legend_rows(sections, True) * legend_line_px(scale) + 20 * scale) / height
    under_px = min(0.98 * width, (top - bottom - under_h) * height * aspect)
    under = under_px > side_px
    if under:
        map_rect = (0.01, bottom + under_h, 0.98, top - bottom - under_h)
        legend_rect = (0.02, bottom + 0.01, 0.96, under_h - 0.01)
    else:
        map_rect = (0.01, bottom, 1 - legend_w - 0.02, top - bottom)
        legend_rect = (1 - legend_w, bottom + 0.04, legend_w - 0.01, top - bottom - 0.06)
    rect_px = Box(map_rect[0] * width, map_rect[1] * height, (map_rect[0] + map_rect[2]) * width,
                  (map_rect[1] + map_rect[3]) * height)  # fmt: skip

    xs, ys = project_view(view) if len(view) else (np.empty(0), np.empty(0))
    area = region(view, main, xs, ys) if len(view) else None
    locator = None
    inset_box: Box | None = None
    inset_rect: tuple[float, float, float, float] | None = None
    if area is None:
        limits = (fx0, fx1, fy0, fy1)
        box = axes_box(rect_px, limits, (0.5, 1.0) if under else (0.0, 0.5))
        ix, iy, iw, ih = inset
        (bx0, bx1), (by0, by1) = to_figure(limits, box, [ix, ix + iw], [iy, iy + ih])
        inset_box = Box(float(bx0), float(by0), float(bx1), float(by1))
        inset_rect = inset
    else:
        limits = fill_axes(area, rect_px.x1 - rect_px.x0, rect_px.y1 - rect_px.y0)
        box = rect_px
        locator, legend_rect = locator_rect(
            legend_rect, under, legend_rows(sections, False), scale, width, height
        )

    marker = as_marker(view, style) if "level" in view else np.ones(len(view), dtype=bool)
    marker = marker | ~np.asarray(has_area, dtype=bool)
    fx, fy = to_figure(limits, box, xs, ys)
    radius = MARKER_PX * scale
    window = comparing(view) and bool(view["change"].isin(ADDED).any())
    larger = palette.NEW_EXTRA * scale if window else 0.0  # markers stand apart by the larger size
    spread_px = _spread(np.stack([fx, height - fy], axis=1), marker, radius + larger)
    marks = tuple(
        Mark(
            i,
            float(xs[i]),
            float(ys[i]),
            float(spread_px[i, 0]),
            float(height - spread_px[i, 1]),
            bool(marker[i]),
        )
        for i in range(len(view))
    )
    label_pt = (REGIONAL_LABEL_PT if area is not None else LABEL_PT) * scale
    placed: tuple[Placed, ...] = ()
    if labels is not False and len(view):
        placed = _labels(view, marks, lang_names, box, inset_box, radius + larger, px(label_pt), height)
    return SlidePlan(
        width, height, scale, lines, map_rect, box, limits, area is not None, under, legend_rect, inset_rect,
        inset_box, locator, marks, radius, larger, placed, label_pt,
    )  # fmt: skip


def _spread(screen: np.ndarray, marker: np.ndarray, radius: float) -> np.ndarray:
    """The markers' screen points moved apart so that none hides another (earliest batch placed first)."""
    out = screen.copy()
    idx = np.flatnonzero(marker)
    if len(idx) > 1:
        out[idx[::-1]] = spread(screen[idx[::-1]], apart(radius))
    return out


def _labels(view, marks, names, box: Box, inset: Box | None, radius: float, size: float, height: int):
    """The labels of the zones shown, by the rule of every map (geo.labels), placed in screen pixels and
    turned back to figure pixels."""
    levels = view["level"].tolist() if "level" in view else [""] * len(view)
    codes = view["adcodes"].tolist() if "adcodes" in view else [""] * len(view)
    batches = view["batch"].tolist()
    items, rows, circles = [], [], []
    for m in marks:
        sx, sy = m.px, height - m.py
        if m.marker:
            circles.append((sx, sy, radius + 1))
        elif seat_kept_clear(levels[m.row], codes[m.row], len(view)):
            circles.append((sx, sy, SEAT_PX + 1))
        priority = label_priority(levels[m.row], codes[m.row], batches[m.row])
        items.append(
            Label(sx, sy, str(names[m.row]), size, radius + 1 if m.marker else SEAT_PX + 1, priority)
        )
        rows.append(m.row)
    frame = Box(box.x0, height - box.y1, box.x1, height - box.y0)
    keep_out = [Box(inset.x0, height - inset.y1, inset.x1, height - inset.y0)] if inset else []
    placed = place_labels(items, frame, rules_for(len(view)), circles, keep_out, label_size)
    out = []
    for p in placed:
        b = p.box
        leader = None
        if p.leader:
            x0, y0, x1, y1 = p.leader
            leader = (x0, height - y0, x1, height - y1)
        out.append(
            Placed(rows[p.index], p.text, Box(b.x0, height - b.y1, b.x1, height - b.y0), p.factor, leader)
        )
    return tuple(out)


__all__ = ["SlidePlan", "plan_slide", "earliest_on_top"]
