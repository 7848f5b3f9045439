"""All data as one ZIP: the CSVs (registry, ledger, plans, research), boundaries, datapackage.json, README."""

# The archive holds one folder laid out like data/ (the CSVs, SOURCES.md and datapackage.json at its top,
# the boundary files in boundaries/), so that its datapackage.json describes the unpacked folder as it is.
# Entries carry a fixed timestamp: the same files give the same bytes.

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from geo.paths import (
    BATCHES_CSV,
    BUILD_JSON,
    DATAPACKAGE_JSON,
    EVIDENCE_CSV,
    PLANS_CSV,
    PROVINCES_CSV,
    PUBLISHERS_CSV,
    SOURCES_MD,
    ZONES_CSV,
)

FOLDER = "pilot-zones-data"
README = "README.md"
STAMP = (2015, 3, 7, 0, 0, 0)  # any fixed date after 1980 (ZIP's epoch)


def bundle_files(data_dir: Path, boundaries_dir: Path) -> list[tuple[str, Path]]:
    """(name in the archive, file) for every data file that exists, in a stable order."""
    top = [BATCHES_CSV, ZONES_CSV, PROVINCES_CSV, EVIDENCE_CSV, PLANS_CSV, PUBLISHERS_CSV]
    top += [DATAPACKAGE_JSON, SOURCES_MD]
    files = [(name, data_dir / name) for name in top]
    # The research tables (geo.panel) and their codebook, under research/ as in data/.
    files += [(f"research/{p.name}", p) for p in sorted((data_dir / "research").glob("*")) if p.is_file()]
    shapes = sorted(boundaries_dir.glob("*.geojson")) + [boundaries_dir / BUILD_JSON]
    files += [(f"boundaries/{p.name}", p) for p in shapes]
    return [(name, path) for name, path in files if path.is_file()]


def readme_text(title: str, citation: str, bibtex: str, package: dict | None) -> str:
    """The archive's README: what it is, how to cite it, its files and their licences (from the package)."""
    lines = [f"# {title}", "", "中国跨境电子商务综合试验区", "", "## How to cite", "", citation, ""]
    lines += ["```bibtex", bibtex, "```", "", "## Files", ""]
    lines.append(
        f"- `{DATAPACKAGE_JSON}`: the Frictionless Data Package descriptor (schemas, keys, licences)"
    )
    lines.append(f"- `{SOURCES_MD}`: where every fact comes from, and the licences")
    for res in (package or {}).get("resources", []):
        licences = ", ".join(x.get("name", "") for x in res.get("licenses", []))
        lines.append(f"- `{res['path']}`: {res.get('title', res['name'])} ({licences})")
    lines += ["", "## Licences", ""]
    for lic in (package or {}).get("licenses", []):
        lines.append(f"- {lic.get('title') or lic.get('name')}")
    return "\n".join(lines).rstrip() + "\n"


def read_package(data_dir: Path) -> dict | None:
    """data_dir's datapackage.json, or None if there is none (or it is not valid JSON)."""
    try:
        return json.loads((data_dir / DATAPACKAGE_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def data_zip(files: list[tuple[str, Path]], readme: str) -> bytes:
    """The ZIP archive of `files` (geo.bundle.bundle_files) and the README, all in one folder."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        entries = [(README, readme.encode("utf-8"))] + [(name, path.read_bytes()) for name, path in files]
        for name, data in entries:
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buf.getvalue()
