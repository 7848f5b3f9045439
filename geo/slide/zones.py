"""Zone markers of the slide map (dots, revoked and unverified rings) and their non-overlapping labels."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pandas as pd
from matplotlib.patheffects import Stroke
from matplotlib.transforms import Bbox
from pyproj import Transformer

from geo import palette
from geo.slide.frames import ALBERS
from geo.slide.style import DPI, INK, MARKER_EDGE, MUTED

HALO = 1.9  # diameter of the unverified ring, in marker diameters


def halo_style(colour: str, scale: float) -> dict:
    """The dashed ring around a zone whose designation no source in the ledger states (scatter keywords)."""
    dashes = (0, (2, 1.5))
    return {"facecolors": "none", "edgecolors": colour, "linewidths": 1.0 * scale, "linestyles": dashes}


def _marker_size(scale: float) -> float:
    """Scatter size (points²) of a zone marker: about 11 px across at scale 1."""
    diameter_pt = 11 * scale * 72 / DPI
    return diameter_pt**2


def draw_markers(ax, view: pd.DataFrame, scale: float) -> pd.DataFrame:
    """Hollow rings for revoked zones, filled dots for active ones (drawn on top); returns projected xy."""
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
    if "designation_confidence" in view:
        unverified = (view["designation_confidence"] == "unverified").to_numpy()
        if unverified.any():
            halo = size * HALO**2
            style = halo_style(palette.UNVERIFIED_RING, scale)
            ax.scatter(pts.x[unverified], pts.y[unverified], s=halo, zorder=6, **style)
    return pts


# Where a label may go, best first: beside the marker (right, left, above, below, the diagonals), then
# further out with a thin leader line back to it; (unit direction x, y) with y upwards.
_D, _A, _B = 0.7071, 0.9239, 0.3827  # cos 45°; cos and sin 22.5°
DIRECTIONS = (
    (1, 0), (-1, 0), (0, 1), (0, -1), (_D, _D), (-_D, _D), (_D, -_D), (-_D, -_D),
    (_A, _B), (-_A, _B), (_A, -_B), (-_A, -_B), (_B, _A), (-_B, _A), (_B, -_A), (-_B, -_A),
)  # fmt: skip
DISTANCES = (1.0, 1.8, 2.7, 3.7, 5.0)  # times the gap between a marker's centre and its label
SHRINK = (1.0, 0.85, 0.72)  # smaller type for the labels that find no room at full size
ROUNDS = 6  # greedy rounds: each starts with the labels the last one could not place
LABEL_PT = 10  # zone label type size at 1600 x 1000


@dataclass(frozen=True)
class PlacedLabel:
    """A drawn zone label: its text, its box in figure pixels and whether a leader line joins it."""

    index: int
    text: str
    box: Bbox
    leader: bool


def _candidate_box(cx: float, cy: float, w: float, h: float, ux: float, uy: float, dist: float) -> Bbox:
    """The box of a w x h label whose near corner or edge centre sits `dist` pixels from (cx, cy) in the
    direction (ux, uy)."""
    ax_, ay_ = cx + ux * dist, cy + uy * dist
    x0 = ax_ if ux > 0.1 else ax_ - w if ux < -0.1 else ax_ - w / 2
    y0 = ay_ if uy > 0.1 else ay_ - h if uy < -0.1 else ay_ - h / 2
    return Bbox.from_extents(x0, y0, x0 + w, y0 + h)


def _crosses(p0, p1, boxes: list[Bbox]) -> bool:
    """Whether the segment p0-p1 passes through any of the boxes (sampled finely)."""
    steps = 12
    for k in range(1, steps):
        t = k / steps
        x, y = p0[0] + (p1[0] - p0[0]) * t, p0[1] + (p1[1] - p0[1]) * t
        if any(b.contains(x, y) for b in boxes):
            return True
    return False


def draw_zone_labels(
    fig,
    ax,
    pts: pd.DataFrame,
    labels: list[str],
    obstacles: list[Bbox],
    font: str,
    scale: float,
    size_pt: float | None = None,
) -> list[PlacedLabel]:
    """A label for every zone marker where there is room: beside it, else further out with a leader line,
    else in smaller type. Labels overlap no other label, marker or obstacle and stay inside the map.
    Crowded markers choose first. `size_pt`: type size at 1600 x 1000 (default LABEL_PT). Returns the
    labels drawn."""
    base = (size_pt or LABEL_PT) * scale
    renderer = fig.canvas.get_renderer()
    centres = ax.transData.transform(pts[["x", "y"]].to_numpy()) if len(pts) else []
    r = 6.5 * scale  # a marker's radius in pixels, with its rim
    markers = [Bbox.from_extents(cx - r, cy - r, cx + r, cy + r) for cx, cy in centres]
    frame = ax.get_window_extent(renderer)
    gap = r + 4 * scale
    sizes: dict[tuple[int, float], tuple[float, float]] = {}

    def measure(i: int, factor: float) -> tuple[float, float]:
        if (i, factor) not in sizes:
            probe = ax.text(0, 0, labels[i], fontsize=base * factor, family=font)
            box = probe.get_window_extent(renderer)
            probe.remove()
            sizes[(i, factor)] = (box.width * 1.04 + 2 * scale, box.height * 1.02)
        return sizes[(i, factor)]

    def crowd(i: int) -> int:
        cx, cy = centres[i]
        return sum(1 for x, y in centres if abs(x - cx) < 60 * scale and abs(y - cy) < 30 * scale)

    def place(order: list[int]) -> dict[int, tuple]:
        """One greedy round: the first free candidate of each label in turn."""
        taken: list[Bbox] = []
        leaders: list[tuple] = []
        spots: dict[int, tuple] = {}
        for i in order:
            cx, cy = centres[i]
            blocked = [*taken, *(m for j, m in enumerate(markers) if j != i)]
            for factor, dist, (ux, uy) in itertools.product(SHRINK, DISTANCES, DIRECTIONS):
                box = _candidate_box(cx, cy, *measure(i, factor), ux, uy, gap * dist)
                if not _inside(box, frame) or any(box.overlaps(b) for b in (*blocked, *obstacles)):
                    continue
                if any(_crosses(a, b, [box]) for a, b in leaders):
                    continue
                line = ((cx + ux * r, cy + uy * r), (cx + ux * gap * dist, cy + uy * gap * dist))
                if dist > 1 and _crosses(*line, blocked):
                    continue
                taken.append(box)
                if dist > 1:
                    leaders.append(line)
                spots[i] = (box, (ux, uy), gap * dist if dist > 1 else 0.0, factor)
                break
        return spots

    order = sorted(range(len(pts)), key=lambda i: (-crowd(i), not pts["active"].iloc[i], labels[i]))
    best: dict[int, tuple] = {}
    for _round in range(ROUNDS):
        spots = place(order)
        if len(spots) > len(best):
            best = spots
        missing = [i for i in order if i not in spots]
        if not missing:
            break
        order = missing + [i for i in order if i in spots]
    placed = []
    for i in sorted(best, key=order.index):
        box, direction, leader, factor = best[i]
        _draw_label(ax, centres[i], labels[i], box, direction, leader, r, base * factor, font)
        placed.append(PlacedLabel(i, labels[i], box, leader > 0))
    return placed


def _inside(box: Bbox, frame: Bbox) -> bool:
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1


def _draw_label(ax, centre, text: str, box: Bbox, direction, leader_px: float, r: float, size, font):
    """The label text centred in its box (SVG text), a white halo under it, and its leader line if any."""
    to_data = ax.transData.inverted().transform
    x, y = to_data(((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2))
    style = dict(ha="center", va="center", fontsize=size, family=font)
    halo = [Stroke(linewidth=size / 4, foreground="white")]
    ax.text(x, y, text, color="white", zorder=7, path_effects=halo, **style)
    ax.text(x, y, text, color=INK, zorder=8, **style)
    if leader_px:
        (cx, cy), (ux, uy) = centre, direction
        start, end = to_data((cx + ux * r, cy + uy * r)), to_data((cx + ux * leader_px, cy + uy * leader_px))
        ax.plot([start[0], end[0]], [start[1], end[1]], color=MUTED, linewidth=size / 14, zorder=6.5)
