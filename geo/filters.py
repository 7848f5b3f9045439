"""THE filter spec: one entry per state that changes what is seen; Filters, URL parsing and writing, apply."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

import pandas as pd

from geo import i18n, search
from geo.asof import status_as_of
from geo.join import LOCATIONS
from geo.mapmarks import DEFAULT_STYLE, STYLES
from geo.schemas import ECONOMIC_REGIONS, FIRST_DAY, LEVELS
from geo.textsafe import shorten

# Kinds of value a filter holds.
CODES = "codes"  # several codes from a fixed list (empty = all)
CHOICE = "choice"  # one code from a fixed list
TEXT = "text"  # free text
DATE = "date"  # a day
FLAG = "flag"  # on or off
ZONE = "zone"  # one zone id

MAX_TEXT = 100  # characters of a search
MAX_VALUES = 60  # values of one parameter looked at; the rest are ignored with one notice
MAX_PARAMS = 30  # parameters looked at
# Parameters Streamlit itself reads (embed mode); kept in the URL, never reported.
STREAMLIT_PARAMS = ("embed", "embed_options")
TRUE_WORDS = ("1", "true", "yes", "on", "show")
FALSE_WORDS = ("0", "false", "no", "off", "hide")


@dataclass(frozen=True)
class Filters:
    """Everything that changes what is seen: the filters of the zones and the display state (defaults:
    everything, in English). Field order is the URL's parameter order."""

    lang: str = i18n.DEFAULT_LANG
    province: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    batch: tuple[int, ...] = ()
    level: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    q: str = ""
    asof: dt.date | None = None
    revoked: bool = True  # show revoked (superseded) zones
    basemap: bool = False
    style: str = DEFAULT_STYLE  # map style: areas (each zone's own outline filled) or markers (geo.mapmarks)
    slide: str = "1920x1080"  # the slide images' size in pixels (SLIDE_SIZES)
    measure: str = "count"
    zone: str = ""
    present: bool = False

    def rows_key(self) -> Filters:
        """The same filters with the display-only state reset: equal keys select equal rows."""
        return replace(self, **{s.name: s.default for s in SPECS if not s.selects_rows})


@dataclass(frozen=True)
class Spec:
    """One filter: URL name (= Filters field), kind, where its choices come from, how a code reads in each
    language, its widget and where it sits, how it selects zones, and how it reads in a file name and in
    a slide's subtitle."""

    name: str
    kind: str
    widget: str  # multiselect | pills | radio | segmented | text | date | toggle | none
    place: str  # sidebar | display | charts | map | none
    options: Callable[[Any], tuple] | None = None  # (registry) -> codes
    label: Callable[[Any, str, Any], str] | None = None  # (code, lang, registry) -> widget label
    word: Callable[[Any, str, Any], str] | None = None  # (code, lang, registry) -> subtitle text
    column: str | None = None  # zones column a CODES filter tests
    selects_rows: bool = True
    in_file_name: bool = True
    extra_spellings: Callable[[Any, Any], tuple[str, ...]] | None = None  # (code, registry) -> aliases

    @property
    def default(self) -> Any:
        return DEFAULTS[self.name]


