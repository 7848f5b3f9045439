"""The kinds of value a filter holds: each parses, writes the URL, words, masks rows and names its widget."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from geo import i18n
from geo.schemas import FIRST_DAY
from geo.textsafe import shorten
from geo.urlquery import MISSING, Notice, notice

if TYPE_CHECKING:
    from geo.filters import Vocabulary

MAX_TEXT = 100  # characters of a search
MAX_VALUES = 60  # values of one parameter looked at; the rest are ignored with one notice
TRUE_WORDS = ("1", "true", "yes", "on", "show")
FALSE_WORDS = ("0", "false", "no", "off", "hide")
# (code, lang, registry) -> text: a code's label on its widget, or its words in a subtitle.
CodeText = Callable[[Any, str, Any], str]


@dataclass(frozen=True)
class Widget:
    """A widget, described without Streamlit: views/controls.py calls `streamlit.<call>(label, [options,]
    **args)` with a key and a change handler. `labels` (code -> text) become its format_func."""

    call: str  # multiselect | pills | radio | segmented_control | text_input | date_input | toggle
    label: str  # set by the entry (geo.filters.Entry.widget)
    value: Any  # what the widget holds: a list for a multiselect or multi pills
    options: tuple | None = None
    labels: Mapping[Any, str] | None = None
    args: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Choices:
    """A fixed list of codes resolved against the registry: order, labels and words per language, and every
    spelling a URL may use (the code, its whole label in either language, extra spellings; case-folded)."""

    options: tuple
    labels: dict[str, dict[Any, str]]
    words: dict[str, dict[Any, str]]
    spellings: dict[str, Any]

    def resolve(self, raw: str) -> Any:
        text = raw.strip()
        return self.spellings[text] if text in self.spellings else self.spellings.get(text.casefold())


def parse_day(raw: str) -> dt.date | None:
    """YYYY-MM-DD (or YYYYMMDD) as a date; None for anything else."""
    text = raw.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{8}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def file_text(text: str) -> str:
    """Free text as a file-name part: letters, digits and CJK, the rest as '-'; at most 30 characters."""
    return re.sub(r"[^0-9A-Za-z\u3400-\u9fff]+", "-", text).strip("-")[:30] or "x"


class Kind:
    """One kind of value. The base reads one value per parameter: the first non-empty one, with a notice
    about any other."""

    def choices(self, reg: Any) -> Choices | None:
        """Its fixed list of codes resolved against the registry (None: it has none)."""
        return None

    def parse(
        self, name: str, raws: list[str], vocab: Vocabulary, latest: dt.date
    ) -> tuple[Any, list[Notice]]:
        """The value of parameter `name` from its raw URL values (MISSING if none is usable), and a Notice
        for every value not used."""
        raws = [r for r in raws if r.strip()]
        if not raws:
            return MISSING, []
        notices = []
        if len(raws) > 1:
            notices.append(notice(name, ",".join(raws[1:]), "reason_repeated", used=shorten(raws[0], 40)))
        value, why = self.parse_one(name, raws[0], vocab, latest)
        return value, notices + ([why] if why else [])

    def parse_one(self, name: str, raw: str, vocab: Vocabulary, latest: dt.date) -> tuple[Any, Notice | None]:
        raise NotImplementedError

    def to_url(self, value: Any) -> str:
        """The value as the canonical URL writes it."""
        return str(value)

    def slug(self, name: str, value: Any) -> str:
        """The value as a file-name part: 'batch-6+7'."""
        return f"{name}-{self.to_url(value).replace(',', '+')}"

    def shown(self, name: str, value: Any, vocab: Vocabulary, lang: str) -> str:
        """The value in words (a summary row's value, and the default subtitle words)."""
        return str(value)

    def words(self, name: str, value: Any, vocab: Vocabulary, lang: str, label: str) -> str:
        """The value in a subtitle: 'As of date: 2020-01-01' (a code list says only its codes' words)."""
        colon = "：" if i18n.norm_lang(lang) == "zh" else ": "
        return f"{label}{colon}{self.shown(name, value, vocab, lang)}"

    def mask(self, frame: pd.DataFrame, column: str, value: Any) -> pd.Series | None:
        """The rows of `frame` whose `column` matches a value other than the default (None: every row)."""
        return None

    def widget(self, name: str, value: Any, vocab: Vocabulary, lang: str, latest: dt.date) -> Widget | None:
        """Its widget holding `value` (None: it has none); the entry labels it."""
        return None

    def from_widget(self, name: str, raw: Any, vocab: Vocabulary, default: Any) -> Any:
        """The value a widget reports, made valid (a widget never sends what the kind cannot hold)."""
        return raw


def _separator(lang: str) -> str:
    return "、" if i18n.norm_lang(lang) == "zh" else ", "


@dataclass(frozen=True)
class Codes(Kind):
    """Several codes from a fixed list (empty = all). URL: codes joined by commas, in the list's order;
    labels in either language and `spellings` are accepted too. Rows: `column` is one of the codes."""

    options: Callable[[Any], tuple]  # (registry) -> codes, in display order
    label: CodeText  # its widget label (whole: 广东 Guangdong); accepted in a URL as it is
    word: CodeText | None = None  # its words in a subtitle (default: the label)
    spellings: Callable[[Any, Any], tuple[str, ...]] | None = None  # (code, registry) -> more spellings
    call: str = "multiselect"  # or pills

    def choices(self, reg: Any) -> Choices:
        return _choices(self.options(reg), self.label, self.word, self.spellings, reg)

    def parse(self, name, raws, vocab, latest):
        parts = [p for raw in raws for p in raw.split(",") if p.strip()]
        notices = []
        if len(parts) > MAX_VALUES:
            more = str(len(parts) - MAX_VALUES - 1)
            notices.append(notice(name, parts[MAX_VALUES], "reason_too_many_values", n=more))
            parts = parts[:MAX_VALUES]
        choices = vocab.choices[name]
        picked = []
        for part in parts:
            code = choices.resolve(part)
            if code is None:
                options = ", ".join(str(o) for o in choices.options)
                notices.append(notice(name, part, "reason_unknown_option", options=options))
            elif code not in picked:
                picked.append(code)
        return tuple(sorted(picked, key=choices.options.index)), notices

    def to_url(self, value):
        return ",".join(str(v) for v in value)

    def shown(self, name, value, vocab, lang):
        words = vocab.choices[name].words[i18n.norm_lang(lang)]
        return _separator(lang).join(words.get(v, str(v)) for v in value)

    def words(self, name, value, vocab, lang, label):
        return self.shown(name, value, vocab, lang)

    def mask(self, frame, column, value):
        return frame[column].isin(value) if value else None

    def widget(self, name, value, vocab, lang, latest):
        choices = vocab.choices[name]
        labels = choices.labels[i18n.norm_lang(lang)]
        args: tuple = (("placeholder", i18n.t("f_all", lang)),)
        call = self.call
        if call == "pills":
            args = (("selection_mode", "multi"),)
        return Widget(call, "", list(value), choices.options, labels, args)

    def from_widget(self, name, raw, vocab, default):
        order = vocab.choices[name].options
        return tuple(sorted({v for v in (raw or []) if v in order}, key=order.index))


@dataclass(frozen=True)
class Choice(Kind):
    """One code from a fixed list. Rows (with a `column`): the column equals the code."""

    options: Callable[[Any], tuple]
    label: CodeText
    word: CodeText | None = None
    call: str = "radio"  # or segmented_control

    def choices(self, reg: Any) -> Choices:
        return _choices(self.options(reg), self.label, self.word, None, reg)

    def parse_one(self, name, raw, vocab, latest):
        choices = vocab.choices[name]
        code = choices.resolve(raw)
        if code is None:
            options = ", ".join(str(o) for o in choices.options)
            return MISSING, notice(name, raw, "reason_unknown_option", options=options)
        return code, None

    def shown(self, name, value, vocab, lang):
        return vocab.choices[name].words[i18n.norm_lang(lang)].get(value, str(value))

    def words(self, name, value, vocab, lang, label):
        return self.shown(name, value, vocab, lang)

    def mask(self, frame, column, value):
        return frame[column] == value

    def widget(self, name, value, vocab, lang, latest):
        choices = vocab.choices[name]
        args = {"radio": (("horizontal", True),), "segmented_control": (("required", True),)}.get(
            self.call, ()
        )
        return Widget(self.call, "", value, choices.options, choices.labels[i18n.norm_lang(lang)], args)

    def from_widget(self, name, raw, vocab, default):
        return raw if raw in vocab.choices[name].options else default


@dataclass(frozen=True)
class Text(Kind):
    """Free text, spaces collapsed, at most MAX_TEXT characters. Rows (with a `column`): the column
    contains the text, case-folded; geo.search's matching is the `q` entry's own mask."""

    def parse_one(self, name, raw, vocab, latest):
        text = " ".join(raw.split())
        if len(text) > MAX_TEXT:
            return text[:MAX_TEXT].strip(), notice(name, raw, "reason_too_long", n=str(MAX_TEXT))
        return text, None

    def slug(self, name, value):
        return f"{name}-{file_text(value)}"

    def mask(self, frame, column, value):
        return frame[column].astype(str).str.casefold().str.contains(value.casefold(), regex=False)

    def widget(self, name, value, vocab, lang, latest):
        return Widget("text_input", "", value, args=(("max_chars", MAX_TEXT),))

    def from_widget(self, name, raw, vocab, default):
        return " ".join(str(raw or "").split())[:MAX_TEXT]


@dataclass(frozen=True)
class Date(Kind):
    """A day from FIRST_DAY to the latest allowed (today, or the newest reply). URL: YYYY-MM-DD (YYYYMMDD
    accepted). Rows (with a `column`): the column's date is on or before the day."""

    def parse_one(self, name, raw, vocab, latest):
        day = parse_day(raw)
        if day is None or not FIRST_DAY <= day <= latest:
            return MISSING, notice(
                name, raw, "reason_bad_date", lo=FIRST_DAY.isoformat(), hi=latest.isoformat()
            )
        return day, None

    def to_url(self, value):
        return value.isoformat()

    def shown(self, name, value, vocab, lang):
        return value.isoformat()

    def mask(self, frame, column, value):
        return pd.to_datetime(frame[column]) <= pd.Timestamp(value)

    def widget(self, name, value, vocab, lang, latest):
        args = (("min_value", FIRST_DAY), ("max_value", latest))
        return Widget("date_input", "", value, args=args)

    def from_widget(self, name, raw, vocab, default):
        return raw if isinstance(raw, dt.date) else default


@dataclass(frozen=True)
class Flag(Kind):
    """On or off. URL: 1/0 (true/false, yes/no, on/off, show/hide accepted). Rows (with a `column`): when
    on, the rows where the column is true. File names: '<name>-shown' / '<name>-hidden'."""

    def parse_one(self, name, raw, vocab, latest):
        word = raw.strip().casefold()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS, None
        return MISSING, notice(name, raw, "reason_unknown_option", options="1, 0")

    def to_url(self, value):
        return "1" if value else "0"

    def slug(self, name, value):
        return f"{name}-{'shown' if value else 'hidden'}"

    def shown(self, name, value, vocab, lang):
        return i18n.t("yes" if value else "no", lang)

    def mask(self, frame, column, value):
        return frame[column].fillna(False).astype(bool) if value else None

    def widget(self, name, value, vocab, lang, latest):
        return Widget("toggle", "", value)

    def from_widget(self, name, raw, vocab, default):
        return bool(raw)


@dataclass(frozen=True)
class Zone(Kind):
    """One zone id of the registry. Rows (with a `column`): that zone."""

    def parse_one(self, name, raw, vocab, latest):
        zone = raw.strip()
        if zone in vocab.zone_ids:
            return zone, None
        return MISSING, notice(name, raw, "reason_unknown_zone")

    def mask(self, frame, column, value):
        return frame[column] == value


def _choices(codes: tuple, label: CodeText, word: CodeText | None, extra, reg: Any) -> Choices:
    labels = {lang: {c: label(c, lang, reg) for c in codes} for lang in i18n.LANGS}
    words = {lang: {c: (word or label)(c, lang, reg) for c in codes} for lang in i18n.LANGS}
    spellings: dict[str, Any] = {}
    for c in codes:
        for text in (str(c), *(labels[lang][c] for lang in i18n.LANGS), *(extra(c, reg) if extra else ())):
            spellings[text] = c
            spellings[text.casefold()] = c
    return Choices(tuple(codes), labels, words, spellings)
