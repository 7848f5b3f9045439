"""Slide texts are drawn as written: no mathtext from '$', no control characters, always well-formed SVG."""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from tests.slide.test_render import _view, render, render_svg

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = {
    "hangzhou": "Hang$zhou$",
    "ningbo": "$\\frac{$",
    "beijing": "Bei\x00jing\x07",
    "wenzhou": "Wen\nzhou\x1b[31m",
    "guangzhou": "<Guang&zhou>]]>",
    "shenzhen": "Shen\ufffezhen\x85",
}


def hostile_view():
    view = _view()
    view["name_en"] = [HOSTILE.get(z, n) for z, n in zip(view["zone_id"], view["name_en"], strict=True)]
    return view


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.fixture(scope="module")
def hostile_svg() -> str:
    return render_svg("en", view=hostile_view(), title="Zones $x^2$ \x00", subtitle="Batch $6$ · \x0b<b>")


def test_the_svg_of_hostile_names_is_well_formed_xml(hostile_svg):
    texts = svg_texts(hostile_svg)
    assert texts
    assert not any(ch in hostile_svg for ch in "\x00\x07\x0b\x1b\ufffe")


def test_dollar_signs_are_drawn_literally(hostile_svg):
    texts = svg_texts(hostile_svg)
    assert "Hang$zhou$" in texts  # mathtext would have dropped the dollars and set 'zhou' in italics
    assert "$\\frac{$" in texts  # mathtext would have raised
    assert "Zones $x^2$ " in texts and "Batch $6$ · <b>" in texts


def test_control_characters_are_removed_and_line_breaks_become_spaces(hostile_svg):
    texts = svg_texts(hostile_svg)
    assert "Beijing" in texts and "Wen zhou[31m" in texts and "Shenzhen" in texts
    assert "<Guang&zhou>]]>" in texts  # escaped by the SVG writer, read back as written


def test_hostile_names_render_as_png_too():
    png = render("png", view=hostile_view(), title="$\\frac{$", subtitle="\x00")
    assert Image.open(io.BytesIO(png)).size == (1600, 1000)


DOLLAR_MATH = "$x^2$"
BROKEN_DOLLAR_MATH = r"$\undefinedcommand{$"


def test_dollar_signs_in_the_subtitle_and_names_are_drawn_as_typed():
    view = _view()
    view.loc[view.zone_id == "beijing", "name_en"] = f"Beijing {DOLLAR_MATH}"
    svg = html.unescape(
        render_svg(subtitle=f"Search: {DOLLAR_MATH} {BROKEN_DOLLAR_MATH}", view=view, labels=True)
    )
    assert f"Search: {DOLLAR_MATH} {BROKEN_DOLLAR_MATH}" in svg  # not x², and no parse error either
    assert f"Beijing {DOLLAR_MATH}" in svg
