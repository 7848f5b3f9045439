"""Altair chart builders: zones per province, zones over time, zones by region and location (pure)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd

from geo import i18n
from geo.asof import status_on_day
from geo.changes import ADDED
from geo.filters import short_zh
from geo.join import LOCATIONS, covers
from geo.palette import batch_colour
from geo.schemas import ECONOMIC_REGIONS

FONT = "Noto Sans CJK SC, sans-serif"
GREY = "#5f5f5f"
ROW_PX = 22
CHART_HEIGHT = 360
# Labels of steps closer than this share of the time axis to its left edge go right of the step.
LEFT_ROOM = 0.22
CATEGORIES = {"region": ECONOMIC_REGIONS, "location": LOCATIONS}


def batch_label(batch: int, lang: str) -> str:
    """'Batch 6' / '第6批'."""
    return i18n.t("batch_n", lang, n=int(batch))


def province_label(name_zh: str, name_en: str, lang: str) -> str:
    """The province's short Chinese name (广东) or its English name."""
    return short_zh(name_zh) if i18n.norm_lang(lang) == "zh" else name_en


def _active(view: pd.DataFrame) -> pd.DataFrame:
    return view[view["status_asof"] == "active"]


def _new_batches(view: pd.DataFrame) -> set[int]:
    """The batches whose zones were designated in the window the view compares with (geo.changes)."""
    if "change" not in view:
        return set()
    return {int(b) for b in view.loc[view["change"].isin(ADDED).fillna(False).astype(bool), "batch"]}


def _window(frame: pd.DataFrame, view: pd.DataFrame, since: dt.date | None) -> tuple[pd.DataFrame, Any]:
    """With a window: the frame with `new` (its batch was designated in it) and an opacity that keeps
    those bars full and pales the rest; without: the frame and no opacity."""
    if since is None:
        return frame, alt.Undefined
    frame = frame.assign(new=frame["batch"].isin(_new_batches(view)))
    return frame, alt.condition("datum.new", alt.value(1.0), alt.value(0.3))


def _subtitle(text: str, since: dt.date | None, lang: str, key: str = "ch_window_note") -> str | list[str]:
    return [text, i18n.t(key, lang, since=since.isoformat())] if since else text


def _colour(batches, lang: str, columns: int | None = None) -> alt.Color:
    """The batch colour channel (Okabe–Ito), legend ordered by batch."""
    batches = sorted({int(b) for b in batches})
    return alt.Color(
        "batch_label:N",
        title=i18n.t("tt_batch", lang),
        scale=alt.Scale(
            domain=[batch_label(b, lang) for b in batches], range=[batch_colour(b) for b in batches]
        ),
        legend=alt.Legend(
            orient="top",
            direction="horizontal",
            titleOrient="left",
            symbolType="square",
            columns=columns or 8,
        ),
    )


def _finish(chart, title: str, subtitle: str | list[str], lang: str, height: int) -> alt.LayerChart:
    """Title on top, the source line under the plot (inside the figure), the CJK-capable font."""
    source = (
        alt.Chart(pd.DataFrame({"source": [i18n.t("source_line", lang)]}))
        # Limited to the plot's width so that a narrow page truncates the line instead of the plot.
        .mark_text(align="left", baseline="top", fontSize=11, color=GREY, limit={"expr": "width"})
        .encode(text="source:N", x=alt.value(0), y=alt.value({"expr": "height + 44"}))
    )
    layers = list(chart.layer) if isinstance(chart, alt.LayerChart) else [chart]
    return (
        alt.layer(*layers, source)
        .properties(
            title=alt.TitleParams(
                title, subtitle=subtitle, anchor="start", fontSize=16, subtitleColor=GREY, subtitleFontSize=12
            ),
            height=height,
            # The width follows the page; the height is the plot's, so labels keep their room.
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
            padding={"left": 5, "right": 10, "top": 5, "bottom": 30},
        )
        .configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFont=FONT, titleFont=FONT, labelFontSize=11, titleFontSize=12, titleColor=GREY)
        .configure_legend(labelFont=FONT, titleFont=FONT, labelFontSize=11, titleFontSize=12)
        .configure_title(font=FONT, subtitleFont=FONT)
    )


