"""Zone markers of the slide map (dots, superseded and unverified rings) and their non-overlapping labels."""

from __future__ import annotations

import pandas as pd
from matplotlib.patheffects import Stroke
from matplotlib.transforms import Bbox
from pyproj import Transformer

from geo import palette
from geo.slide.frames import ALBERS
from geo.slide.style import DPI, INK, MARKER_EDGE

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
    if "designation_confidence" in view:
        unverified = (view["designation_confidence"] == "unverified").to_numpy()
        if unverified.any():
            halo = size * HALO**2
            style = halo_style(palette.UNVERIFIED_RING, scale)
            ax.scatter(pts.x[unverified], pts.y[unverified], s=halo, zorder=6, **style)
    return pts


def draw_zone_labels(
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