def short_zh(name: str) -> str:
    """广东省 -> 广东, 内蒙古自治区 -> 内蒙古, 香港特别行政区 -> 香港."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _province_row(code: str, reg) -> pd.Series:
    return reg.provinces.set_index("province_code").loc[code]


def _value_label(kind: str) -> Callable[[Any, str, Any], str]:
    return lambda code, lang, _reg: i18n.label(kind, code, lang)


def _batch_word(code: int, lang: str, reg) -> str:
    doc = reg.batches.set_index("batch").at[int(code), "document_no"]
    return i18n.t("batch_doc", lang, n=int(code), doc=doc)


DEFAULTS: dict[str, Any] = {f.name: f.default for f in fields(Filters)}
# Slide sizes offered (the URL value, "WIDTHxHEIGHT", and its label key); the default first.
SLIDE_SIZES = {"1920x1080": "slide_16_9", "1600x1000": "slide_16_10"}

SPECS: tuple[Spec, ...] = (
    Spec(
        "lang",
        CHOICE,
        "radio",
        "sidebar",
        options=lambda _reg: i18n.LANGS,
        label=lambda code, _lang, _reg: i18n.t(f"lang_{code}", "en"),
        selects_rows=False,
        in_file_name=False,
    ),
    Spec(
        "province",
        CODES,
        "multiselect",
        "sidebar",
        options=lambda reg: tuple(reg.provinces.loc[reg.provinces["region"] != "none", "province_code"]),
        label=lambda code, _lang, reg: (
            f"{short_zh(_province_row(code, reg)['name_zh'])} {_province_row(code, reg)['name_en']}"
        ),
        word=lambda code, lang, reg: (
            short_zh(_province_row(code, reg)["name_zh"])
            if lang == "zh"
            else _province_row(code, reg)["name_en"]
        ),
        column="province_code",
        extra_spellings=lambda code, reg: tuple(
            str(_province_row(code, reg)[c]) for c in ("name_zh", "name_en", "adcode")
        ),
    ),
    Spec(
        "region",
        CODES,
        "pills",
        "sidebar",
        options=lambda _reg: ECONOMIC_REGIONS,
        label=_value_label("region"),
        column="region",
    ),
    Spec(
        "batch",
        CODES,
        "pills",
        "sidebar",
        options=lambda reg: tuple(int(b) for b in reg.batches["batch"]),
        label=lambda code, _lang, _reg: str(code),
        word=_batch_word,
        column="batch",
    ),
    Spec(
        "level",
        CODES,
        "multiselect",
        "sidebar",
        options=lambda _reg: LEVELS,
        label=_value_label("level"),
        column="level",
    ),
    Spec(
        "location",
        CODES,
        "pills",
        "sidebar",
        options=lambda _reg: LOCATIONS,
        label=_value_label("location"),
        column="location",
    ),
    Spec("q", TEXT, "text", "sidebar", word=lambda q, lang, _reg: i18n.t("sub_search", lang, q=q)),
    Spec("asof", DATE, "date", "sidebar"),
    Spec("revoked", FLAG, "toggle", "display", word=lambda _v, lang, _reg: i18n.t("sub_no_revoked", lang)),
    Spec("basemap", FLAG, "toggle", "display", selects_rows=False, in_file_name=False),
    Spec(
        "style",
        CHOICE,
        "segmented",
        "map",
        options=lambda _reg: STYLES,
        label=lambda code, lang, _reg: i18n.t(f"style_{code}", lang),
        selects_rows=False,
        in_file_name=False,
    ),
    Spec(
        "slide",
        CHOICE,
        "segmented",
        "map",
        options=lambda _reg: tuple(SLIDE_SIZES),
        label=lambda code, lang, _reg: i18n.t(SLIDE_SIZES[code], lang),
        selects_rows=False,
        in_file_name=False,
    ),
    Spec(
        "measure",
        CHOICE,
        "segmented",
        "charts",
        options=lambda _reg: ("count", "coverage"),
        label=lambda code, lang, _reg: i18n.t(f"ch_measure_{code}", lang),
        selects_rows=False,
        in_file_name=False,
    ),
    Spec("zone", ZONE, "none", "map", selects_rows=False, in_file_name=False),
    Spec("present", FLAG, "none", "map", selects_rows=False, in_file_name=False),
)
SPEC = {s.name: s for s in SPECS}
assert tuple(SPEC) == tuple(f.name for f in fields(Filters)), "one spec entry per Filters field, same order"


@dataclass(frozen=True)
class Vocabulary:
    """Per filter with a fixed list: the codes in order, each code's label per language, and every
    spelling accepted in a URL (the code, its labels in both languages, aliases; case-folded too)."""

    options: dict[str, tuple]
    labels: dict[str, dict[str, dict[Any, str]]]
    words: dict[str, dict[str, dict[Any, str]]]
    spellings: dict[str, dict[str, Any]]
    zone_ids: frozenset[str] = field(default_factory=frozenset)

    def label(self, name: str, code: Any, lang: str) -> str:
        return self.labels[name][i18n.norm_lang(lang)].get(code, str(code))

    def word(self, name: str, code: Any, lang: str) -> str:
        return self.words[name][i18n.norm_lang(lang)].get(code, str(code))

    def resolve(self, name: str, raw: str) -> Any:
        """The code for a raw URL spelling, or None."""
        text = raw.strip()
        table = self.spellings.get(name, {})
        return table[text] if text in table else table.get(text.casefold())


def build_vocabulary(reg) -> Vocabulary:
    """The codes, labels and accepted spellings of every fixed-list filter, from the registry."""
    options, labels, words, spellings = {}, {}, {}, {}
    for spec in SPECS:
        if spec.options is None or spec.label is None:
            continue
        codes = spec.options(reg)
        options[spec.name] = codes
        labels[spec.name] = {lang: {c: spec.label(c, lang, reg) for c in codes} for lang in i18n.LANGS}
        word = spec.word or spec.label
        words[spec.name] = {lang: {c: word(c, lang, reg) for c in codes} for lang in i18n.LANGS}
        table: dict[str, Any] = {}
        for c in codes:
            extra = spec.extra_spellings(c, reg) if spec.extra_spellings else ()
            for text in (str(c), *(labels[spec.name][lang][c] for lang in i18n.LANGS), *extra):
                table[text] = c
                table[text.casefold()] = c
        spellings[spec.name] = table
    return Vocabulary(options, labels, words, spellings, frozenset(reg.zones["zone_id"]))


# Notices ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    """A URL value that was not used as given, with the reason, ready to be translated."""

    param: str
    value: str
    reason_key: str
    reason_args: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        reason = i18n.t(self.reason_key, lang, **dict(self.reason_args))
        return i18n.t("notice_invalid", lang, param=self.param, value=self.value, reason=reason)


def _notice(param: str, value: str, reason: str, **args: str) -> Notice:
    return Notice(shorten(param, 30), shorten(value, 40), reason, tuple((k, v) for k, v in args.items()))


# Parsing ----------------------------------------------------------------------------------------------


def last_day(reg_batches: pd.DataFrame, today: dt.date | None = None) -> dt.date:
    """The latest day a view may be dated: today or the newest reply, whichever is later."""
    newest = reg_batches["effective_on"].max().date()
    return max(today or dt.date.today(), newest)


def parse_day(raw: str) -> dt.date | None:
    """YYYY-MM-DD (or YYYYMMDD) as a date; None for anything else."""
    text = raw.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{8}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _parse_one(spec: Spec, raw: str, vocab: Vocabulary, latest: dt.date) -> tuple[Any, Notice | None]:
    """The value of one single-valued parameter, or (None, why not)."""
    if spec.kind == CHOICE:
        code = vocab.resolve(spec.name, raw)
        if code is None:
            options = ", ".join(str(o) for o in vocab.options[spec.name])
            return None, _notice(spec.name, raw, "reason_unknown_option", options=options)
        return code, None
    if spec.kind == TEXT:
        text = " ".join(raw.split())
        if len(text) > MAX_TEXT:
            return text[:MAX_TEXT].strip(), _notice(spec.name, raw, "reason_too_long", n=str(MAX_TEXT))
        return text, None
    if spec.kind == DATE:
        day = parse_day(raw)
        if day is None or not FIRST_DAY <= day <= latest:
            lo, hi = FIRST_DAY.isoformat(), latest.isoformat()
            return None, _notice(spec.name, raw, "reason_bad_date", lo=lo, hi=hi)
        return day, None
    if spec.kind == FLAG:
        word = raw.strip().casefold()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS, None
        return None, _notice(spec.name, raw, "reason_unknown_option", options="1, 0")
    if spec.kind == ZONE:
        zone = raw.strip()
        if zone in vocab.zone_ids:
            return zone, None
        return None, _notice(spec.name, raw, "reason_unknown_zone")
    raise ValueError(f"unknown kind {spec.kind}")


def parse_query(
    params: Mapping[str, Sequence[str] | str], vocab: Vocabulary, latest: dt.date
) -> tuple[Filters, list[Notice]]:
    """Filters from raw URL parameters (codes, labels in either language, or old forms); every value that
    is not used becomes a Notice, and only the values reported as used are applied."""
    notices: list[Notice] = []
    values: dict[str, Any] = {}
    items = list(params.items())
    if len(items) > MAX_PARAMS:
        first, given = items[MAX_PARAMS]  # named in the notice: the first parameter not looked at
        value = given if isinstance(given, str) else ",".join(str(v) for v in given)
        notices.append(_notice(first, value, "reason_too_many_params", n=str(len(items) - MAX_PARAMS - 1)))
        items = items[:MAX_PARAMS]
    for name, given in items:
        raws = [given] if isinstance(given, str) else [str(v) for v in given]
        spec = SPEC.get(name)
        if spec is None:
            if name.lower() not in STREAMLIT_PARAMS:
                notices.append(_notice(name, ",".join(raws), "reason_unknown_param"))
            continue
        if spec.kind == CODES:
            values[name], more = _parse_codes(spec, raws, vocab)
            notices += more
            continue
        raws = [r for r in raws if r.strip()]
        if not raws:
            continue
        if len(raws) > 1:
            notices.append(_notice(name, ",".join(raws[1:]), "reason_repeated", used=shorten(raws[0], 40)))
        value, notice = _parse_one(spec, raws[0], vocab, latest)
        if notice:
            notices.append(notice)
        if value is not None:
            values[name] = value
    return Filters(**values), notices


def _parse_codes(spec: Spec, raws: list[str], vocab: Vocabulary) -> tuple[tuple, list[Notice]]:
    parts = [p for raw in raws for p in raw.split(",") if p.strip()]
    notices = []
    if len(parts) > MAX_VALUES:
        more = str(len(parts) - MAX_VALUES - 1)
        notices.append(_notice(spec.name, parts[MAX_VALUES], "reason_too_many_values", n=more))
        parts = parts[:MAX_VALUES]
    picked = []
    for part in parts:
        code = vocab.resolve(spec.name, part)
        if code is None:
            options = ", ".join(str(o) for o in vocab.options[spec.name])
            notices.append(_notice(spec.name, part, "reason_unknown_option", options=options))
        elif code not in picked:
            picked.append(code)
    order = vocab.options[spec.name]
    return tuple(sorted(picked, key=order.index)), notices


# Writing ----------------------------------------------------------------------------------------------


def url_value(spec: Spec, value: Any) -> str:
    """How a value is written in the URL: codes joined by commas, ISO dates, 1/0 for flags."""
    if spec.kind == CODES:
        return ",".join(str(v) for v in value)
    if spec.kind == DATE:
        return value.isoformat()
    if spec.kind == FLAG:
        return "1" if value else "0"
    return str(value)


def to_query(filters: Filters) -> list[tuple[str, str]]:
    """The canonical URL parameters of a view: codes, defaults left out, in the spec's order."""
    return [
        (spec.name, url_value(spec, getattr(filters, spec.name)))
        for spec in SPECS
        if getattr(filters, spec.name) != spec.default
    ]


