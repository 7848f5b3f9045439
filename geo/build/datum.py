"""Vectorised conversion between the GCJ-02 ("Mars") datum used by Amap and WGS-84."""

from __future__ import annotations

import numpy as np
import shapely

# Constants of the published GCJ-02 obfuscation (Krasovsky 1940 ellipsoid), as used by
# eviltransform (googollee/eviltransform, MIT) and coordTransform (PyPI, MIT).
_A = 6378245.0
_EE = 0.00669342162296594323

# The original (wide) "out of China" rectangle from eviltransform. coordTransform uses a tighter box
# (73.66-135.05 E, 3.86-53.55 N) that leaves parts of China's own outline unshifted (the Pamir tip,
# Mohe, Heixiazi island, Zengmu Ansha), so it is not used here.
CHINA_BOX = (72.004, 0.8293, 137.8347, 55.8271)  # min_lng, min_lat, max_lng, max_lat

INVERSE_ITERATIONS = 4


def in_china(lng: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Boolean mask of points inside the rectangle where GCJ-02 applies an offset."""
    lng = np.asarray(lng, dtype=float)
    lat = np.asarray(lat, dtype=float)
    x0, y0, x1, y1 = CHINA_BOX
    return (lng >= x0) & (lng <= x1) & (lat >= y0) & (lat <= y1)


def _delta(lng: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GCJ-02 offset (d_lng, d_lat) in degrees at WGS-84 point(s) (lng, lat), ignoring the box."""
    x = lng - 105.0
    y = lat - 35.0
    x_pi = x * np.pi
    y_pi = y * np.pi
    sqrt_abs_x = np.sqrt(np.abs(x))
    d = 20.0 * np.sin(6.0 * x_pi) + 20.0 * np.sin(2.0 * x_pi)
    t_lat = d + 20.0 * np.sin(y_pi) + 40.0 * np.sin(y_pi / 3.0)
    t_lng = d + 20.0 * np.sin(x_pi) + 40.0 * np.sin(x_pi / 3.0)
    t_lat = t_lat + 160.0 * np.sin(y_pi / 12.0) + 320.0 * np.sin(y_pi / 30.0)
    t_lng = t_lng + 150.0 * np.sin(x_pi / 12.0) + 300.0 * np.sin(x_pi / 30.0)
    t_lat = t_lat * 2.0 / 3.0 + (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt_abs_x)
    t_lng = t_lng * 2.0 / 3.0 + (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt_abs_x)
    rad_lat = lat / 180.0 * np.pi
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    d_lat = (t_lat * 180.0) / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    d_lng = (t_lng * 180.0) / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return d_lng, d_lat


def wgs84_to_gcj02(lng, lat) -> tuple[np.ndarray, np.ndarray]:
    """Forward transform WGS-84 -> GCJ-02 of array(s) of (lng, lat); points outside China are unchanged."""
    lng = np.asarray(lng, dtype=float)
    lat = np.asarray(lat, dtype=float)
    d_lng, d_lat = _delta(lng, lat)
    inside = in_china(lng, lat)
    return np.where(inside, lng + d_lng, lng), np.where(inside, lat + d_lat, lat)


def gcj02_to_wgs84(lng, lat, iterations: int = INVERSE_ITERATIONS) -> tuple[np.ndarray, np.ndarray]:
    """Inverse transform GCJ-02 -> WGS-84 by fixed-point iteration (error far below a millimetre).

    Starts from the usual one-step approximation w = g - delta(g) (1-2 m error) and refines with
    w <- w + (g - forward(w)); the offset field is smooth, so each step gains several digits. A fixed
    number of iterations keeps the result deterministic. Points outside China are unchanged.
    """
    g_lng = np.asarray(lng, dtype=float)
    g_lat = np.asarray(lat, dtype=float)
    inside = in_china(g_lng, g_lat)
    d_lng, d_lat = _delta(g_lng, g_lat)
    w_lng, w_lat = g_lng - d_lng, g_lat - d_lat
    for _ in range(iterations):
        d_lng, d_lat = _delta(w_lng, w_lat)
        w_lng = w_lng + (g_lng - (w_lng + d_lng))
        w_lat = w_lat + (g_lat - (w_lat + d_lat))
    return np.where(inside, w_lng, g_lng), np.where(inside, w_lat, g_lat)


def _gcj02_to_wgs84_xy(coords: np.ndarray) -> np.ndarray:
    """shapely.transform callback: (n, 2) GCJ-02 array -> (n, 2) WGS-84 array."""
    lng, lat = gcj02_to_wgs84(coords[:, 0], coords[:, 1])
    return np.column_stack([lng, lat])


def geometry_gcj02_to_wgs84(geometry):
    """Convert every coordinate of a shapely geometry (or array of geometries) from GCJ-02 to WGS-84."""
    return shapely.transform(geometry, _gcj02_to_wgs84_xy)


def distance_m(lng1, lat1, lng2, lat2) -> np.ndarray:
    """Great-circle distance in metres (spherical, R = 6371 km) between arrays of points."""
    lng1, lat1, lng2, lat2 = (np.radians(np.asarray(v, dtype=float)) for v in (lng1, lat1, lng2, lat2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lng2 - lng1) / 2) ** 2
    return 2 * 6371000.0 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