# Zones per province -----------------------------------------------------------------------------


def province_batch_counts(view: pd.DataFrame, provinces: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Active zones per province and batch, with the province's total; largest total first."""
    active = _active(view)
    counts = active.groupby(["province_code", "batch"]).size().rename("zones").reset_index()
    counts["total"] = counts.groupby("province_code")["zones"].transform("sum")
    names = provinces.set_index("province_code")
    counts["province"] = [
        province_label(names.at[c, "name_zh"], names.at[c, "name_en"], lang) for c in counts["province_code"]
    ]
    counts["batch_label"] = [batch_label(b, lang) for b in counts["batch"]]
    return counts.sort_values(["total", "province", "batch"], ascending=[False, True, True]).reset_index(
        drop=True
    )


def province_batch_coverage(
    view: pd.DataFrame, prefectures: pd.DataFrame, provinces: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """Per province and batch: prefecture-level units first covered by that batch's active zones, as a
    share of the province's units; `coverage` is the province's total share. Provinces with no active
    zone are left out; highest coverage first."""
    active = _active(view)
    units = prefectures[prefectures["counts_for_coverage"].astype(bool)]
    per_province_units = units.groupby("province_code").size()
    codes = [
        (int(b), c)
        for b, adcodes in zip(active["batch"], active["adcodes"], strict=True)
        for c in adcodes.split(";")
    ]
    rows = []
    for unit, province in zip(units["adcode"], units["province_code"], strict=True):
        first = min((b for b, c in codes if c[:2] == unit[:2] and covers(c, unit)), default=None)
        if first is not None:
            rows.append((province, first))
    out = pd.DataFrame(rows, columns=["province_code", "batch"], dtype=object)
    out = out.groupby(["province_code", "batch"]).size().rename("covered").reset_index()
    with_zones = set(active["province_code"])
    out = out[out["province_code"].isin(with_zones)]
    out["units"] = out["province_code"].map(per_province_units).astype(int)
    out["share"] = out["covered"] / out["units"]
    out["covered_total"] = out.groupby("province_code")["covered"].transform("sum")
    out["coverage"] = out["covered_total"] / out["units"]
    out["zones"] = out["province_code"].map(active.groupby("province_code").size())
    names = provinces.set_index("province_code")
    out["province"] = [
        province_label(names.at[c, "name_zh"], names.at[c, "name_en"], lang) for c in out["province_code"]
    ]
    out["batch"] = out["batch"].astype(int)
    out["batch_label"] = [batch_label(b, lang) for b in out["batch"]]
    keys = ["coverage", "zones", "province", "batch"]
    return out.sort_values(keys, ascending=[False, False, True, True]).reset_index(drop=True)


def province_chart(
    view: pd.DataFrame,
    provinces: pd.DataFrame,
    prefectures: pd.DataFrame,
    lang: str,
    measure: str = "count",
    since: dt.date | None = None,
) -> alt.LayerChart:
    """Horizontal bars per province stacked by batch: zone count, or ('coverage') the share of the
    province's prefecture-level units with a zone. Comparing with `since`: the batches designated after it
    in full colour, the earlier ones pale."""
    t = i18n.Translator(lang)
    if measure == "coverage":
        frame = province_batch_coverage(view, prefectures, provinces, lang)
        x = alt.X(
            "share:Q",
            title=t("ch_coverage_axis"),
            axis=alt.Axis(format="%", tickCount=10),
            scale=alt.Scale(domain=[0, 1]),
        )
        tooltip = [
            alt.Tooltip("province:N", title=t("tt_province")),
            alt.Tooltip("batch_label:N", title=t("tt_batch")),
            alt.Tooltip("covered:Q", title=t("ch_tt_first_covered")),
            alt.Tooltip("covered_total:Q", title=t("ch_tt_covered")),
            alt.Tooltip("units:Q", title=t("ch_tt_units")),
            alt.Tooltip("coverage:Q", title=t("ch_tt_coverage"), format=".0%"),
        ]
        title, subtitle = t("ch_province_cov_title"), t("ch_province_cov_sub")
    else:
        frame = province_batch_counts(view, provinces, lang)
        x = alt.X("zones:Q", title=t("ch_zones_axis"), axis=alt.Axis(tickMinStep=1, format="d", tickCount=10))
        tooltip = [
            alt.Tooltip("province:N", title=t("tt_province")),
            alt.Tooltip("batch_label:N", title=t("tt_batch")),
            alt.Tooltip("zones:Q", title=t("ch_tt_batch_zones")),
            alt.Tooltip("total:Q", title=t("ch_tt_total")),
        ]
        title, subtitle = t("ch_province_title"), t("ch_province_sub")
    order = list(dict.fromkeys(frame["province"]))
    frame, opacity = _window(frame, view, since)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("province:N", sort=order, title=t("tt_province"), axis=alt.Axis(labelLimit=160)),
            color=_colour(frame["batch"], lang),
            opacity=opacity,
            order=alt.Order("batch:Q", sort="ascending"),
            tooltip=tooltip,
        )
    )
    return _finish(bars, title, _subtitle(subtitle, since, lang), lang, height=max(len(order), 1) * ROW_PX)


