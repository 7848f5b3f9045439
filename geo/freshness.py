"""How current the registry is: its recorded check for new replies and revocations, validated at load."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo import i18n
from geo.csvcheck import Problem
from geo.paths import REGISTRY_CHECK_JSON

TEXTS = ("what", "how", "short")  # per language ({"en": …, "zh": …}); `short` goes in the source line


@dataclass(frozen=True)
class Searched:
    """One kind of source searched in the check, and whether it was found."""

    source: dict[str, str]  # per language
    found: bool


@dataclass(frozen=True)
class RegistryCheck:
    """The newest recorded check of the registry: when, what was checked, how, where it is written up."""

    checked_on: dt.date
    what: dict[str, str]  # what was checked, per language
    how: dict[str, str]  # against what, by whom
    short: dict[str, str]  # the same in a few words, for the source line
    searched: tuple[Searched, ...]
    record: str  # where the check is written up (a file of the repository)

    def line(self, lang: str) -> str:
        """'Registry checked on 2026-12-03 against …' in `lang` (plain text: show it literally)."""
        lang = i18n.norm_lang(lang)
        return i18n.t("checked_line", lang, date=self.checked_on.isoformat(), short=self.short[lang])


def _texts(raw: Any, name: str, problems: list[Problem]) -> dict[str, str]:
    if not isinstance(raw, dict) or any(
        not isinstance(raw.get(x), str) or not raw[x].strip() for x in i18n.LANGS
    ):
        problems.append(
            Problem(REGISTRY_CHECK_JSON, None, name, 'needs a text in each language: {"en": …, "zh": …}')
        )
        return {x: "" for x in i18n.LANGS}
    return {x: raw[x].strip() for x in i18n.LANGS}


def parse_check(
    raw: Any, newest_reply: dt.date, today: dt.date
) -> tuple[RegistryCheck | None, list[Problem]]:
    """The check recorded in `raw` (the parsed JSON), or None and every problem: a date that is not a real
    day, is in the future or is before the newest reply of the registry (the check cannot have seen it),
    a missing text in either language, or no source searched."""
    if not isinstance(raw, dict):
        return None, [Problem(REGISTRY_CHECK_JSON, None, None, "must be a JSON object")]
    problems: list[Problem] = []
    day = None
    try:
        day = dt.date.fromisoformat(str(raw.get("checked_on", "")))
    except ValueError:
        problems.append(Problem(REGISTRY_CHECK_JSON, None, "checked_on", "must be a real day, YYYY-MM-DD"))
    if day is not None and day > today:
        problems.append(Problem(REGISTRY_CHECK_JSON, None, "checked_on", f"{day} is in the future"))
    elif day is not None and day < newest_reply:
        problems.append(
            Problem(
                REGISTRY_CHECK_JSON, None, "checked_on", f"{day} is before the newest reply ({newest_reply})"
            )
        )
    texts = {name: _texts(raw.get(name), name, problems) for name in TEXTS}
    searched = []
    items = raw.get("searched")
    if not isinstance(items, list) or not items:
        problems.append(Problem(REGISTRY_CHECK_JSON, None, "searched", "must list the sources searched"))
        items = []
    for i, item in enumerate(items):
        where = f"searched[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("found"), bool):
            problems.append(
                Problem(REGISTRY_CHECK_JSON, None, where, "needs a source and found (true or false)")
            )
            continue
        searched.append(Searched(_texts(item.get("source"), f"{where}.source", problems), item["found"]))
    record = raw.get("record")
    if not isinstance(record, str) or not record.strip():
        problems.append(
            Problem(REGISTRY_CHECK_JSON, None, "record", "must name where the check is written up")
        )
    if problems or day is None:
        return None, problems
    return RegistryCheck(day, texts["what"], texts["how"], texts["short"], tuple(searched), str(record)), []


def read_check(
    data_dir: Path, newest_reply: dt.date, today: dt.date
) -> tuple[RegistryCheck | None, list[Problem]]:
    """data_dir/registry_check.json checked (see parse_check); (None, []) if the folder has no record."""
    path = data_dir / REGISTRY_CHECK_JSON
    if not path.is_file():
        return None, []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        return None, [Problem(REGISTRY_CHECK_JSON, None, None, f"not valid UTF-8 JSON ({err})")]
    return parse_check(raw, newest_reply, today)
