"""Shared AppTest helpers: run the app with URL parameters, read figures and notices, copy data/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from streamlit.testing.v1 import AppTest

from geo.mapview import DEFAULT_SIZE
from geo.paths import DATA_DIR, ROOT
from geo.textsafe import WORD_JOINER
from views import mapsize

TIMEOUT = 60
APP = ROOT / "app.py"
REGISTRY_FILES = (
    "batches.csv", "zones.csv", "provinces.csv", "evidence.csv", "plans.csv", "publishers.csv", "SOURCES.md",
)  # fmt: skip


def app(size: tuple[int, int] = DEFAULT_SIZE) -> AppTest:
    """app.py in AppTest as a browser shows it once it has reported the map's size: AppTest runs no
    component, so the size is set as views/mapsize.py's component would set it (without it the map page
    draws an empty box where the map goes, as a browser's first run does)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.session_state[mapsize.KEY] = {"size": list(size)}
    return at


def run(page: str | None = None, **params) -> AppTest:
    """Run app.py with the given query parameters, then switch to `page` if given; no exception allowed."""
    at = app()
    for key, value in params.items():
        at.query_params[key] = value if isinstance(value, list) else [value]
    at.run()  # the entry point first (it loads the data and the filters), then the page
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    for m in at.metric:
        if m.label == label:
            return str(m.value)
    raise AssertionError(f"no metric {label!r}: {[m.label for m in at.metric]}")


def unescape(text: str) -> str:
    """Markdown source as a reader sees it (backslash escapes and md_escape's invisible joiners removed)."""
    return re.sub(r"\\(.)", r"\1", text).replace(WORD_JOINER, "")


def elements(at: AppTest) -> list:
    """Every element the last run drew (what the server sends the browser), in page order."""
    from streamlit.testing.v1.element_tree import Block

    out, stack = [], [at._tree]
    while stack:
        node = stack.pop()
        if not isinstance(node, Block):
            out.append(node)
        stack.extend(reversed(list(getattr(node, "children", {}).values())))
    return out


def sent_bytes(at: AppTest) -> int:
    """The size of every element the last run drew, as Streamlit serialises it for the browser."""
    return sum(e.proto.ByteSize() for e in elements(at))


def warnings(at: AppTest) -> list[str]:
    return [unescape(w.value) for w in at.warning]


def captions(at: AppTest) -> list[str]:
    return [unescape(c.value) for c in at.caption]


def copy_data(folder: Path, boundaries: bool = False) -> Path:
    """The registry files of data/ (and its boundaries if asked) copied into `folder`."""
    for name in REGISTRY_FILES:
        if (DATA_DIR / name).exists():
            shutil.copy(DATA_DIR / name, folder / name)
    if boundaries:
        shutil.copytree(DATA_DIR / "boundaries", folder / "boundaries")
    return folder


def rename_zone(folder: Path, zone_id: str, name_en: str, name_zh: str) -> None:
    """Give a zone of the zones.csv in `folder` other names (every other cell kept as written)."""
    import pandas as pd

    zones = pd.read_csv(folder / "zones.csv", dtype=str, keep_default_na=False)
    row = zones.zone_id == zone_id
    assert row.sum() == 1, zone_id
    zones.loc[row, ["name_en", "name_zh"]] = [name_en, name_zh]
    zones.to_csv(folder / "zones.csv", index=False)


def widget(at: AppTest, kind: str, name: str):
    """The widget of filter `name` (its key is w_<name>, or w_<name>~N after the app redrew its widgets)."""
    found = [w for w in getattr(at, kind) if re.fullmatch(rf"w_{name}(~\d+)?", str(w.key))]
    assert len(found) == 1, [w.key for w in getattr(at, kind)]
    return found[0]
