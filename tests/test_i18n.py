"""Every user-facing string has both languages, and every string in geo/i18n.py is used by the code."""

from __future__ import annotations

import re

from geo import i18n
from geo.paths import ROOT

CODE = "".join(
    p.read_text(encoding="utf-8")
    for folder in ("geo", "views")
    for p in (ROOT / folder).rglob("*.py")
    if p.name != "i18n.py"
) + (ROOT / "app.py").read_text(encoding="utf-8")
# Prefixes of keys the code builds from a code, e.g. i18n.t(f"f_{name}", ...).
DYNAMIC = set(re.findall(r"""f["']([a-z_]+_)\{""", CODE))


def test_every_string_has_both_languages():
    for key, texts in i18n.STRINGS.items():
        assert set(texts) == {"en", "zh"}, key
        assert all(texts.values()), key
    for kind, values in i18n.VALUE_LABELS.items():
        for code, texts in values.items():
            assert set(texts) == {"en", "zh"}, (kind, code)


def test_every_string_is_used():
    unused = [
        key
        for key in i18n.STRINGS
        if f'"{key}"' not in CODE and f"'{key}'" not in CODE and not key.startswith(tuple(DYNAMIC))
    ]
    assert unused == []


def test_plural_forms_follow_the_count():
    assert i18n.plural("n_active", 1, "en") == "1 active zone"
    assert i18n.plural("n_active", 26, "en") == "26 active zones"
    assert i18n.plural("n_active", 1, "zh") == i18n.t("n_active", "zh", n=1)
