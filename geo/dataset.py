"""load_dataset(): the registry, the boundaries and everything derived from them that the pages read."""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

import geopandas as gpd
import pandas as pd
from pandera.typing import DataFrame

from geo import asof, boundaries, checks, evidence, filters, release, search, zoneframe
from geo.csvcheck import Problem, RegistryError
from geo.display import OUTLINE_COARSE, OUTLINE_FINE, Outlines, display_geometries
from geo.freshness import RegistryCheck, read_check
from geo.join import location_class, zones_view
from geo.paths import (
    BOUNDARIES_DIR,
    COASTLINE_GEOJSON,
    DATA_DIR,
    LAND_BORDER_GEOJSON,
    MARITIME_GEOJSON,
    PREFECTURES_GEOJSON,
    PROVINCES_GEOJSON,
    STATIC_DIR,
    ZONE_AREAS_GEOJSON,
)
from geo.planfacts import plan_columns
from geo.registry import Registry, load_registry, not_applicable
from geo.zoneframe import ZoneFrame

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
    zones: DataFrame[ZoneFrame]  # per zone: reply, province, location, revoking reply, confidences (typed)
    facts: pd.DataFrame  # per (subject, fact) with evidence: derived confidence, sources, domains
    provinces: gpd.GeoDataFrame  # provincial boundaries and `not_applicable` (slide map)
    prefectures: pd.DataFrame  # prefecture-level units' properties (coverage)
    maritime: gpd.GeoDataFrame  # the ten-dash line (slide map)
    maritime_features: tuple[dict, ...]  # the same as GeoJSON features (interactive map)
    outlines: Outlines
    province_codes: tuple[str, ...]  # feature order of static/provinces.geojson
    not_applicable: frozenset[str]  # provinces drawn as not applicable (provinces.csv: region none)
    vocab: filters.Vocabulary
    steps: tuple[Step, ...]  # the replies, oldest first
    build_info: dict
    sources_md: str
    data_dir: Path  # the registry folder read (exports and the data ZIP copy its files)
    boundaries_dir: Path
    version: str = release.UNKNOWN  # the data version (geo.release.data_version)
    check: RegistryCheck | None = None  # the newest recorded check for new replies (None: none recorded)
    _memo: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def first(self) -> Step:
        """The first reply: where the registry starts."""
        return self.steps[0]

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
        return self.memo(("view", key), lambda: filters.apply(self.zones, key))

    @cached_property
    def zones_by_id(self) -> pd.DataFrame:
        """The zones indexed by zone_id (do not modify)."""
        return self.zones.set_index("zone_id")


def _gather(problems: list[Problem], load: Callable[..., T], *args: Any) -> T | None:
    """load(*args), or None with its problems added to `problems`."""
    try:
        return load(*args)
    except RegistryError as err:
        problems += err.problems
        return None


def build_zones(reg: Registry, location: pd.Series, facts: pd.DataFrame) -> DataFrame[ZoneFrame]:
    """Dataset.zones: the registry's zones joined with their replies, provinces, location classes
    (`location`: per zone_id), revoking replies and plans, with the confidences the ledger (`facts`) gives
    each fact and date."""
    zones = zones_view(reg, location).merge(evidence.zone_confidence(reg.zones, facts), on="zone_id")
    zones = zones.join(evidence.date_confidence(zones, reg.batches, facts))
    zones = zones.join(evidence.plan_facts(zones, reg.plans, facts))
    zones["search_text"] = search.haystack(zones)
    zones = pd.concat([zones, plan_columns(zones["zone_id"], reg.plans)], axis=1)
    return cast(DataFrame[ZoneFrame], zones)  # checked by the caller (zoneframe.checked)


def load_dataset(
    data_dir: str | Path | None = None, static_dir: str | Path | None = None, today: dt.date | None = None
) -> Dataset:
    """Read and check the registry (data_dir, default data/), the boundary files beside it (its
    boundaries/ folder if it has one, else data/boundaries/), SOURCES.md and the display geometry the
    browser will fetch (static_dir, default static/), and derive what the pages need.
    Raises geo.registry.RegistryError naming every problem in every file (file, row, column, what)."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    bdir = data_dir / "boundaries" if (data_dir / "boundaries").is_dir() else BOUNDARIES_DIR
    problems: list[Problem] = []
    reg = _gather(problems, load_registry, data_dir, today)
    read = {name: _gather(problems, boundaries.read_checked, name, bdir) for name in boundaries.LAYOUT}
    build_info = _gather(problems, boundaries.load_build_info, bdir)
    sources_md, found = checks.read_sources_md(data_dir)
    problems += found
    areas, provinces = read[ZONE_AREAS_GEOJSON], read[PROVINCES_GEOJSON]
    check = None
    if reg is not None:
        check, found = read_check(data_dir, asof.latest_day(reg.batches), today or dt.date.today())
        problems += found
    if reg is not None and areas is not None and provinces is not None:
        problems += checks.province_problems(reg, provinces)
        problems += checks.outline_problems(reg, areas)
        problems += checks.marker_problems(reg, provinces)
    if areas is not None and provinces is not None:
        ids, province_codes = tuple(areas["zone_id"]), tuple(provinces["province_code"])
        problems += checks.static_problems(Path(static_dir or STATIC_DIR), province_codes, ids)
    if problems:
        raise RegistryError(problems)
    assert reg is not None and areas is not None and provinces is not None and build_info is not None
    frames = {name: frame for name, frame in read.items() if frame is not None}
    maritime, prefectures = frames[MARITIME_GEOJSON], frames[PREFECTURES_GEOJSON]
    location = location_class(areas, frames[LAND_BORDER_GEOJSON], frames[COASTLINE_GEOJSON])
    facts = evidence.derive(reg.evidence)
    zones, problems = zoneframe.checked(build_zones(reg, location, facts))
    if zones is None:
        raise RegistryError(problems)
    fine = display_geometries(areas.geometry.values, OUTLINE_FINE)
    coarse = display_geometries(areas.geometry.values, OUTLINE_COARSE)
    steps = tuple(Step(b, d, doc) for b, d, doc in asof.timeline_steps(reg.batches))
    return Dataset(
        registry=reg,
        zones=zones,
        facts=facts,
        provinces=provinces.assign(
            not_applicable=provinces["province_code"].isin(not_applicable(reg.provinces))
        ),
        prefectures=pd.DataFrame(prefectures.drop(columns="geometry")),
        maritime=maritime,
        maritime_features=tuple(
            {"type": "Feature", "geometry": g.__geo_interface__, "properties": {}} for g in maritime.geometry
        ),
        outlines=Outlines.build(ids, coarse, fine),
        province_codes=province_codes,
        not_applicable=not_applicable(reg.provinces),
        vocab=filters.build_vocabulary(reg),
        steps=steps,
        build_info=build_info,
        sources_md=sources_md,
        data_dir=data_dir,
        boundaries_dir=bdir,
        version=release.data_version(data_dir),
        check=check,
    )
