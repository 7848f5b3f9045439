"""load_dataset(): the registry, the boundaries and everything derived from them that the pages read."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

import geopandas as gpd
import pandas as pd

from geo import asof, boundaries, evidence, filters, search
from geo.display import OUTLINE_COARSE, OUTLINE_FINE, Outlines, display_geometries
from geo.join import location_class, zones_view
from geo.paths import BOUNDARIES_DIR, DATA_DIR, SOURCES_MD
from geo.registry import Registry, load_registry

T = TypeVar("T")
MEMO_SIZE = 256  # results kept per dataset: filtered views (a few hundred rows each), decks, summaries


@dataclass(frozen=True)
class Step:
    """One State Council reply on the roll-out timeline."""

    batch: int
    day: dt.date  # the day it took effect (approval, else publication)
    document_no: str


@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything that does not depend on the filters, built once per data folder."""

    registry: Registry
    zones: pd.DataFrame  # one row per zone: reply, province, location class, confidences, search text
    facts: pd.DataFrame  # per (subject, fact) with evidence: derived confidence, sources, domains
    provinces: gpd.GeoDataFrame  # provincial boundaries (slide map)
    prefectures: pd.DataFrame  # prefecture-level units' properties (coverage)
    maritime: gpd.GeoDataFrame  # the ten-dash line (slide map)
    maritime_features: tuple[dict, ...]  # the same as GeoJSON features (interactive map)
    outlines: Outlines
    province_codes: tuple[str, ...]  # feature order of static/provinces.geojson
    vocab: filters.Vocabulary
    steps: tuple[Step, ...]  # the replies, oldest first
    build_info: dict
    sources_md: str
    _memo: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def latest(self) -> Step:
        """The newest reply: how current the registry is."""
        return self.steps[-1]

    def last_day(self, today: dt.date | None = None) -> dt.date:
        """The latest day a view may be dated (today, or the newest reply if it is later)."""
        return max(today or dt.date.today(), self.latest.day)

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """build(), remembered under `key` (which must name everything the result depends on besides this
        dataset) among the MEMO_SIZE most recently used results. Shared by every session: do not modify."""
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        out = build()
        with self._lock:
            self._memo[key] = out
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return out

    def view(self, f: filters.Filters) -> pd.DataFrame:
        """The zones selected by `f` with their status on its as-of day (memoised; do not modify)."""
        key = f.rows_key()
        return self.memo(("view", key), lambda: filters.apply(self.zones, self.registry.batches, key))

    @cached_property
    def zones_by_id(self) -> pd.DataFrame:
        """The zones indexed by zone_id (do not modify)."""
        return self.zones.set_index("zone_id")


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Read and validate the registry (data_dir, default data/) and the boundary files beside it (its
    boundaries/ folder if it has one, else data/boundaries/), and derive what the pages need.
    Raises geo.registry.RegistryError (every problem with file, row, column), OSError or ValueError."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    bdir = data_dir / "boundaries" if (data_dir / "boundaries").is_dir() else BOUNDARIES_DIR
    reg = load_registry(data_dir)
    areas = boundaries.load_zone_areas(bdir)
    location = location_class(areas, boundaries.load_land_border(bdir), boundaries.load_coastline(bdir))
    facts = evidence.derive(reg.evidence)
    zones = zones_view(reg, location).merge(evidence.zone_confidence(reg.zones, facts), on="zone_id")
    zones["search_text"] = search.haystack(zones)
    provinces = boundaries.load_provinces(bdir)
    maritime = boundaries.load_maritime(bdir)
    ids = tuple(areas["zone_id"])
    fine = display_geometries(areas.geometry.values, OUTLINE_FINE)
    coarse = display_geometries(areas.geometry.values, OUTLINE_COARSE)
    steps = tuple(Step(b, d, doc) for b, d, doc in asof.timeline_steps(reg.batches))
    sources = data_dir / SOURCES_MD
    return Dataset(
        registry=reg,
        zones=zones,
        facts=facts,
        provinces=provinces,
        prefectures=pd.DataFrame(boundaries.load_prefectures(bdir).drop(columns="geometry")),
        maritime=maritime,
        maritime_features=tuple(
            {"type": "Feature", "geometry": g.__geo_interface__, "properties": {}} for g in maritime.geometry
        ),
        outlines=Outlines.build(ids, coarse, fine),
        province_codes=tuple(provinces["province_code"]),
        vocab=filters.build_vocabulary(reg),
        steps=steps,
        build_info=boundaries.load_build_info(bdir),
        sources_md=sources.read_text(encoding="utf-8"),
    )
