"""The Filters value: defaults, parsing from URL parameters (with notices), and apply() to the zones frame."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from geo import i18n
from geo.asof import status_as_of

MULTI_PARAMS = ("province", "region", "batch", "level", "location")
SINGLE_PARAMS = ("q", "asof", "lang")
# Parameters the app itself may add that are not filters.
OTHER_PARAMS = ("present", "zone")
MAX_Q = 100
FIRST_DAY = dt.date(2015, 1, 1)


@dataclass(frozen=True)
class Filters:
    """What the user asked to see; empty tuples mean "all"."""

    province: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    batch: tuple[int, ...] = ()
    level: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    q: str = ""
    asof: dt.date | None = None
    lang: str = i18n.DEFAULT_LANG

    def is_default(self) -> bool:
        return replace(self, lang=i18n.DEFAULT_LANG) == Filters()

    def describe(self) -> str:
        """A short ASCII slug of the active filters, for file names (e.g. 'batch-6_province-44')."""
        parts = []
        for name in MULTI_PARAMS:
            values = getattr(self, name)
            if values:
                parts.append(f"{name}-{'+'.join(str(v) for v in values)}")
        if self.q:
            parts.append("search")
        if self.asof:
            parts.append(f"asof-{self.asof.isoformat()}")
        return "_".join(parts) or "all"


@dataclass(frozen=True)
class Choices:
    """Allowed values of each filter and the spellings accepted for each (codes, labels in both languages)."""

    options: dict[str, tuple]
    aliases: dict[str, dict[str, object]] = field(default_factory=dict)
    last_day: dt.date = dt.date.today()

    def resolve(self, param: str, raw: str):
        """The canonical value for a raw URL string, or None."""
        text = raw.strip()
        table = self.aliases.get(param, {})
        return table.get(text) if text in table else table.get(text.casefold())


@dataclass(frozen=True)
class Notice:
    """An invalid URL value that was ignored, with the reason, ready to be translated."""

    param: str
    value: str
    reason_key: str
    reason_args: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        reason = i18n.t(self.reason_key, lang, **dict(self.reason_args))
        return i18n.t("notice_invalid", lang, param=self.param, value=self.value, reason=reason)


def build_choices(provinces: pd.DataFrame, batches: pd.DataFrame, last_day: dt.date) -> Choices:
    """Allowed values from the registry, each accepted as its code or its label in either language."""
    province_codes = tuple(provinces.loc[provinces.region != "none", "province_code"])
    options: dict[str, tuple] = {
        "province": province_codes,
        "region": ("east", "central", "west", "northeast"),
        "batch": tuple(int(b) for b in batches["batch"]),
        "level": tuple(i18n.VALUE_LABELS["level"]),
        "location": tuple(i18n.VALUE_LABELS["location"]),
        "lang": i18n.LANGS,
    }
    aliases: dict[str, dict[str, object]] = {}
    for param, values in options.items():
        table: dict[str, object] = {}
        for v in values:
            spellings = {str(v)}
            for lang in i18n.LANGS:
                spellings.add(option_label(param, v, lang, provinces))
            for s in spellings:
                table[s] = v
                table[s.casefold()] = v
        aliases[param] = table
    prov = provinces.set_index("province_code")
    for code in province_codes:
        for s in (prov.at[code, "name_zh"], prov.at[code, "name_en"], prov.at[code, "adcode"]):
            aliases["province"][s] = code
            aliases["province"][s.casefold()] = code
    return Choices(options=options, aliases=aliases, last_day=last_day)


def option_label(param: str, value, lang: str, provinces: pd.DataFrame | None = None) -> str:
    """How a filter option is shown (and written into the URL by Streamlit)."""
    if param == "province":
        row = provinces.set_index("province_code").loc[value]
        return f"{short_zh(row['name_zh'])} {row['name_en']}"
    if param == "batch":
        return str(value)
    if param == "lang":
        return i18n.t(f"lang_{value}", lang)
    return i18n.label(param, value, lang)


def short_zh(name: str) -> str:
    """广东省 -> 广东, 内蒙古自治区 -> 内蒙古, 香港特别行政区 -> 香港."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def parse_query(params: Mapping[str, Sequence[str]], choices: Choices) -> tuple[Filters, list[Notice]]:
    """Filters from raw URL parameters; each invalid value is dropped and reported as a Notice."""
    notices: list[Notice] = []
    values: dict[str, object] = {}
    for param, raw_values in params.items():
        raws = [raw_values] if isinstance(raw_values, str) else list(raw_values)
        if param in MULTI_PARAMS:
            picked = []
            for raw in raws:
                for part in str(raw).split(","):
                    if not part.strip():
                        continue
                    v = choices.resolve(param, part)
                    if v is None:
                        notices.append(_unknown(param, part, choices))
                    elif v not in picked:
                        picked.append(v)
            values[param] = tuple(sorted(picked, key=choices.options[param].index))
        elif param in SINGLE_PARAMS:
            raws = [r for r in raws if str(r).strip()]
            if len(raws) > 1:
                notices.append(Notice(param, ",".join(map(str, raws)), "reason_repeated"))
            if not raws:
                continue
            value, notice = _parse_single(param, str(raws[0]), choices)
            if notice:
                notices.append(notice)
            if value is not None:
                values[param] = value
        elif param not in OTHER_PARAMS:
            notices.append(Notice(param[:40], ",".join(map(str, raws))[:80], "reason_unknown_param"))
    return Filters(**values), notices


