"""A published staggered-DiD estimator reads the panel: a planted effect on a synthetic outcome comes back."""

from __future__ import annotations

import datetime as dt

import numpy as np

from geo import panel

EFFECT = 2.0


def test_callaway_santanna_recovers_a_planted_effect(data):
    # Imported here, not at collection: it takes seconds, and only the worker running this test needs it.
    from differences import ATTgt  # requirements-dev.txt pins it

    frame = panel.panel(data, "approval", "year", 2010, 2026, today=dt.date(2026, 12, 3))
    frame = frame[frame["gvar"].notna()].copy()  # blank gvar: the known days do not settle it
    rng = np.random.default_rng(22)
    units = frame["unit_code"].unique()
    level = dict(zip(units, rng.normal(0, 1, len(units)), strict=True))
    # The outcome: a unit level, a common trend, noise, and the effect wherever the panel says treated.
    frame["y"] = (
        frame["unit_code"].map(level)
        + 0.3 * (frame["year"] - 2010)
        + rng.normal(0, 0.2, len(frame))
        + EFFECT * frame["treated"].astype(float)
    )
    frame["cohort"] = frame["gvar"].where(frame["gvar"] > 0).astype(float)  # NaN: never treated
    frame["id"] = frame["unit_code"].astype(int)
    att = ATTgt(data=frame.set_index(["id", "year"])[["y", "cohort"]], cohort_column="cohort")
    att.fit(formula="y", progress_bar=False)
    overall = float(att.aggregate("simple").iloc[0, 0])
    print(f"recovered ATT: {overall:.3f} (planted {EFFECT})")
    assert abs(overall - EFFECT) < 0.1
