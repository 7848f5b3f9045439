"""A new State Council reply is a data-only change: a ninth batch appended to a copy of data/ shows up."""

from __future__ import annotations

import csv
import json

import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo import palette
from geo.boundaries import load_provinces, load_zone_areas
from geo.build.static_geometry import static_files
from geo.mapview import base_layer_id
from geo.paths import STATIC_ENV
from geo.registry import load_registry, not_applicable
from tests.apptest import app, copy_data, metric, widget
from tests.facts import expected, rows
from views.context import DATA_ENV

NEW_DAY = "2026-06-01"


def _append(path, new_rows: list[dict]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    with path.open("a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        for row in new_rows:
            writer.writerow({k: row.get(k, "") for k in header})


@pytest.fixture(scope="module")
def ninth(tmp_path_factory):
    """data/ copied, plus batch 9 naming two prefecture-level cities that have no zone yet (their outlines
    taken from the prefecture boundaries, as `python -m geo.build` would write them)."""
    folder = copy_data(tmp_path_factory.mktemp("ninth"), boundaries=True)
    taken = {code for z in rows("zones.csv") for code in z["adcodes"].split(";")}
    prefectures = json.loads((folder / "boundaries" / "prefectures.geojson").read_text(encoding="utf-8"))
    free = [
        f
        for f in prefectures["features"]
        if f["properties"]["level"] == "prefecture_city" and f["properties"]["adcode"] not in taken
    ][:2]
    zones = []
    for i, f in enumerate(free):
        point = shapely.geometry.shape(f["geometry"]).representative_point()
        p = f["properties"]
        zones.append(
            dict(zone_id=f"new-{i}", batch="9", name_zh=p["name_zh"], name_en=f"New City {i}",
                 province_code=p["province_code"], adcodes=p["adcode"], level="prefecture_city",
                 lon=f"{point.x:.5f}", lat=f"{point.y:.5f}", marker_source="label_point", status="active",
                 confidence="unverified")
        )  # fmt: skip
    _append(folder / "zones.csv", zones)
    _append(
        folder / "batches.csv",
        [
            dict(
                batch="9",
                published_on=NEW_DAY,
                document_no="国函〔2026〕99号",
                document_no_en="Guohan [2026] No. 99",
                zone_count="2",
                confidence="unverified",
            )
        ],
    )
    areas_path = folder / "boundaries" / "zone_areas.geojson"
    areas = json.loads(areas_path.read_text(encoding="utf-8"))
    areas["features"] += [
        {
            "type": "Feature",
            "properties": {"zone_id": z["zone_id"], "adcodes": z["adcodes"]},
            "geometry": f["geometry"],
        }
        for z, f in zip(zones, free, strict=True)
    ]
    areas_path.write_text(json.dumps(areas, ensure_ascii=False), encoding="utf-8")
    # ... and the display geometry, as `python -m geo.build.static_geometry` would write it.
    static = folder / "static"
    static.mkdir()
    bdir = folder / "boundaries"
    grey = not_applicable(load_registry(folder).provinces)
    for name, content in static_files(load_provinces(bdir), load_zone_areas(bdir), grey).items():
        (static / name).write_bytes(content)
    return folder


def run_on(folder, monkeypatch, page=None) -> AppTest:
    monkeypatch.setenv(DATA_ENV, str(folder))
    monkeypatch.setenv(STATIC_ENV, str(folder / "static"))
    at = app()
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def test_the_timeline_gets_a_ninth_step_and_the_counts_include_it(ninth, monkeypatch):
    at = run_on(ninth, monkeypatch)
    assert len(widget(at, "select_slider", "timeline").options) == len(rows("batches.csv")) + 2
    assert 9 in widget(at, "pills", "batch").options or "9" in widget(at, "pills", "batch").options
    assert metric(at, "Active zones") == str(expected().active + 2)
    assert metric(at, "Batches") == str(len(rows("batches.csv")) + 1)
    widget(at, "pills", "batch").set_value([9]).run()
    assert metric(at, "Active zones") == "2"


def test_the_ninth_batch_has_its_own_colour_on_map_and_charts(ninth, monkeypatch):
    at = run_on(ninth, monkeypatch, "views/charts.py")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    ninth_colour = colours["Batch 9"]
    assert ninth_colour == palette.batch_colour(9)
    assert ninth_colour not in [colours[f"Batch {b}"] for b in range(1, 9)]
    at.switch_page("views/map.py")
    at.run()
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    layers = {base_layer_id(layer["id"]): layer["data"] for layer in deck["layers"]}  # ids as built
    drawn = [(m["zone_id"], m["colour"]) for m in layers.get("zones-active", [])]  # markers
    drawn += [(f["properties"]["zone_id"], f["properties"]["c"]) for f in layers["zone-areas"]["features"]]
    new = [colour for zone, colour in drawn if zone.startswith("new-")]
    assert len(new) == 2 and all(colour == palette.rgba(ninth_colour) for colour in new)
