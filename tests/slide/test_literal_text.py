"""Text from the URL or the data is drawn literally on the slide map: no mathtext from `$…$`."""

from __future__ import annotations

import html

from tests.slide.test_render import _view, render_svg

MATH = "$x^2$"
BROKEN_MATH = r"$\undefinedcommand{$"


def test_dollar_signs_in_the_subtitle_and_names_are_drawn_as_typed():
    view = _view()
    view.loc[view.zone_id == "beijing", "name_en"] = f"Beijing {MATH}"
    svg = html.unescape(render_svg(subtitle=f"Search: {MATH} {BROKEN_MATH}", view=view, labels=True))
    assert f"Search: {MATH} {BROKEN_MATH}" in svg  # not x², and no parse error either
    assert f"Beijing {MATH}" in svg
