"""Data releases: one version everywhere, the registry check record, `python -m geo.release diff`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import openpyxl
import pytest
import yaml

from geo import export, freshness, provenance, release
from geo.dataset import load_dataset
from geo.filters import SPEC
from geo.paths import CITATION_CFF, DATA_DIR, PYPROJECT, ROOT, ZENODO_JSON
from geo.registry import RegistryError
from tests.apptest import captions, copy_data, run, unescape

VERSION = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["version"]
CHANGELOG = (DATA_DIR / "CHANGELOG.md").read_text(encoding="utf-8")


# One version ---------------------------------------------------------------------------------------------


def test_the_data_version_is_the_same_in_every_file():
    assert re.fullmatch(r"\d+\.\d+\.\d+", VERSION)
    assert release.data_version() == VERSION
    assert str(yaml.safe_load(CITATION_CFF.read_text(encoding="utf-8"))["version"]) == VERSION
    assert json.loads(ZENODO_JSON.read_text(encoding="utf-8"))["version"] == VERSION
    assert tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"] == VERSION
    assert f"(version {VERSION})" in (ROOT / "README.md").read_text(encoding="utf-8")
    newest = re.search(r"(?m)^## (\S+)", CHANGELOG)
    assert newest and newest.group(1) == VERSION  # the changelog's newest entry is this release


def test_the_exports_say_the_same_version(data):
    assert data.version == VERSION
    filters = SPEC.filters()
    rows = export.export_frame(data.view(filters))
    source = provenance.of(data, filters)
    metadata = provenance.view_metadata(source, [], dt.date(2026, 12, 3), len(rows), "en")
    sources = provenance.batch_sources(data.registry.batches, data.zones, source.facts, "en")
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(rows, "en", sources, source.facts, metadata)))
    about = {r[0]: r[2] for r in book["metadata"].iter_rows(values_only=True) if r[0]}
    assert about["data_version"] == VERSION
    geo = json.loads(export.to_geojson(rows, None, metadata))
    assert geo["metadata"]["data_version"] == VERSION
    assert f"version {VERSION}" in source.citation("en", dt.date(2026, 12, 3))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_sources_page_shows_the_version_and_the_check(lang):
    at = run("views/sources.py", lang=lang)
    assert VERSION in at.code[0].value and f"version = {{{VERSION}}}" in at.code[1].value
    text = " ".join(unescape(m.value) for m in at.markdown)
    assert ("Data version " if lang == "en" else "数据版本 ") + VERSION in text
    record = json.loads((DATA_DIR / "registry_check.json").read_text(encoding="utf-8"))
    assert record["checked_on"] in text and record["how"][lang] in text
    for item in record["searched"]:
        assert item["source"][lang] in text
    line = next(c for c in captions(at) if record["short"][lang] in c)
    assert record["checked_on"] in line and "国函〔2025〕40号" in line


def test_a_folder_without_a_record_names_no_check_date(tmp_path, monkeypatch):
    copy_data(tmp_path, boundaries=True)
    monkeypatch.setenv("PILOT_ZONES_DATA", str(tmp_path))
    at = run("views/sources.py")
    text = " ".join(captions(at))
    assert "No check of the registry against new replies and revocations is recorded." in text
    assert "Registry checked" not in text
    assert "Data version unknown" in " ".join(unescape(m.value) for m in at.markdown)


# The recorded check --------------------------------------------------------------------------------------


def record() -> dict:
    return json.loads((DATA_DIR / "registry_check.json").read_text(encoding="utf-8"))


def test_the_record_loads():
    check, problems = freshness.read_check(DATA_DIR, dt.date(2025, 4, 25), dt.date(2026, 12, 3))
    assert problems == [] and check is not None
    assert check.checked_on == dt.date.fromisoformat(record()["checked_on"])
    assert [s.found for s in check.searched] == [s["found"] for s in record()["searched"]]


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        (lambda r: r.update(checked_on="2026-02-30"), "checked_on", "real day"),
        (lambda r: r.update(checked_on="2030-01-01"), "checked_on", "in the future"),
        (lambda r: r.update(checked_on="2025-01-01"), "checked_on", "before the newest reply"),
        (lambda r: r["how"].pop("zh"), "how", "each language"),
        (lambda r: r.update(searched=[]), "searched", "sources searched"),
        (lambda r: r["searched"][0].update(found="no"), "searched[0]", "found"),
        (lambda r: r.pop("record"), "record", "written up"),
    ],
)
def test_a_broken_record_names_what_is_wrong(change, column, words):
    raw = record()
    change(raw)
    check, problems = freshness.parse_check(raw, dt.date(2025, 4, 25), dt.date(2026, 12, 3))
    assert check is None
    assert any(p.column == column and words in p.message for p in problems), problems


def test_the_app_will_not_load_a_broken_record(tmp_path):
    copy_data(tmp_path, boundaries=True)
    raw = record() | {"checked_on": "2025-01-01"}
    (tmp_path / "registry_check.json").write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_dataset(tmp_path, today=dt.date(2026, 12, 3))
    assert "registry_check.json, column 'checked_on'" in str(err.value)


# geo.release diff ----------------------------------------------------------------------------------------


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def write(folder: Path, name: str, rows: list[list[str]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def package(version: str) -> str:
    keys = {"zones.csv": ["zone_id"], "plans.csv": ["zone_id"], "gone.csv": ["id"], "ledger.csv": ["s", "u"]}
    resources = [{"name": n[:-4], "path": n, "schema": {"primaryKey": k}} for n, k in keys.items()]
    return json.dumps({"version": version, "resources": resources})


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A git repository with two commits of data/: a column renamed (and its values rewritten), one removed,
    one added; rows added, removed and changed; a file added, one removed; a two-column key."""
    root = tmp_path_factory.mktemp("repo")
    data = root / "data"
    data.mkdir()
    git(root, "init", "-q")
    git(root, "config", "user.email", "t@example.org")
    git(root, "config", "user.name", "t")
    write(data, "zones.csv", [["zone_id", "name", "status", "superseded_by", "confidence"],
                              ["a", "Alpha", "active", "", "confirmed"],
                              ["b", "Beta", "superseded", "8", "confirmed"],
                              ["c", "Gamma", "active", "", "single_source"]])  # fmt: skip
    write(data, "gone.csv", [["id", "x"], ["1", "y"]])
    write(data, "ledger.csv", [["s", "u", "q"], ["a", "http://x", "one"], ["b", "http://x", "two"]])
    (data / "datapackage.json").write_text(package("1.0.0"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "one")
    git(root, "tag", "v1")
    write(data, "zones.csv", [["zone_id", "name", "status", "revoked_by", "note_zh"],
                              ["a", "Alpha", "active", "", "甲"],
                              ["b", "Beta", "revoked", "国函〔2025〕40号", ""],
                              ["d", "Delta", "active", "", ""]])  # fmt: skip
    (data / "gone.csv").unlink()
    write(data, "plans.csv", [["zone_id", "title"], ["a", "Plan A"]])
    write(data, "ledger.csv", [["s", "u", "q"], ["a", "http://x", "one, changed"], ["a", "http://y", "3"]])
    (data / "datapackage.json").write_text(package("1.1.0"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "two")
    return root


def test_the_diff_names_every_change_by_key(repo):
    text = release.diff(release.snapshot("v1", repo), release.snapshot("HEAD", repo))
    lines = text.splitlines()
    assert lines[0].startswith("Changes to data/*.csv from v1 (") and "(data version 1.0.0 → 1.1.0)" in lines
    zones = text.split("### zones.csv")[1].split("###")[0]
    assert ": 3 → 3 rows (key: zone_id)" in zones
    assert "- column superseded_by renamed to revoked_by (the same 1 rows hold a value)" in zones
    assert "- column confidence removed (it held confirmed ×2, single_source ×1)" in zones
    assert "- column note_zh added (1 of 3 rows hold a value)" in zones
    assert "- 1 rows added:\n  - d" in zones and "- 1 rows removed:\n  - c" in zones
    assert "  - b: status superseded → revoked; revoked_by (was superseded_by) 8 → 国函〔2025〕40号" in zones
    assert "  - a:" not in zones  # only its new column differs, and that is said above
    assert "### gone.csv: removed (it had 1 rows)" in text
    assert "### plans.csv: new file, 1 rows (key: zone_id)" in text
    ledger = text.split("### ledger.csv")[1]
    assert "- 1 rows added:\n  - a · http://y" in ledger and "- 1 rows removed:\n  - b · http://x" in ledger
    assert "  - a · http://x: q one → one, changed" in ledger


def test_the_diff_against_the_working_tree_and_from_the_command_line(repo):
    write(repo / "data", "plans.csv", [["zone_id", "title"], ["a", "Plan A, revised"]])
    try:
        done = subprocess.run(
            [sys.executable, "-m", "geo.release", "diff", "HEAD", "--repo", str(repo)],
            capture_output=True, text=True, cwd=ROOT, check=True,
        )  # fmt: skip
    finally:
        git(repo, "checkout", "--", "data/plans.csv")
    assert "to the working tree" in done.stdout.splitlines()[0]
    assert "  - a: title Plan A → Plan A, revised" in done.stdout
    assert "Unchanged: ledger.csv, zones.csv" in done.stdout


def test_a_bad_ref_is_a_clear_message(repo):
    with pytest.raises(SystemExit, match="no-such-ref"):
        release.snapshot("no-such-ref", repo)


OLD, NEW = "0fb7878", "40be509"  # datapackage.json 0.1.0 (2026-11-27) and the architecture merge (2026-12-03)


def test_the_diff_of_two_commits_of_this_repository():
    have = ["git", "-C", str(ROOT), "cat-file", "-e", f"{OLD}^{{commit}}"]
    found = subprocess.run(have, capture_output=True)
    assert found.returncode == 0, f"needs the repository's history with {OLD} (git fetch --unshallow)"
    text = release.diff(release.snapshot(OLD), release.snapshot(NEW))

    def table(ref: str, name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(git(ROOT, "show", f"{ref}:data/{name}"))))

    old, new = table(OLD, "evidence.csv"), table(NEW, "evidence.csv")
    key = lambda r: (r["subject"], r["fact"], r["source_url"])  # noqa: E731
    added = {key(r) for r in new} - {key(r) for r in old}
    assert f"### evidence.csv: {len(old)} → {len(new)} rows (key: subject, fact, source_url)" in text
    assert f"- {len(added)} rows added" in text
    assert "column superseded_by renamed to revoked_by" in text
    revoked = [r["zone_id"] for r in table(NEW, "zones.csv") if r["revoked_by"]]
    for zone in revoked:
        assert f"  - {zone}: status superseded → revoked" in text
    assert f"### plans.csv: new file, {len(table(NEW, 'plans.csv'))} rows" in text
    assert "Unchanged: provinces.csv" in text