# Zones over time --------------------------------------------------------------------------------


def cumulative_frame(
    view: pd.DataFrame, batches: pd.DataFrame, end_day: dt.date | None = None
) -> pd.DataFrame:
    """One row per reply that changed the count of zones in `view` up to `end_day`: its effective day,
    batch, document numbers, zones it added, zones it revoked, and the active zones after it."""
    end_day = end_day or dt.date.today()
    ordered = batches.sort_values("effective_on")
    rows = []
    for b in ordered.itertuples(index=False):
        day = b.effective_on.date()
        if day > end_day:
            continue
        added = int((view["batch"] == b.batch).sum())
        removed = int((view["revoked_by_batch"] == b.batch).fillna(False).sum())
        if added or removed:
            active = int((status_on_day(view, day) == "active").sum()) if len(view) else 0
            rows.append(
                (pd.Timestamp(day), int(b.batch), b.document_no, b.document_no_en, added, removed, active)
            )
    cols = ["date", "batch", "document_no", "document_no_en", "added", "removed", "zones"]
    return pd.DataFrame(rows, columns=cols).astype({"date": "datetime64[us]", "added": int, "removed": int})


def _step_label(row, lang: str) -> str:
    doc = row.document_no if i18n.norm_lang(lang) == "zh" else row.document_no_en
    change = " ".join(([f"+{row.added}"] if row.added else []) + ([f"−{row.removed}"] if row.removed else []))
    return f"{doc}  {change}"