# Reading a view in words ------------------------------------------------------------------------------


def slug(filters: Filters) -> str:
    """The filters that select rows as a short file-name part, e.g. 'province-44_batch-6'; 'all' if none."""
    parts = []
    for spec in SPECS:
        value = getattr(filters, spec.name)
        if not spec.in_file_name or value == spec.default:
            continue
        if spec.kind == TEXT:
            text = re.sub(r"[^0-9A-Za-z\u3400-\u9fff]+", "-", value).strip("-")[:30] or "x"
            parts.append(f"search-{text}")
        elif spec.kind == FLAG:
            parts.append(f"{spec.name}-{'shown' if value else 'hidden'}")
        else:
            parts.append(f"{spec.name}-{url_value(spec, value).replace(',', '+')}")
    return "_".join(parts) or "all"


def in_words(filters: Filters, vocab: Vocabulary, lang: str) -> list[str]:
    """Each filter that selects rows (but the date), in words: ['Guangdong', 'Batch 6 (国函〔2022〕8号)']."""
    out = []
    sep = "、" if i18n.norm_lang(lang) == "zh" else ", "
    for spec in SPECS:
        value = getattr(filters, spec.name)
        if not spec.selects_rows or spec.kind == DATE or value == spec.default:
            continue
        if spec.kind == CODES:
            out.append(sep.join(vocab.word(spec.name, v, lang) for v in value))
        elif spec.word is not None:
            out.append(spec.word(value, lang, None))
    return out


