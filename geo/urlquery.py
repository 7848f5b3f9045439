"""The URL codec: query parameters -> Filters and Notices; Filters -> canonical parameters and address."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from geo import i18n
from geo.textsafe import shorten

if TYPE_CHECKING:
    import datetime as dt

    from geo.filters import Filters, Vocabulary

MAX_PARAMS = 30  # parameters looked at; the rest are ignored with one notice
# Parameters Streamlit itself reads (embed mode); kept in the URL, never reported.
STREAMLIT_PARAMS = ("embed", "embed_options")
MISSING: Any = object()  # a parameter that gives no value (empty, or every value unusable)


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


def notice(param: str, value: str, reason: str, **args: str) -> Notice:
    """A Notice with the parameter and value shortened (they come from a URL: any length)."""
    return Notice(shorten(param, 30), shorten(value, 40), reason, tuple((k, v) for k, v in args.items()))


def parse_query(
    params: Mapping[str, Sequence[str] | str], vocab: Vocabulary, latest: dt.date
) -> tuple[Filters, list[Notice]]:
    """Filters from raw URL parameters (codes, labels in either language, or old forms), read by the
    spec `vocab` was built from; every value that is not used becomes a Notice, and only the values
    reported as used are applied. `latest`: the last day a date may name."""
    notices: list[Notice] = []
    values: dict[str, Any] = {}
    items = list(params.items())
    if len(items) > MAX_PARAMS:
        first, given = items[MAX_PARAMS]  # named in the notice: the first parameter not looked at
        value = given if isinstance(given, str) else ",".join(str(v) for v in given)
        notices.append(notice(first, value, "reason_too_many_params", n=str(len(items) - MAX_PARAMS - 1)))
        items = items[:MAX_PARAMS]
    for name, given in items:
        raws = [given] if isinstance(given, str) else [str(v) for v in given]
        entry = vocab.spec.get(name)
        if entry is None:
            if name.lower() not in STREAMLIT_PARAMS:
                notices.append(notice(name, ",".join(raws), "reason_unknown_param"))
            continue
        value, found = entry.kind.parse(name, raws, vocab, latest)
        notices += found
        if value is not MISSING:
            values[name] = value
    return vocab.spec.filters(**values), notices


def to_query(filters: Filters, page: str | None = None) -> list[tuple[str, str]]:
    """The canonical URL parameters of a view: codes, defaults left out, in the spec's order. With `page`
    (a URL path of views.pages), the state of other pages is left out too."""
    return [
        (entry.name, entry.kind.to_url(value))
        for entry, value in filters.items()
        if value != entry.default and entry.on_page(page)
    ]


def query_string(pairs: list[tuple[str, str]]) -> str:
    """The query of a URL, with commas left readable (batch=6,7)."""
    return urlencode(pairs, safe=",")


def view_url(address: str, filters: Filters, page: str | None = None) -> str:
    """THE canonical address of a view: `address` (a page's, or the app's root) and the view's canonical
    parameters. The share link, the page links and the citation all come from here."""
    query = query_string(to_query(filters, page))
    return f"{address}?{query}" if query else address


def app_root(browser_url: str, page_path: str) -> str:
    """The app's address from the one the browser shows on a page: 'http://host:8501/base/sources' ->
    'http://host:8501/base' (query and fragment dropped)."""
    url = browser_url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    suffix = "/" + page_path.strip("/")
    return url[: -len(suffix)] if page_path and url.endswith(suffix) else url
