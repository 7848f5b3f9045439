"""Compact, byte-reproducible GeoJSON FeatureCollections: the boundary build's output format."""

from __future__ import annotations

import json

import shapely
from shapely.geometry import mapping


def feature_collection(features: list[tuple[dict, shapely.Geometry]]) -> bytes:
    """Compact, UTF-8 GeoJSON bytes (no spaces, non-ASCII kept) with a trailing newline."""
    out = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": props, "geometry": _geometry_json(geom)}
            for props, geom in features
        ],
    }
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def _geometry_json(geom: shapely.Geometry) -> dict:
    obj = mapping(geom)

    def lists(v):
        return [lists(x) for x in v] if isinstance(v, (list, tuple)) else v

    return {"type": obj["type"], "coordinates": lists(obj["coordinates"])}
