"""Place map labels so they do not overlap: greedy placement in Web-Mercator screen pixels at a zoom."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Candidate positions beside a marker: (text anchor, alignment baseline, pixel offset).
POSITIONS = (
    ("start", "center", (1, 0)),
    ("end", "center", (-1, 0)),
    ("middle", "bottom", (0, -1)),
    ("middle", "top", (0, 1)),
)


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def project(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web-Mercator world pixel coordinates (as deck.gl's MapView uses) at `zoom`."""
    scale = 512 * 2**zoom / (2 * math.pi)
    x = scale * (math.radians(lon) + math.pi)
    y = scale * (math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return x, y


def text_width(text: str, size: float) -> float:
    """Approximate rendered width: CJK characters are square, Latin ones about 0.58 em."""
    return sum(size if ord(ch) > 0x2E80 else 0.58 * size for ch in text)


def _box(x: float, y: float, text: str, size: float, anchor: str, baseline: str, offset) -> Box:
    w, h = text_width(text, size), size * 1.25
    x += offset[0]
    y += offset[1]
    left = {"start": x, "end": x - w, "middle": x - w / 2}[anchor]
    top = {"center": y - h / 2, "bottom": y - h, "top": y}[baseline]
    return Box(left, top, left + w, top + h)


def layout_labels(
    records: list[dict], zoom: float, size: float, marker_radius: float = 6, always: float = -2
) -> list[dict]:
    """The records that can be labelled without overlap, in priority order (higher 'priority' first),
    each with 'anchor', 'baseline' and 'offset' set. Records need 'position' [lon, lat] and 'label'.

    Labels never overlap each other; they avoid other markers too, except labels with a priority of
    at least `always`, which may cover a marker rather than go missing."""
    points = [project(r["position"][0], r["position"][1], zoom) for r in records]
    r = marker_radius
    markers = [Box(x - r, y - r, x + r, y + r) for x, y in points]
    labels: list[Box] = []
    order = sorted(range(len(records)), key=lambda i: (-records[i].get("priority", 0), records[i]["label"]))
    placed = []
    for i in order:
        x, y = points[i]
        avoid_markers = records[i].get("priority", 0) < always
        for anchor, baseline, (dx, dy) in POSITIONS:
            offset = (dx * (marker_radius + 3), dy * (marker_radius + 3))
            box = _box(x, y, records[i]["label"], size, anchor, baseline, offset)
            if any(box.overlaps(b) for b in labels):
                continue
            if avoid_markers and any(box.overlaps(m) for j, m in enumerate(markers) if j != i):
                continue
            labels.append(box)
            placed.append({**records[i], "anchor": anchor, "baseline": baseline, "offset": list(offset)})
            break
    return placed
