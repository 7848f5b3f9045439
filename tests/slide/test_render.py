"""The slide-ready static map: pixel size, colours drawn, texts in both languages, inset, font errors."""

from __future__ import annotations

import io
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from PIL import Image

from geo import i18n, palette
from geo.slide import fonts
from geo.slide import render as staticmap
from geo.slide.render import SlideText


def _provinces() -> gpd.GeoDataFrame:
    """Six boxy 'provinces', with Hainan's islands reaching into the South China Sea, and Taiwan."""
    rows = [
        ("65", "新疆维吾尔自治区", "Xinjiang", shapely.box(75, 36, 95, 48)),
        ("11", "北京市", "Beijing", shapely.box(115.5, 39.5, 117.5, 41)),
        ("33", "浙江省", "Zhejiang", shapely.box(118, 27.5, 122, 31)),
        ("44", "广东省", "Guangdong", shapely.box(110, 21, 117, 25)),
        (
            "46",
            "海南省",
            "Hainan",
            shapely.MultiPolygon(
                [
                    shapely.box(108.6, 18.2, 111, 20.1),
                    shapely.box(111.5, 16, 112.5, 17),
                    shapely.box(113, 9, 115, 11),
                ]
            ),
        ),
        ("71", "台湾省", "Taiwan", shapely.box(120, 22, 122, 25.3)),
    ]
    return gpd.GeoDataFrame(
        {
            "province_code": [r[0] for r in rows],
            "adcode": [r[0] + "0000" for r in rows],
            "name_zh": [r[1] for r in rows],
            "name_en": [r[2] for r in rows],
            "not_applicable": [r[0] == "71" for r in rows],  # as Dataset.provinces has it
        },
        geometry=[r[3] for r in rows],
        crs=4326,
    )


def _batches() -> pd.DataFrame:
    years = [2015, 2016, 2018, 2019, 2020, 2022, 2022, 2025]
    return pd.DataFrame(
        {
            "batch": range(1, 9),
            "effective_on": pd.to_datetime([f"{y}-06-01" for y in years]),
            "document_no": [f"国函〔{y}〕{10 + i}号" for i, y in enumerate(years)],
        }
    )


def _view() -> pd.DataFrame:
    """Ten zones: one per batch (Zhejiang gets three active ones), one revoked in Hainan."""
    rows = [
        ("hangzhou", 1, "杭州市", "Hangzhou", "33", 120.16, 30.29, "active"),
        ("ningbo", 2, "宁波市", "Ningbo", "33", 121.55, 29.87, "active"),
        ("beijing", 3, "北京市", "Beijing", "11", 116.4, 39.9, "active"),
        ("wenzhou", 4, "温州市", "Wenzhou", "33", 120.7, 28.0, "active"),
        ("kashgar", 5, "喀什地区", "Kashgar", "65", 75.99, 39.47, "active"),
        ("guangzhou", 6, "广州市", "Guangzhou", "44", 113.26, 23.13, "active"),
        ("urumqi", 7, "乌鲁木齐市", "Urumqi", "65", 87.6, 43.8, "active"),
        ("shenzhen", 8, "深圳市", "Shenzhen", "44", 114.06, 22.54, "active"),
        ("haikou", 3, "海口市", "Haikou", "46", 110.33, 20.03, "revoked"),
    ]
    cols = ["zone_id", "batch", "name_zh", "name_en", "province_code", "lon", "lat", "status_asof"]
    return pd.DataFrame(rows, columns=cols)


def _maritime() -> gpd.GeoDataFrame:
    dashes = [
        shapely.LineString([(108.2, 6.0), (108.3, 7.1)]),
        shapely.LineString([(122.5, 23.5), (122.8, 24.6)]),
    ]
    return gpd.GeoDataFrame(geometry=dashes, crs=4326)


def text(lang="en", title=None, subtitle="a subtitle") -> SlideText:
    return SlideText(title or i18n.t("app_title", lang), subtitle, i18n.t("source_line", lang), lang)


def render(fmt="png", lang="en", view=None, maritime=None, **kw) -> bytes:
    """The fixture's view drawn in the markers style (province fills by count), unless `style` says."""
    view = _view() if view is None else view
    kw.setdefault("style", "markers")
    words = text(lang, kw.pop("title", None), kw.pop("subtitle", "a subtitle"))
    maritime = _maritime() if maritime is None else maritime
    return staticmap.render_static_map(view, _provinces(), maritime, _batches(), words, fmt, **kw)


def render_svg(lang="en", **kw) -> str:
    return render("svg", lang, **kw).decode("utf-8")


@pytest.fixture(scope="module")
def png_bytes() -> bytes:
    return render("png")


@pytest.fixture(scope="module")
def png_default(png_bytes) -> Image.Image:
    return Image.open(io.BytesIO(png_bytes)).convert("RGB")


@pytest.fixture(scope="module")
def svgs() -> dict[str, str]:
    return {lang: render_svg(lang) for lang in ("en", "zh")}