def _unknown(param: str, raw: str, choices: Choices) -> Notice:
    shown = ", ".join(str(o) for o in choices.options[param])
    return Notice(param, raw[:80], "reason_unknown_option", (("options", shown),))


def _parse_single(param: str, raw: str, choices: Choices):
    if param == "q":
        if len(raw) > MAX_Q:  # kept, shortened (as the search box itself shortens it)
            return raw[:MAX_Q].strip(), Notice(param, raw[:40] + "…", "reason_too_long", (("n", str(MAX_Q)),))
        return raw.strip(), None
    if param == "lang":
        v = choices.resolve("lang", raw)
        return (v, None) if v else (None, _unknown("lang", raw, choices))
    try:
        day = dt.date.fromisoformat(raw.strip())
        if not FIRST_DAY <= day <= max(choices.last_day, dt.date.today()):
            raise ValueError(raw)
        return day, None
    except ValueError:
        hi = max(choices.last_day, dt.date.today()).isoformat()
        return None, Notice(param, raw[:40], "reason_bad_date", (("lo", FIRST_DAY.isoformat()), ("hi", hi)))


def to_query(filters: Filters) -> dict[str, list[str] | str]:
    """Canonical URL parameters for a Filters value (defaults left out)."""
    out: dict[str, list[str] | str] = {}
    for name in MULTI_PARAMS:
        if getattr(filters, name):
            out[name] = [str(v) for v in getattr(filters, name)]
    if filters.q:
        out["q"] = filters.q
    if filters.asof:
        out["asof"] = filters.asof.isoformat()
    if filters.lang != i18n.DEFAULT_LANG:
        out["lang"] = filters.lang
    return out


def apply(zones: pd.DataFrame, batches: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The zones that match the filters and existed on the as-of day, with their status on that day."""
    status = status_as_of(zones, batches, filters.asof)
    out = zones.assign(status_asof=status)
    mask = out["status_asof"] != "pending"
    for name, column in (
        ("province", "province_code"),
        ("region", "region"),
        ("batch", "batch"),
        ("level", "level"),
        ("location", "location"),
    ):
        wanted = getattr(filters, name)
        if wanted:
            mask &= out[column].isin(wanted)
    if filters.q:
        needle = filters.q.casefold()
        hay = out["name_zh"] + "|" + out["name_en"].str.casefold() + "|" + out["zone_id"]
        if "province_name_zh" in out:
            hay = hay + "|" + out["province_name_zh"] + "|" + out["province_name_en"].str.casefold()
        mask &= hay.str.contains(needle, regex=False)
    return out[mask]