def summary_rows(filters: Filters, vocab: Vocabulary, lang: str) -> list[tuple[str, str]]:
    """(filter, value) pairs in `lang` of every filter that selects rows; one 'all zones' row if none."""
    rows = []
    sep = "、" if i18n.norm_lang(lang) == "zh" else ", "
    for spec in SPECS:
        value = getattr(filters, spec.name)
        if not spec.selects_rows or value == spec.default:
            continue
        if spec.kind == CODES:
            shown = sep.join(vocab.word(spec.name, v, lang) for v in value)
        elif spec.kind == DATE:
            shown = value.isoformat()
        elif spec.kind == FLAG:
            shown = i18n.t("yes" if value else "no", lang)
        else:
            shown = str(value)
        rows.append((i18n.t(f"f_{spec.name}", lang), shown))
    return rows or [(i18n.t("filters", lang), i18n.t("ex_no_filters", lang))]


# Applying ---------------------------------------------------------------------------------------------


def apply(zones: pd.DataFrame, batches: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The zones that match the filters and had been designated on the as-of day, with their status on
    that day in `status_asof` ('active' or 'superseded', i.e. revoked)."""
    status = status_as_of(zones, batches, filters.asof)
    out = zones.assign(status_asof=status)
    mask = out["status_asof"] != "pending"
    for spec in SPECS:
        wanted = getattr(filters, spec.name)
        if spec.column and wanted:
            mask &= out[spec.column].isin(wanted)
    if filters.q:
        hay = out["search_text"] if "search_text" in out else search.haystack(out)
        mask &= search.matches(hay, filters.q)
    if not filters.revoked:
        mask &= out["status_asof"] != "superseded"
    return out[mask]
