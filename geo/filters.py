"""THE filter spec: its entries (one per state in the URL), the Filters value, and the loops over it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from geo import i18n, search
from geo.asof import status_on_day
from geo.changes import change_column
from geo.filterkinds import Choice, Choices, Codes, Date, Flag, Kind, Text, Widget, Zone
from geo.join import LOCATIONS
from geo.mapmarks import DEFAULT_STYLE, STYLES
from geo.schemas import ECONOMIC_REGIONS, LEVELS
from geo.treatment import CONVENTIONS, FIRST_YEAR, PERIODS


@dataclass(frozen=True)
class Entry:
    """One state in the URL (a filter, or display state). THE place to add one.

    How to add a filter: one Entry in ENTRIES, where its URL parameter goes in the canonical order, and its
    strings in geo/i18n.py. Nothing else: the URL (geo.urlquery), the sidebar (views.controls), the counts,
    charts, table, exports, file names and subtitles all loop over the spec. The conventions:

    - `name`: the URL parameter and the Filters attribute (`filters.batch`). The widget's label is the i18n
      key `f_<name>` (`label_key` overrides it: `lang` reads "Language"); its help is `help_key`.
    - `kind`: one of geo.filterkinds: Codes (several codes, empty = all), Choice (one code), Text, Date,
      Flag, Zone. Codes and Choice name their options `(registry) -> codes` and each code's whole label
      `(code, lang, registry) -> text`, shown on the widget and accepted whole in a URL
      (`province=广东 Guangdong`); optionally its words in a subtitle (`word`: 'Batch 6 (国函〔2022〕8号)'
      where the pill says '6') and more spellings a URL may use (`spellings`: 广东省, Guangdong, 440000).
    - `column`: a column of Dataset.zones, the derived zones frame (geo.zoneframe.ZoneFrame lists them),
      or one a `derive` hook adds (`status_asof`). With a column the kind's own rule selects rows: Codes:
      the column is one of the codes; Choice, Zone: equals it; Text: contains it; Date: on or before it;
      Flag: when on, the column is true. `mask` (view, value) -> bool Series replaces that rule. Either is
      applied only when the value is not the default.
    - `derive` (view, filters) -> view adds columns that masks and pages read. It runs for every view,
      default or not (`asof` adds each zone's status on its day: active, revoked or pending).
    - `selects_rows=False` marks display state (language, basemap, selection): it changes no row, so the
      memo key (`Filters.rows_key`), file names, subtitles and summary rows leave it out. `in_subtitle=False`
      leaves it out of subtitles only (`asof`: the subtitle names the day itself); `in_file_name=False` out
      of file names, where `file_word` names it (`q` -> 'search-...').
    - `word` (value, lang) -> text: the entry in a subtitle. Default: a code list's words for its codes
      ('Guangdong, Zhejiang'); any other kind's label and value ('As of date: 2020-01-01').
    - `place`: where views.controls.sidebar draws its widget: head (the top: the language), sidebar (under
      the filters' header), display (the display section), or none (the page that uses it draws it with
      views.controls.widget: `measure` on the charts page; `zone` is set by a click on the map).
    - `page`: the URL path (views.pages) of the one page whose state it is; '' = every page. It is written
      only in that page's URL and drawn only there; links to other pages leave it out.
    - `reset=False` keeps the value when the reader presses Reset (the language and display choices).
    """

    name: str
    kind: Kind
    default: Any
    place: str = "sidebar"  # head | sidebar | display | none
    column: str | None = None
    mask: Callable[[pd.DataFrame, Any], pd.Series] | None = None
    derive: Callable[[pd.DataFrame, Filters], pd.DataFrame] | None = None
    word: Callable[[Any, str], str] | None = None
    selects_rows: bool = True
    in_subtitle: bool = True
    in_file_name: bool = True
    file_word: str = ""
    label_key: str = ""
    help_key: str = ""
    page: str = ""
    reset: bool = True

    def label(self, lang: str) -> str:
        return i18n.t(self.label_key or f"f_{self.name}", lang)

    def on_page(self, page: str | None) -> bool:
        """Whether the entry belongs in the URL of `page` (None: any page)."""
        return not self.page or page is None or page == self.page

    def rows(self, view: pd.DataFrame, value: Any) -> pd.Series | None:
        """The rows of `view` this value keeps (None: all of them)."""
        if self.mask is not None:
            return self.mask(view, value)
        return self.kind.mask(view, self.column, value) if self.column else None

    def words(self, value: Any, vocab: Vocabulary, lang: str) -> str:
        """The value in a subtitle (`word`, else the kind's words)."""
        if self.word:
            return self.word(value, lang)
        return self.kind.words(self.name, value, vocab, lang, self.label(lang))

    def widget(self, value: Any, vocab: Vocabulary, lang: str, latest: dt.date) -> Widget | None:
        """Its widget holding `value`, labelled in `lang` (None: it has none)."""
        described = self.kind.widget(self.name, value, vocab, lang, latest)
        if described is None:
            return None
        helps = (("help", i18n.t(self.help_key, lang)),) if self.help_key else ()
        return replace(described, label=self.label(lang), args=(*described.args, *helps))


class Spec:
    """The entries in URL order, looked up by name. `with_entry` makes an extended copy (tests; a page's
    own state)."""

    def __init__(self, entries: tuple[Entry, ...]):
        self.entries = entries
        self.by_name = {e.name: e for e in entries}
        self.position = {e.name: i for i, e in enumerate(entries)}
        assert len(self.by_name) == len(entries), "entry names must be unique"

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __getitem__(self, name: str) -> Entry:
        return self.by_name[name]

    def get(self, name: str) -> Entry | None:
        return self.by_name.get(name)

    def filters(self, **values: Any) -> Filters:
        """A Filters of this spec: the given values, defaults for the rest."""
        return Filters(_spec=self, **values)

    def with_entry(self, entry: Entry, after: str | None = None) -> Spec:
        """A copy with `entry` after the entry named `after` (default: at the end)."""
        entries = list(self.entries)
        at = len(entries) if after is None else [e.name for e in entries].index(after) + 1
        return Spec((*entries[:at], entry, *entries[at:]))


class Filters:
    """Everything that changes what is seen, one value per spec entry (defaults: everything, in English):
    `filters.batch`, `filters.asof`. Immutable and hashable; `replace(**changes)` makes a changed copy."""

    __slots__ = ("_spec", "_values")

    def __init__(self, _spec: Spec | None = None, **values: Any):
        spec = _spec or SPEC
        unknown = set(values) - set(spec.by_name)
        if unknown:
            raise TypeError(f"not a filter: {', '.join(sorted(unknown))}")
        object.__setattr__(self, "_spec", spec)
        object.__setattr__(self, "_values", tuple(values.get(e.name, e.default) for e in spec))

    @property
    def spec(self) -> Spec:
        return self._spec

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        at = self._spec.position.get(name)
        if at is None:
            raise AttributeError(f"no filter named {name!r}")
        return self._values[at]

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Filters are immutable: use replace()")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Filters) and self._spec is other._spec and self._values == other._values

    def __hash__(self) -> int:
        return hash((id(self._spec), self._values))

    def __repr__(self) -> str:
        changed = [f"{e.name}={v!r}" for e, v in self.items() if v != e.default]
        return f"Filters({', '.join(changed)})"

    def __copy__(self) -> Filters:
        return self  # immutable

    def __deepcopy__(self, memo: dict) -> Filters:
        return self

    def __reduce__(self):
        values = dict(zip(self._spec.by_name, self._values, strict=True))
        return (_rebuild, (None if self._spec is SPEC else self._spec, values))

    def items(self) -> Iterator[tuple[Entry, Any]]:
        """(entry, value) in the spec's order."""
        return zip(self._spec.entries, self._values, strict=True)

    def replace(self, **changes: Any) -> Filters:
        values = dict(zip(self._spec.by_name, self._values, strict=True))
        return Filters(self._spec, **(values | changes))

    def rows_key(self) -> Filters:
        """The same filters with the display-only state reset: equal keys select equal rows."""
        return self.replace(**{e.name: e.default for e in self._spec if not e.selects_rows})

    def changed(self) -> Iterator[tuple[Entry, Any]]:
        """(entry, value) of every entry that is not at its default."""
        return ((e, v) for e, v in self.items() if v != e.default)


def _rebuild(spec: Spec | None, values: dict[str, Any]) -> Filters:
    return Filters(spec, **values)


@dataclass(frozen=True)
class Vocabulary:
    """The spec resolved against the registry: per Codes or Choice entry its Choices (codes in order,
    labels, words, accepted spellings), and the zone ids a Zone value may name."""

    spec: Spec
    choices: dict[str, Choices]
    zone_ids: frozenset[str] = field(default_factory=frozenset)

    @property
    def options(self) -> dict[str, tuple]:
        return {name: c.options for name, c in self.choices.items()}

    @property
    def labels(self) -> dict[str, dict[str, dict[Any, str]]]:
        return {name: c.labels for name, c in self.choices.items()}

    def label(self, name: str, code: Any, lang: str) -> str:
        return self.choices[name].labels[i18n.norm_lang(lang)].get(code, str(code))

    def word(self, name: str, code: Any, lang: str) -> str:
        return self.choices[name].words[i18n.norm_lang(lang)].get(code, str(code))


def build_vocabulary(reg: Any, spec: Spec | None = None) -> Vocabulary:
    """The Choices of every fixed-list entry of `spec` (default SPEC), from the registry."""
    spec = spec or SPEC
    resolved = {e.name: e.kind.choices(reg) for e in spec}
    choices = {name: c for name, c in resolved.items() if c is not None}
    return Vocabulary(spec, choices, frozenset(reg.zones["zone_id"]))


# The loops over the spec ----------------------------------------------------------------------------


def apply(zones: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The zones (Dataset.zones) that match the filters, with the columns the entries derive: `status_asof`
    is each zone's status on the as-of day (active, revoked, or pending: not yet designated, never kept)."""
    out = zones
    for entry in filters.spec:
        if entry.derive is not None:
            out = entry.derive(out, filters)
    mask = pd.Series(True, index=out.index)
    for entry, value in filters.changed():
        rows = entry.rows(out, value)
        if rows is not None:
            mask &= rows
    return out[mask]


def slug(filters: Filters) -> str:
    """The filters that select rows as a short file-name part, e.g. 'province-44_batch-6'; 'all' if none."""
    parts = [
        entry.kind.slug(entry.file_word or entry.name, value)
        for entry, value in filters.changed()
        if entry.selects_rows and entry.in_file_name
    ]
    return "_".join(parts) or "all"


def in_words(filters: Filters, vocab: Vocabulary, lang: str) -> list[str]:
    """Each filter that selects rows (but the date), in words: ['Guangdong', 'Batch 6 (国函〔2022〕8号)']."""
    return [
        entry.words(value, vocab, lang)
        for entry, value in filters.changed()
        if entry.selects_rows and entry.in_subtitle
    ]


def summary_rows(filters: Filters, vocab: Vocabulary, lang: str) -> list[tuple[str, str]]:
    """(filter, value) pairs in `lang` of every filter that selects rows; one 'all zones' row if none."""
    rows = [
        (entry.label(lang), entry.kind.shown(entry.name, value, vocab, lang))
        for entry, value in filters.changed()
        if entry.selects_rows
    ]
    return rows or [(i18n.t("filters", lang), i18n.t("ex_no_filters", lang))]


# The entries --------------------------------------------------------------------------------------------


def short_zh(name: str) -> str:
    """广东省 -> 广东, 内蒙古自治区 -> 内蒙古, 香港特别行政区 -> 香港."""
    for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


_ROWS_BY_CODE: dict[int, tuple[pd.DataFrame, dict[str, dict]]] = {}  # the last provinces frame, by code


def _province(code: str, reg: Any) -> dict:
    """provinces.csv's row of `code` (a dict lookup: called for every province, label and language, and a
    pandas lookup per call made loading the dataset a second slower)."""
    frame = reg.provinces
    cached = _ROWS_BY_CODE.get(id(frame))
    if cached is None or cached[0] is not frame:
        cached = (frame, {str(r["province_code"]): r for r in frame.to_dict("records")})
        _ROWS_BY_CODE.clear()
        _ROWS_BY_CODE[id(frame)] = cached
    return cached[1][code]


def _province_label(code: str, _lang: str, reg: Any) -> str:
    row = _province(code, reg)
    return f"{short_zh(row['name_zh'])} {row['name_en']}"


def _province_word(code: str, lang: str, reg: Any) -> str:
    row = _province(code, reg)
    return short_zh(row["name_zh"]) if lang == "zh" else row["name_en"]


def _value_label(kind: str) -> Callable[[Any, str, Any], str]:
    return lambda code, lang, _reg: i18n.label(kind, code, lang)


# The years a research panel may span (the page's start and end): from 2000 to this year.
RESEARCH_YEARS = tuple(range(2000, dt.date.today().year + 1))


def _batch_word(code: int, lang: str, reg: Any) -> str:
    doc = reg.batches.set_index("batch").at[int(code), "document_no"]
    return i18n.t("batch_doc", lang, n=int(code), doc=doc)


def _with_status(view: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return view.assign(status_asof=status_on_day(view, filters.asof))


def _with_change(view: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    return view.assign(change=change_column(view, filters.since, filters.asof))


# The slide images' sizes (the URL value WIDTHxHEIGHT, and its label key), the default first: 16:9, as a
# projector shows it and as the README says.
SLIDE_SIZES = {"1920x1080": "slide_16_9", "1600x1000": "slide_16_10"}


def _search(view: pd.DataFrame, q: str) -> pd.Series:
    hay = view["search_text"] if "search_text" in view else search.haystack(view)
    return search.matches(hay, q)


ENTRIES: tuple[Entry, ...] = (
    Entry(
        "lang",
        Choice(lambda _reg: i18n.LANGS, lambda code, _lang, _reg: i18n.t(f"lang_{code}", "en")),
        i18n.DEFAULT_LANG,
        place="head",
        label_key="language",
        selects_rows=False,
        reset=False,
    ),
    Entry(
        "province",
        Codes(
            lambda reg: tuple(reg.provinces.loc[reg.provinces["region"] != "none", "province_code"]),
            _province_label,
            word=_province_word,
            spellings=lambda code, reg: tuple(
                str(_province(code, reg)[c]) for c in ("name_zh", "name_en", "adcode")
            ),
        ),
        (),
        column="province_code",
    ),
    Entry(
        "region",
        Codes(lambda _reg: ECONOMIC_REGIONS, _value_label("region"), call="pills"),
        (),
        column="region",
    ),
    Entry(
        "batch",
        Codes(
            lambda reg: tuple(int(b) for b in reg.batches["batch"]),
            lambda code, _lang, _reg: str(code),
            word=_batch_word,
            call="pills",
        ),
        (),
        column="batch",
    ),
    Entry("level", Codes(lambda _reg: LEVELS, _value_label("level")), (), column="level"),
    Entry(
        "location",
        Codes(lambda _reg: LOCATIONS, _value_label("location"), call="pills"),
        (),
        column="location",
    ),
    Entry(
        "q",
        Text(),
        "",
        mask=_search,
        word=lambda q, lang: i18n.t("sub_search", lang, q=q),
        file_word="search",
    ),
    Entry(
        "since",  # compare with an earlier date: each zone's change in (since, asof]; no row removed
        Date(),
        None,
        derive=_with_change,
        in_subtitle=False,  # the headline says it ('+76 designated, 3 revoked since 2022-01-01')
        help_key="f_since_help",
    ),
    Entry(
        "asof",
        Date(),
        None,
        derive=_with_status,
        mask=lambda view, _day: view["status_asof"] != "pending",
        in_subtitle=False,
        help_key="f_asof_help",
    ),
    Entry(
        "revoked",  # show revoked zones
        Flag(),
        True,
        place="display",
        mask=lambda view, shown: None if shown else view["status_asof"] != "revoked",
        word=lambda _shown, lang: i18n.t("sub_no_revoked", lang),
    ),
    Entry("basemap", Flag(), False, place="display", selects_rows=False, reset=False),
    Entry(  # the map style (geo.mapmarks): each zone's own outline filled, or one marker per zone
        "style",
        Choice(
            lambda _r: STYLES, lambda code, lang, _r: i18n.t(f"style_{code}", lang), call="segmented_control"
        ),
        DEFAULT_STYLE,
        place="none",  # drawn beside the map's legend (views/map.py)
        selects_rows=False,
        reset=False,
    ),
    Entry(  # the slide images' size in pixels, drawn above the slide buttons (views/slides.py)
        "slide",
        Choice(
            lambda _r: tuple(SLIDE_SIZES),
            lambda code, lang, _r: i18n.t(SLIDE_SIZES[code], lang),
            call="segmented_control",
        ),
        next(iter(SLIDE_SIZES)),
        place="none",
        selects_rows=False,
        reset=False,
    ),
    Entry(
        "measure",
        Choice(
            lambda _reg: ("count", "coverage"),
            lambda code, lang, _reg: i18n.t(f"ch_measure_{code}", lang),
            call="segmented_control",
        ),
        "count",
        place="none",
        selects_rows=False,
        reset=False,
    ),
    # The research data page's state (views/research.py): written in its URL only.
    *(
        Entry(
            name,
            Choice(options, label, call=call),
            default,
            place="none",
            selects_rows=False,
            page="research",
        )
        for name, options, label, default, call in (
            (
                "convention",
                lambda _r: CONVENTIONS,
                lambda c, lang, _r: i18n.t(f"rs_conv_{c}", lang),
                CONVENTIONS[0],
                "segmented_control",
            ),
            (
                "period",
                lambda _r: PERIODS,
                lambda c, lang, _r: i18n.t(f"rs_period_{c}", lang),
                PERIODS[0],
                "segmented_control",
            ),
            ("start", lambda _r: RESEARCH_YEARS, lambda c, _l, _r: str(c), FIRST_YEAR, "selectbox"),
            ("end", lambda _r: RESEARCH_YEARS, lambda c, _l, _r: str(c), RESEARCH_YEARS[-1], "selectbox"),
        )
    ),
    Entry("zone", Zone(), "", place="none", selects_rows=False),
    Entry("present", Flag(), False, place="none", selects_rows=False, reset=False),
)
SPEC = Spec(ENTRIES)
