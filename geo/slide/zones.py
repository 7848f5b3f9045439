"""The zones on the slide map, drawn where geo.slide.layout put them: areas, markers, marks and labels."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import shapely
import shapely.geometry
from matplotlib.collections import PathCollection
from matplotlib.colors import to_rgba
from matplotlib.path import Path
from matplotlib.patheffects import Normal, Stroke

from geo import palette
from geo.changes import ADDED, REMOVED, UNCHANGED, comparing
from geo.mapmarks import MARK_SINGLE, MARK_UNVERIFIED, mark
from geo.slide.frames import to_albers
from geo.slide.layout import SEAT_PX, SlidePlan
from geo.slide.style import INK, MARKER_EDGE, MUTED

RING_GAP = 3.5  # pixels between a marker's edge and its confidence ring (as on the interactive map)
DASHES = (0, (2.2, 1.6))  # the dashed mark of a designation that rests on one source


def _confidences(view: pd.DataFrame) -> list[str]:
    if "designation_confidence" not in view:
        return [""] * len(view)
    return [mark(c) for c in view["designation_confidence"]]


def _changes(view: pd.DataFrame) -> list:
    """Each row's change in the compared window (geo.changes), or None when the view does not compare."""
    return view["change"].tolist() if comparing(view) else [None] * len(view)


def _alpha(change) -> float:
    """Comparing with an earlier date, the zones that did not change are drawn muted."""
    return palette.MUTED_ALPHA / 255 if change == UNCHANGED else 1.0


def _to_data(plan: SlidePlan, px: float, py: float) -> tuple[float, float]:
    """Projected metres of a figure pixel on the map (the inverse of geo.slide.layout.to_figure)."""
    x0, x1, y0, y1 = plan.limits
    b = plan.map_box
    return x0 + (px - b.x0) / (b.x1 - b.x0) * (x1 - x0), y0 + (py - b.y0) / (b.y1 - b.y0) * (y1 - y0)


