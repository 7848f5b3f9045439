"""Data releases: THE data version and `python -m geo.release diff A [B]`, row-level changes of data/*.csv."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from geo.paths import DATA_DIR, DATAPACKAGE_JSON, ROOT

VERSION = re.compile(r"^\d+\.\d+\.\d+$")  # the data version: MAJOR.MINOR.PATCH
UNKNOWN = "unknown"
WIDE = 80  # characters of a value shown before it is shortened (--full shows them whole)
MANY = 50  # rows listed per file and kind of change before the rest are counted (--all lists them)


def data_version(data_dir: Path = DATA_DIR) -> str:
    """The data's version: `version` of data_dir/datapackage.json (CITATION.cff, .zenodo.json, the Sources
    page, the citation and the exports say the same); 'unknown' if the folder has none."""
    try:
        version = json.loads((data_dir / DATAPACKAGE_JSON).read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return UNKNOWN
    return version if isinstance(version, str) and VERSION.match(version) else UNKNOWN


# One version of data/ ------------------------------------------------------------------------------------


@dataclass
class Snapshot:
    """The CSVs of data/ at one version: file name -> text, and each file's primary key from that version's
    datapackage.json (absent: no key)."""

    label: str
    files: dict[str, str]
    keys: dict[str, list[str]] = field(default_factory=dict)
    version: str = UNKNOWN


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, encoding="utf-8")
    if done.returncode != 0:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


def _package(text: str | None) -> tuple[dict[str, list[str]], str]:
    """(file -> primary key, version) of a datapackage.json text."""
    try:
        package = json.loads(text or "")
    except ValueError:
        return {}, UNKNOWN
    keys = {}
    for res in package.get("resources", []):
        key = res.get("schema", {}).get("primaryKey")
        if isinstance(key, str):
            key = [key]
        if isinstance(res.get("path"), str) and key:
            keys[res["path"]] = list(key)
    version = package.get("version")
    return keys, version if isinstance(version, str) else UNKNOWN


def snapshot(ref: str | None, repo: Path = ROOT, folder: str = "data") -> Snapshot:
    """data/*.csv and their keys at git `ref` of `repo`; None: the working tree as it is now."""
    if ref is None:
        here = repo / folder
        files = {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(here.glob("*.csv"))}
        package = (
            (here / DATAPACKAGE_JSON).read_text(encoding="utf-8")
            if (here / DATAPACKAGE_JSON).is_file()
            else None
        )
        label = "the working tree"
    else:
        names = _git(repo, "ls-tree", "--name-only", f"{ref}:{folder}").split()
        files = {
            n: _git(repo, "show", f"{ref}:{folder}/{n}").lstrip("\ufeff") for n in names if n.endswith(".csv")
        }
        package = (
            _git(repo, "show", f"{ref}:{folder}/{DATAPACKAGE_JSON}") if DATAPACKAGE_JSON in names else None
        )
        commit, day = _git(repo, "log", "-1", "--format=%h %cs", ref).split()
        same = commit.startswith(ref) or ref.startswith(commit)
        label = f"{commit} ({day})" if same else f"{ref} ({commit}, {day})"
    keys, version = _package(package)
    return Snapshot(label, files, keys, version)


# The differences of one file -----------------------------------------------------------------------------


def _read(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = [{k: (v or "") for k, v in row.items() if k is not None} for row in reader]
    return list(reader.fieldnames or []), rows


def _shown(value: str, full: bool) -> str:
    value = " ".join(value.split())
    if not value:
        return "(empty)"
    return value if full or len(value) <= WIDE else value[: WIDE - 1] + "…"


def _listed(items: list[str], show_all: bool, prefix: str = "") -> list[str]:
    """The items, or the first MANY and a count of the rest."""
    if show_all or len(items) <= MANY:
        return items
    return items[:MANY] + [f"{prefix}… and {len(items) - MANY} more"]


def _renames(
    old: dict[tuple, dict[str, str]], new: dict[tuple, dict[str, str]], gone: list[str], added: list[str],
    old_cols: list[str], new_cols: list[str],
) -> dict[str, str]:  # fmt: skip
    """Removed column -> added column read as its new name: the same rows (by key) have a value in both, and
    at least one does; the nearest by position when several fit."""
    common = old.keys() & new.keys()
    out: dict[str, str] = {}
    for col in gone:
        filled = {k for k in common if old[k].get(col)}
        fits = [
            a
            for a in added
            if a not in out.values() and filled and filled == {k for k in common if new[k].get(a)}
        ]
        if fits:
            out[col] = min(fits, key=lambda a: abs(new_cols.index(a) - old_cols.index(col)))
    return out


def _key_text(key: tuple) -> str:
    return " · ".join(key)


def _rows_list(what: str, keys: list[tuple], key: list[str], show_all: bool) -> list[str]:
    """'- 3 rows added (fact: plan 2, designation 1):' and one line per row's key. The count by key
    column is given for the key column with the fewest distinct values, when it has two to ten."""
    if not keys:
        return []
    by = ""
    if len(key) > 1:
        counts = [Counter(k[i] for k in keys) for i in range(len(key))]
        i = min(range(len(key)), key=lambda i: len(counts[i]))
        if 1 < len(counts[i]) <= 10:
            by = f" ({key[i]}: " + ", ".join(f"{v} {n}" for v, n in counts[i].most_common()) + ")"
    head = f"- {len(keys)} rows {what}{by}:"
    return [head, *_listed([f"  - {_key_text(k)}" for k in keys], show_all, "  - ")]


def diff_file(name: str, old_text: str | None, new_text: str | None, key: list[str], full: bool = False,
              show_all: bool = False) -> list[str]:  # fmt: skip
    """The differences of one CSV between two versions (None: the file is absent there), as Markdown lines:
    columns added, removed and renamed, rows added and removed (by key) and each changed field per key.
    Without a key (or one that a version lacks, or that is not unique) rows are compared whole.
    [] when nothing changed."""
    old_cols, old_rows = _read(old_text) if old_text is not None else ([], [])
    new_cols, new_rows = _read(new_text) if new_text is not None else ([], [])
    if old_text is not None and new_text is not None and old_cols == new_cols and old_rows == new_rows:
        return []
    if new_text is None:
        return [f"### {name}: removed (it had {len(old_rows)} rows)"]
    old = {tuple(r.get(k, "") for k in key): r for r in old_rows}
    new = {tuple(r.get(k, "") for k in key): r for r in new_rows}
    usable = (
        bool(key)
        and all(k in new_cols and (old_text is None or k in old_cols) for k in key)
        and len(old) == len(old_rows)
        and len(new) == len(new_rows)
    )
    if not usable:  # compare whole rows, over the columns of the newer version
        old = {(str(i),): r for i, r in enumerate(old_rows)}
        new = {(str(i),): r for i, r in enumerate(new_rows)}
    keyed = ", ".join(key) if usable else "whole rows"
    if old_text is None:
        lines = [f"### {name}: new file, {len(new_rows)} rows (key: {keyed})"]
        return lines + _rows_list("in it", list(new), key, show_all) if usable else lines
    lines = [f"### {name}: {len(old_rows)} → {len(new_rows)} rows (key: {keyed})"]
    gone = [c for c in old_cols if c not in new_cols]
    added = [c for c in new_cols if c not in old_cols]
    renamed = _renames(old, new, gone, added, old_cols, new_cols) if usable else {}
    lines += _columns(gone, added, renamed, old_rows, new_rows)
    if not usable:
        before = Counter(tuple(r.get(c, "") for c in new_cols) for r in old_rows)
        after = Counter(tuple(r.get(c, "") for c in new_cols) for r in new_rows)
        for what, found in (("added", after - before), ("removed", before - after)):
            rows = [_shown(", ".join(r), full) for r in found.elements()]
            if rows:
                lines += [
                    f"- {len(rows)} rows {what}:",
                    *_listed([f"  - {r}" for r in rows], show_all, "  - "),
                ]
        return lines
    lines += _rows_list("added", [k for k in new if k not in old], key, show_all)
    lines += _rows_list("removed", [k for k in old if k not in new], key, show_all)
    compared = [(c, c) for c in new_cols if c in old_cols and c not in key] + list(renamed.items())
    changed = []
    for k in (k for k in new if k in old):
        fields = [
            f"{new_name if old_name == new_name else f'{new_name} (was {old_name})'} "
            f"{_shown(old[k][old_name], full)} → {_shown(new[k][new_name], full)}"
            for old_name, new_name in compared
            if old[k][old_name] != new[k][new_name]
        ]
        if fields:
            changed.append(f"  - {_key_text(k)}: " + "; ".join(fields))
    if changed:
        lines.append(f"- {len(changed)} rows changed:")
        lines += _listed(changed, show_all, "  - ")
    return lines


def _columns(gone: list[str], added: list[str], renamed: dict[str, str], old_rows, new_rows) -> list[str]:
    """Lines about the columns removed (with the values they held), renamed and added (how many rows fill
    them)."""
    lines = []
    for col in gone:
        if col in renamed:
            filled = sum(1 for r in old_rows if r.get(col))
            lines.append(f"- column {col} renamed to {renamed[col]} (the same {filled} rows hold a value)")
            continue
        values = Counter(r.get(col, "") for r in old_rows if r.get(col))
        held = (
            ", ".join(f"{v} ×{n}" for v, n in values.most_common(5))
            if len(values) <= 5
            else f"{sum(values.values())} values"
        )
        lines.append(f"- column {col} removed" + (f" (it held {held})" if values else " (it was empty)"))
    for col in added:
        if col in renamed.values():
            continue
        filled = sum(1 for r in new_rows if r.get(col))
        lines.append(f"- column {col} added ({filled} of {len(new_rows)} rows hold a value)")
    return lines


def diff(old: Snapshot, new: Snapshot, full: bool = False, show_all: bool = False) -> str:
    """Every difference of data/*.csv from `old` to `new`, as Markdown a reviewer can paste."""
    lines = [f"Changes to data/*.csv from {old.label} to {new.label}"]
    if old.version != new.version:
        lines.append(f"(data version {old.version} → {new.version})")
    lines.append("")
    same = []
    for name in sorted(old.files.keys() | new.files.keys()):
        key = new.keys.get(name) or old.keys.get(name) or []
        found = diff_file(name, old.files.get(name), new.files.get(name), key, full, show_all)
        if found:
            lines += [*found, ""]
        else:
            same.append(name)
    if same:
        lines.append("Unchanged: " + ", ".join(same))
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.release", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    d = commands.add_parser("diff", help="row-level differences of data/*.csv between two git versions")
    d.add_argument("old", help="a git ref: tag, branch or commit")
    d.add_argument("new", nargs="?", help="a git ref (default: the working tree as it is)")
    d.add_argument("--repo", type=Path, default=ROOT, help="the repository (default: this one)")
    d.add_argument("--full", action="store_true", help="show long values whole")
    d.add_argument("--all", action="store_true", help=f"list every row (default: the first {MANY} per list)")
    commands.add_parser("version", help="print the data version")
    args = parser.parse_args(argv)
    if args.command == "version":
        print(data_version())
        return 0
    old, new = snapshot(args.old, args.repo), snapshot(args.new, args.repo)
    sys.stdout.write(diff(old, new, args.full, args.all))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