@pytest.fixture(params=["en", "zh"])
def svg(request, svgs) -> tuple[str, str]:
    return request.param, svgs[request.param]


def _colours(img: Image.Image, box=None) -> set[tuple[int, int, int]]:
    # Each pixel packed into one integer: np.unique on a flat array, not on rows (axis=0 sorts 1.6 million
    # rows lexicographically, seconds per image).
    arr = np.asarray(img.crop(box) if box else img).reshape(-1, 3).astype(np.uint32)
    packed = np.unique((arr[:, 0] << 16) | (arr[:, 1] << 8) | arr[:, 2])
    return {(int(v >> 16), int(v >> 8 & 0xFF), int(v & 0xFF)) for v in packed}


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(palette.rgba(hex_colour)[:3])


# --- PNG -----------------------------------------------------------------------------------------------


def test_png_has_the_requested_pixel_size(png_default):
    assert png_default.size == (1600, 1000)
    small = Image.open(io.BytesIO(render("png", size=(960, 540))))
    assert small.size == (960, 540)
    assert small.format == "PNG"


def test_png_is_not_blank(png_default):
    assert len(_colours(png_default)) > 200
    # Some ink in each band: title, map, source line.
    arr = np.asarray(png_default)
    for top, bottom in ((0, 80), (150, 850), (960, 1000)):
        assert (arr[top:bottom] < 128).any(), (top, bottom)


def test_png_map_shows_every_batch_colour_and_the_province_fills(png_default):
    map_part = _colours(png_default, (0, 90, 1150, 970))  # left of the legend column
    for batch in range(1, 9):
        assert _rgb(palette.batch_colour(batch)) in map_part, batch
    # Zhejiang has three active zones, Guangdong and Xinjiang two, Beijing one; Hainan's is revoked.
    for count in (3, 2, 1, 0):
        assert _rgb(palette.fill_colour(count)) in map_part, count


def test_png_legend_shows_the_batch_colours(png_default):
    legend = _colours(png_default, (1200, 90, 1600, 970))
    for batch in range(1, 9):
        assert _rgb(palette.batch_colour(batch)) in legend, batch


def test_filtered_view_shows_only_its_batches():
    view = _view()
    img = Image.open(io.BytesIO(render("png", view=view[view.batch == 6]))).convert("RGB")
    colours = _colours(img)
    assert _rgb(palette.batch_colour(6)) in colours
    assert _rgb(palette.batch_colour(2)) not in colours  # orange: nothing else on the map uses it


def test_output_is_deterministic(png_bytes, svgs):
    assert render("png") == png_bytes
    assert render_svg("zh") == svgs["zh"]


def test_a_changed_boundary_frame_is_drawn_anew():
    provinces = _provinces()
    args = (_view(), provinces, _maritime(), _batches(), text(), "png")
    first = staticmap.render_static_map(*args)
    assert staticmap.render_static_map(*args) == first
    provinces.loc[provinces.province_code == "65", "geometry"] = shapely.box(80, 38, 90, 45)  # in place
    assert staticmap.render_static_map(*args) != first


def test_rejects_a_bad_format_or_size():
    with pytest.raises(ValueError, match="fmt"):
        render("jpeg")
    with pytest.raises(ValueError, match="size"):
        render("png", size=(100, 80))


# --- SVG -----------------------------------------------------------------------------------------------


def _texts(svg_text: str) -> list[str]:
    return [re.sub(r"&amp;", "&", t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg_text)]


def test_svg_keeps_title_and_legend_as_text(svg):
    lang, text = svg
    texts = _texts(text)
    assert "<metadata" in text and "<dc:date>" not in text  # no timestamp
    for key in ("app_title", "legend_fill", "legend_batch", "key_revoked", "legend_na"):
        assert i18n.t(key, lang) in texts, key
    assert i18n.t("batch_n", lang, n=6) + " · 2022 · 国函〔2022〕15号" in texts
    assert any(i18n.t("source_line", lang) in t for t in texts)
    scs = i18n.t("sm_scs_islands", lang)
    assert scs in texts or scs.split()[0] in " ".join(texts)
    other = "zh" if lang == "en" else "en"
    assert i18n.t("legend_fill", other) not in text


def test_svg_has_the_requested_size_in_pixels():
    head = render_svg("en", size=(1280, 720))[:400]
    assert 'width="1280" height="720" viewBox="0 0 921.6 518.4"' in head


def test_svg_names_the_zones_in_the_chosen_language(svg):
    lang, text = svg
    texts = _texts(text)
    assert ("杭州市" if lang == "zh" else "Hangzhou") in texts  # the fixture has no level: names as given
    assert ("Hangzhou" if lang == "zh" else "杭州市") not in texts


def test_svg_asks_for_a_cjk_font_with_fallbacks(svg):
    _lang, text = svg
    family = fonts.find_cjk_font().family
    assert f"font-family: '{family}', " in text
    assert "'Microsoft YaHei', sans-serif" in text