def cumulative_chart(
    view: pd.DataFrame,
    batches: pd.DataFrame,
    lang: str,
    end_day: dt.date | None = None,
    since: dt.date | None = None,
) -> alt.LayerChart:
    """A step line of active zones by the replies' dates, each reply annotated with its document
    number and the zones it added (and revoked); comparing with `since`, the window (since, end] shaded."""
    t = i18n.Translator(lang)
    end_day = end_day or dt.date.today()
    events = cumulative_frame(view, batches, end_day)
    first = batches["effective_on"].min()
    start = pd.Timestamp(first.year, 1, 1)
    end = pd.Timestamp(end_day) + pd.Timedelta(days=120)
    last = int(events["zones"].iloc[-1]) if len(events) else 0
    line = pd.DataFrame(
        {"date": [start, *events["date"], pd.Timestamp(end_day)], "zones": [0, *events["zones"], last]}
    )
    events = events.assign(
        label=[_step_label(r, lang) for r in events.itertuples(index=False)],
        batch_label=[batch_label(b, lang) for b in events["batch"]],
        document=events["document_no"] if i18n.norm_lang(lang) == "zh" else events["document_no_en"],
        day=events["date"].dt.strftime("%Y-%m-%d"),
        side=["right" if (d - start) / (end - start) < LEFT_ROOM else "left" for d in events["date"]],
    )
    x = alt.X(
        "date:T",
        title=t("ch_date_axis"),
        scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
        axis=alt.Axis(format="%Y", tickCount="year"),
    )
    y = alt.Y("zones:Q", title=t("ch_active_axis"), axis=alt.Axis(tickMinStep=1, format="d", tickCount=10))
    step = (
        alt.Chart(line).mark_line(interpolate="step-after", color="#3b3b3b", strokeWidth=2).encode(x=x, y=y)
    )
    tooltip = [
        alt.Tooltip("batch_label:N", title=t("tt_batch")),
        alt.Tooltip("document:N", title=t("tt_document")),
        alt.Tooltip("day:N", title=t("tt_approved")),
        alt.Tooltip("added:Q", title=t("ch_tt_added")),
        alt.Tooltip("removed:Q", title=t("ch_tt_removed")),
        alt.Tooltip("zones:Q", title=t("tt_zones")),
    ]
    points = (
        alt.Chart(events)
        .mark_point(filled=True, size=70, opacity=1, stroke="white", strokeWidth=1)
        .encode(x=x, y=y, color=_colour(events["batch"], lang), tooltip=tooltip)
    )
    # Each label twice: a white halo, then the ink, so that a label crossing the line stays readable.
    labels = []
    for side, align, baseline, dx, dy in (
        ("left", "right", "middle", -8, 0),
        ("right", "left", "bottom", 6, -6),
    ):
        base = alt.Chart(events[events["side"] == side]).encode(x=x, y=y, text="label:N")
        style: dict[str, Any] = {"align": align, "baseline": baseline, "dx": dx, "dy": dy, "fontSize": 11}
        labels += [
            base.mark_text(**style, stroke="white", strokeWidth=3),
            base.mark_text(**style, color="#222"),
        ]
    layers = [step, *labels, points]
    if since is not None:
        window = pd.DataFrame({"date": [pd.Timestamp(since)], "end": [pd.Timestamp(end_day)]})
        layers.insert(0, alt.Chart(window).mark_rect(color="#e69f00", opacity=0.15).encode(x=x, x2="end:T"))
    subtitle = _subtitle(t("ch_time_sub"), since, lang, "ch_window_band")
    return _finish(alt.layer(*layers), t("ch_time_title"), subtitle, lang, height=CHART_HEIGHT)


# Zones by economic region and by location -------------------------------------------------------


def category_counts(view: pd.DataFrame, kind: str, lang: str) -> pd.DataFrame:
    """Active zones per category of `kind` ('region' or 'location') and batch, categories in fixed order."""
    active = _active(view)
    codes = CATEGORIES[kind]
    counts = active.groupby([kind, "batch"]).size().rename("zones").reset_index()
    counts = counts[counts[kind].isin(codes)]
    counts["category"] = [i18n.label(kind, c, lang) for c in counts[kind]]
    counts["total"] = counts.groupby(kind)["zones"].transform("sum")
    counts["batch_label"] = [batch_label(b, lang) for b in counts["batch"]]
    counts["rank"] = counts[kind].map({c: i for i, c in enumerate(codes)})
    return counts.sort_values(["rank", "batch"]).drop(columns="rank").reset_index(drop=True)


def category_chart(view: pd.DataFrame, kind: str, lang: str, since: dt.date | None = None) -> alt.LayerChart:
    """Horizontal bars per economic region or location class, stacked by batch (comparing with `since`:
    the batches designated after it in full colour)."""
    t = i18n.Translator(lang)
    frame, opacity = _window(category_counts(view, kind, lang), view, since)
    order = [i18n.label(kind, c, lang) for c in CATEGORIES[kind]]
    axis_title = t("f_region") if kind == "region" else t("f_location")
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                "zones:Q", title=t("ch_zones_axis"), axis=alt.Axis(tickMinStep=1, format="d", tickCount=10)
            ),
            y=alt.Y("category:N", sort=order, scale=alt.Scale(domain=order), title=axis_title),
            color=_colour(frame["batch"], lang),
            opacity=opacity,
            order=alt.Order("batch:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("category:N", title=axis_title),
                alt.Tooltip("batch_label:N", title=t("tt_batch")),
                alt.Tooltip("zones:Q", title=t("ch_tt_batch_zones")),
                alt.Tooltip("total:Q", title=t("ch_tt_total")),
            ],
        )
    )
    title = t("ch_region_title") if kind == "region" else t("ch_location_title")
    subtitle = t("ch_region_sub") if kind == "region" else t("ch_location_sub")
    return _finish(bars, title, _subtitle(subtitle, since, lang), lang, height=len(order) * 34)
