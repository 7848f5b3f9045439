"""All data as one ZIP: registry, ledger, plans, research tables, boundaries, package, changelog, README."""

# The archive holds one folder laid out like data/ (the CSVs, SOURCES.md and datapackage.json at its top,
# the boundary files in boundaries/), so that its datapackage.json describes the unpacked folder as it is.
# Entries carry a fixed timestamp: the same files give the same bytes.

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd

from geo import i18n
from geo.paths import (
    BATCHES_CSV,
    BUILD_JSON,
    CHANGELOG_MD,
    DATAPACKAGE_JSON,
    EVIDENCE_CSV,
    PLANS_CSV,
    PROVINCES_CSV,
    PUBLISHERS_CSV,
    REGISTRY_CHECK_JSON,
    SOURCES_MD,
    ZONES_CSV,
)
from geo.schemas import CONFIDENCE

FOLDER = "pilot-zones-data"
README = "README.md"
STAMP = (2015, 3, 7, 0, 0, 0)  # any fixed date after 1980 (ZIP's epoch)


def bundle_files(data_dir: Path, boundaries_dir: Path) -> list[tuple[str, Path]]:
    """(name in the archive, file) for every data file that exists, in a stable order."""
    top = [BATCHES_CSV, ZONES_CSV, PROVINCES_CSV, EVIDENCE_CSV, PLANS_CSV, PUBLISHERS_CSV]
    top += [DATAPACKAGE_JSON, SOURCES_MD, CHANGELOG_MD, REGISTRY_CHECK_JSON]
    files = [(name, data_dir / name) for name in top]
    # The research tables (geo.panel) and their codebook, under research/ as in data/.
    files += [(f"research/{p.name}", p) for p in sorted((data_dir / "research").glob("*")) if p.is_file()]
    shapes = sorted(boundaries_dir.glob("*.geojson")) + [boundaries_dir / BUILD_JSON]
    files += [(f"boundaries/{p.name}", p) for p in shapes]
    return [(name, path) for name, path in files if path.is_file()]


# What the README says about the two zone tables a reader meets: the registry's and the table page's export.
TWO_FILES = """## zones.csv and the table export

`zones.csv` is the registry: one row per designation as the State Council's replies make it, with the
zone's names, codes, marker point, `status` (active or revoked today) and `revoked_by` (the revoking reply's
document number). The table page's downloads (CSV, XLSX, GeoJSON) are a view of it on a chosen day and
filters: the same columns under the same names (`zone_id`, `batch`, `name_zh`, `name_en`, `province_code`,
`adcodes`, `level`, `lon`, `lat`, `marker_source`, `status`, `revoked_by`, `note`, `note_zh`), joined with
the reply (`approved_on`, `published_on`, `document_no`, `source_url`), the province, the location class,
`revoked_on`, the implementation plan's dates, and a `*_confidence` column beside each fact and date
(`designation_confidence`, `approved_on_confidence`, ...). In an export `status`, `revoked_by` and
`revoked_on` are those of the view's day. No file of this folder types a confidence: it is derived from
`evidence.csv` and `publishers.csv` by the rule below."""


def readme_text(
    title: str, citation: str, bibtex: str, package: dict | None, facts: pd.DataFrame | None = None
) -> str:
    """The archive's README: what it is, how to cite it, its files and their licences (from the package),
    the two zone tables, and (with `facts`: geo.provenance.fact_table) the confidence rule, the counts per
    fact and every fact that rests on one source or none."""
    lines = [f"# {title}", "", "中国跨境电子商务综合试验区", "", "## How to cite", "", citation, ""]
    lines += ["```bibtex", bibtex, "```", "", "## Files", ""]
    lines.append(
        f"- `{DATAPACKAGE_JSON}`: the Frictionless Data Package descriptor (schemas, keys, licences)"
    )
    lines.append(f"- `{SOURCES_MD}`: where every fact comes from, and the licences")
    lines.append(f"- `{CHANGELOG_MD}`: what changed per release of the data")
    lines.append(f"- `{REGISTRY_CHECK_JSON}`: when the registry was last checked for new replies, and how")
    for res in (package or {}).get("resources", []):
        licences = ", ".join(x.get("name", "") for x in res.get("licenses", []))
        lines.append(f"- `{res['path']}`: {res.get('title', res['name'])} ({licences})")
    lines += ["", TWO_FILES, ""]
    if facts is not None:
        lines += confidence_section(facts)
    lines += ["## Licences", ""]
    for lic in (package or {}).get("licenses", []):
        lines.append(f"- {lic.get('title') or lic.get('name')}")
    return "\n".join(lines).rstrip() + "\n"


def confidence_section(facts: pd.DataFrame) -> list[str]:
    """The README's lines on confidence: the rule, a count per fact and confidence, and one line per fact
    that is not confirmed ('- batch:1 approved_on 2015-03-07: unverified')."""
    lines = ["## Confidence", "", i18n.t("conf_rule", "en"), ""]
    lines += ["| fact | confirmed | single_source | unverified |", "|---|---:|---:|---:|"]
    counts = facts.groupby(["fact", "confidence"]).size()
    for fact in dict.fromkeys(facts["fact"]):
        n = [int(counts.get((fact, c), 0)) for c in CONFIDENCE]
        lines.append(f"| {fact} | {n[0]} | {n[1]} | {n[2]} |")
    lines += ["", "Facts that rest on a single source or on none:", ""]
    for r in facts[facts["confidence"] != CONFIDENCE[0]].itertuples(index=False):
        value = f" {r.value}" if r.value else " (empty)"
        lines.append(f"- {r.subject} {r.fact}{value}: {r.confidence}")
    return lines + [""]


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