def test_svg_subtitle_is_drawn_as_given():
    texts = _texts(render_svg("zh", subtitle="广东 · 第6批（国函〔2022〕8号）"))
    assert "广东 · 第6批（国函〔2022〕8号）" in texts


def test_svg_custom_title():
    texts = _texts(render_svg("en", title="Batch 6 zones"))
    assert "Batch 6 zones" in texts
    assert i18n.t("app_title", "en") not in texts


def test_revoked_legend_only_when_shown():
    view = _view()
    texts = _texts(render_svg("en", view=view[view.status_asof == "active"]))
    assert i18n.t("key_revoked", "en") not in texts


def test_an_empty_view_still_draws_the_country():
    view = _view().iloc[0:0]
    texts = _texts(render_svg("en", view=view))
    assert i18n.t("legend_batch", "en") not in texts
    img = Image.open(io.BytesIO(render("png", view=view))).convert("RGB")
    assert _rgb(palette.fill_colour(0)) in _colours(img)


def test_labels_can_be_turned_off():
    assert "Hangzhou" not in _texts(render_svg("en", labels=False))


def _text_positions(svg_text: str) -> dict[str, tuple[float, float]]:
    out = {}
    for attrs, body in re.findall(r"<text([^>]*)>([^<]*)</text>", svg_text):
        m = re.search(r'x="([\d.]+)" y="([\d.]+)"', attrs) or re.search(
            r"translate\(([\d.]+) ([\d.]+)\)", attrs
        )
        out[body] = (float(m.group(1)), float(m.group(2)))
    return out


@pytest.mark.parametrize("size", [(1600, 1000), (1000, 1000), (1920, 1080)])
def test_inset_is_in_the_lower_right_of_the_map(size):
    text = render_svg("zh", size=size, labels=False)
    pos = _text_positions(text)
    width_pt, height_pt = size[0] * 0.72, size[1] * 0.72
    x, y = pos["南海诸岛"]
    legend_x, legend_y = pos[i18n.t("legend_fill", "zh")]
    assert x > 0.5 * width_pt
    assert y > 0.5 * height_pt  # SVG y grows downwards
    assert x < legend_x or y < legend_y  # left of the legend column, or above the legend row


def test_legend_goes_under_the_map_on_square_figures():
    pos = _text_positions(render_svg("en", size=(1000, 1000), labels=False))
    x, y = pos[i18n.t("legend_batch", "en")]  # the zones first, the province fills beside them
    assert x < 100 and y > 0.6 * 720
    assert pos[i18n.t("legend_fill", "en")][1] > 0.6 * 720
    pos = _text_positions(render_svg("en", size=(1600, 1000), labels=False))
    x, y = pos[i18n.t("legend_batch", "en")]
    assert x > 0.6 * 1152 and y < 0.3 * 720
    assert pos[i18n.t("legend_fill", "en")][0] == x


# --- fonts ---------------------------------------------------------------------------------------------


def test_finds_an_installed_cjk_font():
    font = fonts.find_cjk_font()
    assert font.family in fonts.CJK_FAMILIES
    assert Path(font.path).is_file()


def test_missing_cjk_font_gives_a_clear_error(monkeypatch):
    monkeypatch.setattr(fonts, "_installed_fonts", lambda: [("DejaVu Sans", "/usr/share/fonts/dejavu.ttf")])
    with pytest.raises(fonts.FontMissingError, match=r"apt-get install fonts-noto-cjk"):
        render("png")


def test_prefers_simplified_chinese_faces(monkeypatch):
    here = __file__
    monkeypatch.setattr(
        fonts, "_installed_fonts", lambda: [("Noto Sans CJK JP", here), ("Noto Sans CJK SC", here)]
    )
    assert fonts.find_cjk_font().family == "Noto Sans CJK SC"


# --- the ten-dash line and real boundaries --------------------------------------------------------------


def test_renders_without_a_ten_dash_line():
    empty = gpd.GeoDataFrame(geometry=[], crs=4326)
    assert Image.open(io.BytesIO(render("png", maritime=empty))).size == (1600, 1000)


def test_renders_the_real_registry_in_both_formats(data):
    from geo.filters import Filters

    reg, view, provinces = data.registry, data.view(Filters()), data.provinces
    png = staticmap.render_static_map(
        view, provinces, data.maritime, reg.batches, text("zh"), "png", areas=data.outlines.fine
    )
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size == (1600, 1000)
    map_part = _colours(img, (0, 90, 1150, 970))
    for batch in sorted(view["batch"].unique()):
        assert _rgb(palette.batch_colour(batch)) in map_part, batch
    svg_text = staticmap.render_static_map(
        view, provinces, data.maritime, reg.batches, text(), "svg"
    ).decode()
    assert i18n.t("app_title", "en") in svg_text
