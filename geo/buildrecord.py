"""The boundary build record (BUILD.json) and SOURCES.md sections as the Sources page shows them."""

from __future__ import annotations

import json
import re

from geo import i18n


def build_facts(info: dict, prefix: str = "") -> list[tuple[str, str]]:
    """BUILD.json flattened to (dotted key, text) pairs, in file order."""
    out = []
    for key, value in info.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out += build_facts(value, f"{name}.")
        elif isinstance(value, list) and not any(isinstance(v, dict | list) for v in value):
            out.append((name, ", ".join(str(v) for v in value)))
        else:
            out.append((name, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)))
    return out


def md_sections(text: str, word: str) -> list[str]:
    """The Markdown sections (heading and body) whose heading contains `word` (case-insensitive)."""
    parts = re.split(r"(?m)^(?=#{1,6} )", text)
    return [p.strip() for p in parts if p.startswith("#") and word.casefold() in p.splitlines()[0].casefold()]


def boundary_summary(info: dict, lang: str) -> list[tuple[str, str]]:
    """The facts of BUILD.json a reader asks about (package, version, licence, datum conversion,
    simplification, files) as (label, text) pairs in `lang`; facts the record lacks are left out."""
    source, datum, simple = (
        info.get("source", {}),
        info.get("datum_conversion", {}),
        info.get("simplification", {}),
    )
    rows = [
        ("so_b_package", " ".join(str(source[k]) for k in ("package", "version") if source.get(k))),
        ("so_b_licence", source.get("licence", "")),
        ("so_b_datum", " → ".join(str(datum[k]) for k in ("from", "to") if datum.get(k))),
        ("so_b_method", datum.get("method", "")),
        ("so_b_simplify", simple.get("method", "")),
        ("so_b_tolerance", "; ".join(f"{k}: {v}" for k, v in simple.items() if k != "method")),
        (
            "so_b_files",
            "; ".join(
                f"{name} ({f.get('features', '?')}, {f.get('bytes', 0) / 1e6:.2f} MB)"
                for name, f in info.get("files", {}).items()
            ),
        ),  # fmt: skip
        ("so_b_builder", info.get("builder", "")),
    ]
    return [(i18n.t(key, lang), str(value)) for key, value in rows if value]