def projected_areas(view: pd.DataFrame, plan: SlidePlan, areas: Mapping[str, dict]) -> dict[int, object]:
    """The projected outline of every zone the plan draws as an area, by its row in the view."""
    tr = to_albers()
    out = {}
    ids = view["zone_id"].tolist() if "zone_id" in view else []
    for m in plan.marks:
        if not m.marker and ids and ids[m.row] in areas:
            geom = shapely.geometry.shape(areas[ids[m.row]])
            out[m.row] = shapely.transform(geom, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
    return out


def polygon_path(geom) -> Path:
    """A matplotlib Path of a (multi)polygon, holes included (zones here, provinces in render.py)."""
    verts, codes = [], []
    for poly in getattr(geom, "geoms", [geom]):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            kind = np.full(len(xy), Path.LINETO, dtype=Path.code_type)
            kind[0], kind[-1] = Path.MOVETO, Path.CLOSEPOLY
            verts.append(xy)
            codes.append(kind)
    return Path(np.concatenate(verts), np.concatenate(codes)) if verts else Path(np.empty((0, 2)))


def draw_areas(ax, view: pd.DataFrame, shapes: dict[int, object], scale: float) -> None:
    """Zones drawn as their own areas in their batch colour (earliest batch on top: the view comes in
    drawing order), revoked ones hollow in it, the unchanged ones muted when comparing with an earlier
    date; dark edges for no source, dashed for one source."""
    if not shapes:
        return
    status = view["status_asof"].tolist()
    batches = view["batch"].tolist()
    marks = _confidences(view)
    changes = _changes(view)
    for row, geom in shapes.items():  # in the view's (drawing) order
        fill = to_rgba(palette.batch_colour(batches[row]), _alpha(changes[row]))
        active = status[row] == "active"
        ax.add_collection(
            PathCollection(
                [polygon_path(geom)],
                facecolors=[fill] if active else "none",
                edgecolors=palette.AREA_EDGE if active else [fill],
                linewidths=(0.5 if active else 2.0) * scale,
                zorder=2,
            ),
            autolim=False,
        )
    for row, geom in shapes.items():
        if marks[row] in (MARK_SINGLE, MARK_UNVERIFIED):
            dashed = marks[row] == MARK_SINGLE
            colour = palette.SINGLE_SOURCE_RING if dashed else palette.UNVERIFIED_RING
            ax.add_collection(
                PathCollection(
                    [polygon_path(geom)],
                    facecolors="none",
                    edgecolors=colour,
                    linewidths=(1.1 if dashed else 1.5) * scale,
                    linestyles=DASHES if dashed else "solid",
                    zorder=3,
                ),  # fmt: skip
                autolim=False,
            )


def draw_markers(ax, view: pd.DataFrame, plan: SlidePlan, scale: float) -> None:
    """The zones drawn as markers, where the plan moved them so that none hides another: hollow rings for
    revoked zones, filled dots for active ones, earliest batch on top; a ring around each whose designation
    is not confirmed (solid for no source, dashed for one source); and the seat dots of labelled areas.
    Comparing with an earlier date: the zones designated since then larger, the unchanged ones muted, and
    a cross over each zone revoked since then (its marker, or its area's seat)."""
    status = view["status_asof"].tolist()
    batches = view["batch"].tolist()
    marks = _confidences(view)
    changes = _changes(view)
    r = plan.marker_radius

    def area(radius: float) -> float:  # scatter size in points², from a radius in pixels at 100 dpi
        return (2 * radius * 72 / 100) ** 2

    drawn = [m for m in plan.marks if m.marker]  # later batches first: the earliest end up on top
    if drawn:
        xy = np.array([_to_data(plan, m.px, m.py) for m in drawn])
        active = [status[m.row] == "active" for m in drawn]
        colours = [to_rgba(palette.batch_colour(batches[m.row]), _alpha(changes[m.row])) for m in drawn]
        radii = [r + (plan.larger if changes[m.row] in ADDED else 0.0) for m in drawn]
        size = [area(radius) for radius in radii]
        ring = np.array([area(radius + RING_GAP * scale) for radius in radii])
        ax.scatter(
            xy[:, 0], xy[:, 1], s=size, zorder=6,
            facecolors=[c if a else "none" for c, a in zip(colours, active, strict=True)],
            edgecolors=[to_rgba(MARKER_EDGE, c[3]) if a else c for c, a in zip(colours, active, strict=True)],
            linewidths=[(0.7 if a else 2.2) * scale for a in active],
        )  # fmt: skip
        for kind, colour, style in (
            (MARK_SINGLE, palette.SINGLE_SOURCE_RING, DASHES),
            (MARK_UNVERIFIED, palette.UNVERIFIED_RING, "solid"),
        ):
            ringed = [k for k, m in enumerate(drawn) if marks[m.row] == kind]
            if ringed:
                ax.scatter(
                    xy[ringed, 0], xy[ringed, 1], s=ring[ringed], facecolors="none", edgecolors=colour,
                    linewidths=1.0 * scale, linestyles=style, zorder=6,
                )  # fmt: skip
    labelled = {p.index for p in plan.labels}
    seats = [m for m in plan.marks if not m.marker and m.row in labelled]
    if seats:
        xy = np.array([_to_data(plan, m.px, m.py) for m in seats])
        seat = (2 * SEAT_PX * scale * 72 / 100) ** 2
        ax.scatter(
            xy[:, 0], xy[:, 1], s=seat, c=palette.SEAT, edgecolors="white", linewidths=0.6 * scale, zorder=6
        )
    crossed = [m for m in plan.marks if changes[m.row] in REMOVED]
    if crossed:
        xy = np.array([_to_data(plan, m.px, m.py) for m in crossed])
        halo = [Stroke(linewidth=5 * scale, foreground=palette.HALO), Normal()]
        ax.plot(
            xy[:, 0], xy[:, 1], linestyle="", marker="x", markersize=2 * (r + 2 * scale) * 72 / 100,
            markeredgecolor=palette.REVOKED_CROSS, markeredgewidth=2.2 * scale, zorder=6.8, path_effects=halo,
        )  # fmt: skip


def draw_labels(ax, plan: SlidePlan, font: str) -> None:
    """Each label centred in the box the plan found for it, over a white halo, with its leader line."""
    base = plan.label_pt
    for p in plan.labels:
        size = base * p.factor
        cx, cy = p.box.centre
        x, y = _to_data(plan, cx, cy)
        style = dict(ha="center", va="center", fontsize=size, family=font)
        halo = [Stroke(linewidth=size / 3.5, foreground=palette.HALO)]
        ax.text(x, y, p.text, color=palette.HALO, zorder=7, path_effects=halo, **style)
        ax.text(x, y, p.text, color=INK, zorder=8, **style)
        if p.leader:
            (ax0, ay0), (ax1, ay1) = _to_data(plan, *p.leader[:2]), _to_data(plan, *p.leader[2:])
            ax.plot([ax0, ax1], [ay0, ay1], color=MUTED, linewidth=size / 14, zorder=6.5)
