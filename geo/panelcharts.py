"""Research charts: cohort sizes per convention; days from a reply's approval to each zone's plan (pure)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from geo import i18n
from geo.charts import CHART_HEIGHT, _colour, _finish, batch_label
from geo.treatment import CONVENTIONS

UNKNOWN = "?"  # the cohort of units whose first year the known days do not settle


def cohort_frame(cohorts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """geo.panel.cohort_sizes with the year as text ('Unknown' when blank) and the convention's label."""
    out = cohorts.copy()
    unknown = i18n.t("rs_cohort_unknown", lang)
    out["year_label"] = [unknown if pd.isna(y) else str(int(y)) for y in out["year"]]
    out["convention_label"] = [i18n.t(f"rs_conv_{c}", lang) for c in out["convention"]]
    return out


def cohort_chart(cohorts: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Bars of units first treated per year, the conventions side by side (the last bar: year unknown)."""
    t = i18n.Translator(lang)
    frame = cohort_frame(cohorts, lang)
    years = sorted({str(int(y)) for y in frame["year"].dropna()})
    order = years + ([t("rs_cohort_unknown")] if frame["year"].isna().any() else [])
    labels = [t(f"rs_conv_{c}") for c in CONVENTIONS]
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("year_label:N", sort=order, title=t("rs_axis_year"), axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("convention_label:N", sort=labels),
            y=alt.Y("units:Q", title=t("rs_axis_units"), axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "convention_label:N",
                sort=labels,
                title=t("f_convention"),
                scale=alt.Scale(domain=labels, range=["#0072B2", "#E69F00", "#009E73"]),
                legend=alt.Legend(orient="top", direction="horizontal", titleOrient="left"),
            ),
            tooltip=[
                alt.Tooltip("convention_label:N", title=t("f_convention")),
                alt.Tooltip("year_label:N", title=t("rs_axis_year")),
                alt.Tooltip("units:Q", title=t("rs_axis_units")),
            ],
        )
    )
    return _finish(bars, t("rs_cohorts_title"), t("rs_cohorts_sub"), lang, height=CHART_HEIGHT)


def plan_lags(view: pd.DataFrame, plans: pd.DataFrame) -> pd.DataFrame:
    """Per zone of `view` with a plan dated (issued_on) and a known approval day: the days between, by batch.
    A zone with no plan, an undated plan or an unknown approval day is left out (never guessed)."""
    dated = plans.dropna(subset=["issued_on"]).set_index("zone_id")["issued_on"]
    out = view[view["zone_id"].isin(dated.index) & view["approved_on"].notna()].copy()
    out["plan_on"] = out["zone_id"].map(dated)
    out["days"] = (out["plan_on"] - out["approved_on"]).dt.days.astype(int)
    cols = ["zone_id", "name_zh", "name_en", "batch", "approved_on", "plan_on", "days"]
    return out[cols].sort_values(["batch", "days", "zone_id"]).reset_index(drop=True)


def plan_lag_chart(view: pd.DataFrame, plans: pd.DataFrame, lang: str) -> alt.LayerChart:
    """One dot per zone: days from its reply's approval to its plan, a row per batch; hover for the zone."""
    t = i18n.Translator(lang)
    frame = plan_lags(view, plans)
    frame["zone"] = frame["name_zh"] if i18n.norm_lang(lang) == "zh" else frame["name_en"]
    frame["batch_label"] = [batch_label(b, lang) for b in frame["batch"]]
    for col in ("approved_on", "plan_on"):
        frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    frame["jitter"] = (frame.groupby("batch").cumcount() % 5 - 2) * 4  # spread dots of equal days
    order = [batch_label(b, lang) for b in sorted(set(frame["batch"]))]
    dots = (
        alt.Chart(frame)
        .mark_circle(size=70, opacity=0.85, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("days:Q", title=t("ch_plan_axis"), scale=alt.Scale(zero=True)),
            y=alt.Y("batch_label:N", sort=order, title=t("tt_batch")),
            yOffset=alt.YOffset("jitter:Q"),
            color=_colour(frame["batch"], lang),
            tooltip=[
                alt.Tooltip("zone:N", title=t("tt_zones")),
                alt.Tooltip("batch_label:N", title=t("tt_batch")),
                alt.Tooltip("approved_on:N", title=t("tt_approved")),
                alt.Tooltip("plan_on:N", title=t("ch_tt_plan_day")),
                alt.Tooltip("days:Q", title=t("ch_tt_days")),
            ],
        )
    )
    return _finish(dots, t("ch_plan_title"), t("ch_plan_sub"), lang, height=max(len(order), 1) * 44)
