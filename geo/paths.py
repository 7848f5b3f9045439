"""Every path the project reads or writes, in one place (the data root is computed here and nowhere else)."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
BOUNDARIES_DIR = DATA_DIR / "boundaries"
STATIC_DIR = ROOT / "static"
PYPROJECT = ROOT / "pyproject.toml"
CITATION_CFF = ROOT / "CITATION.cff"

# The registry (data/).
BATCHES_CSV = "batches.csv"
ZONES_CSV = "zones.csv"
PROVINCES_CSV = "provinces.csv"
EVIDENCE_CSV = "evidence.csv"
PUBLISHERS_CSV = "publishers.csv"  # the kind of each source's publisher, by registrable domain
PLANS_CSV = "plans.csv"  # the provincial implementation plans (实施方案), one row per zone
SOURCES_MD = "SOURCES.md"
DATAPACKAGE_JSON = "datapackage.json"  # Frictionless descriptor of data/; its version: the data's
REGISTRY_CHECK_JSON = "registry_check.json"  # when the registry was last checked for new replies, and how
CHANGELOG_MD = "CHANGELOG.md"  # what changed in data/ per release
ZENODO_JSON = ROOT / ".zenodo.json"  # the metadata Zenodo reads from a GitHub release

# The committed boundary files (data/boundaries/, written by `python -m geo.build`).
PROVINCES_GEOJSON = "provinces.geojson"
PREFECTURES_GEOJSON = "prefectures.geojson"
ZONE_AREAS_GEOJSON = "zone_areas.geojson"
LAND_BORDER_GEOJSON = "land_border.geojson"
COASTLINE_GEOJSON = "coastline.geojson"
MARITIME_GEOJSON = "maritime.geojson"
BUILD_JSON = "BUILD.json"

# Display geometry of the national view (static/, written by `python -m geo.build.static_geometry`),
# served by Streamlit's static file serving and fetched once by the browser.
STATIC_URL = "/app/static/"
# Where the server checks that display geometry before the browser is sent to it (tests point it at a
# broken copy; Streamlit serves static/ beside app.py either way).
STATIC_ENV = "PILOT_ZONES_STATIC"
STATIC_PROVINCES = "provinces.geojson"  # province polygons (fill)
STATIC_BORDERS = "province-borders.json"  # province borders as line segments, each shared edge once
STATIC_OUTLINES = "zone-outlines.geojson"  # every zone's coarse polygon (fill, when every zone is in view)
STATIC_OUTLINE_LINES = "zone-outline-lines.json"  # the same outlines as line segments

# deck.gl for the offline HTML map: the browser bundle pydeck ships (its Jupyter widget, which sets the global
# createDeck), inlined into the file (found without importing pydeck).
_PYDECK = find_spec("pydeck")
_PYDECK_DIR = Path(_PYDECK.origin).parent if _PYDECK and _PYDECK.origin else Path("pydeck")
DECK_BUNDLE = _PYDECK_DIR / "nbextension" / "static" / "index.js"
