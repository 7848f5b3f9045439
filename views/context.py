"""One script run's view for the pages: the cached dataset, the Filters, the filtered zones, counts."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property

import pandas as pd
import streamlit as st

from geo import i18n, provenance
from geo.counts import Counts, count
from geo.dataset import Dataset, load_dataset
from geo.filters import Filters
from geo.paths import STATIC_ENV
from geo.registry import RegistryError
from geo.urlquery import Notice
from views.streamlit_private import warm_emoji_catalogue

CTX_KEY = "_ctx"
# The registry folder can be pointed elsewhere (tests use broken, hostile and extended copies).
DATA_ENV = "PILOT_ZONES_DATA"


@st.cache_resource(show_spinner=False)
def cached_dataset(data_dir: str | None, static_dir: str | None = None) -> Dataset:
    """The dataset, built once per server, data folder and display geometry (see geo.dataset.load_dataset)."""
    warm_emoji_catalogue()  # here, with the dataset, rather than in the first session in Chinese
    return load_dataset(data_dir, static_dir)


def dataset_or_stop(lang: str) -> Dataset:
    """The dataset, or a readable error (file, row, column) and a stopped script: never a traceback."""
    tr = i18n.Translator(lang)
    try:
        return cached_dataset(os.environ.get(DATA_ENV), os.environ.get(STATIC_ENV))
    except RegistryError as err:
        st.error(tr("data_error"))
        st.code("\n".join(str(p) for p in err.problems), language=None)
    except (OSError, ValueError, KeyError) as err:
        st.error(tr("data_error"))
        st.code(f"{type(err).__name__}: {err}", language=None)
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


@dataclass(frozen=True)
class Context:
    """What every page reads: the dataset, the view's Filters, the notices about its URL."""

    data: Dataset
    filters: Filters
    notices: tuple[Notice, ...]

    @property
    def lang(self) -> str:
        return self.filters.lang

    @cached_property
    def tr(self) -> i18n.Translator:
        return i18n.Translator(self.filters.lang)

    @cached_property
    def view(self) -> pd.DataFrame:
        """The zones of this view (designated by the as-of day), with `status_asof`."""
        return self.data.view(self.filters)

    @cached_property
    def counts(self) -> Counts:
        f = self.filters
        return self.data.memo(("counts", f.rows_key()), lambda: count(self.view, f.since, f.asof))

    @cached_property
    def source(self) -> provenance.Provenance:
        """Where this view's data comes from (geo.provenance.of): facts, data version, replies in effect."""
        f = self.filters
        return self.data.memo(("provenance", f.rows_key(), self.asof), lambda: provenance.of(self.data, f))

    @property
    def asof(self) -> dt.date:
        """The day the view shows: the as-of filter, else today."""
        return self.filters.asof or dt.date.today()


def store(context: Context) -> None:
    st.session_state[CTX_KEY] = context


def current() -> Context:
    """The current run's context (app.py sets it before the page runs)."""
    return st.session_state[CTX_KEY]
