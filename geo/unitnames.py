"""English names of prefecture-level units: the registry's where a zone is the unit, else Hanyu Pinyin."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

# What the name's last characters say, and its English form (a city's name stands alone).
SUFFIXES = (
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("地区", "Prefecture"),
    ("林区", "Forestry District"),
    ("盟", "League"),
    ("县", "County"),
    ("市", ""),
)
# Ethnic designations in autonomous names (延边朝鲜族自治州): the romanised form keeps the place name only.
_ETHNIC = re.compile(
    "(朝鲜|蒙古|藏|羌|彝|回|哈萨克|柯尔克孜|傣|景颇|哈尼|壮|苗|侗|布依|土家|白|傈僳|黎)族?"
    "((朝鲜|蒙古|藏|羌|彝|回|哈萨克|柯尔克孜|傣|景颇|哈尼|壮|苗|侗|布依|土家|白|傈僳|黎)族?)*$"
)
# Place names pypinyin reads otherwise out of context (长 zhǎng, 朝 zhāo, 漯 tà, 都 dōu, 勒 lēi).
READINGS = {
    "长治": "Changzhi",
    "朝阳": "Chaoyang",
    "漯河": "Luohe",
    "昌都": "Changdu",
    "锡林郭勒": "Xilinguole",
    "克孜勒苏": "Kezilesu",
    "阿勒泰": "Aletai",
}


def split_name(name_zh: str) -> tuple[str, str]:
    """(place name, English word of its suffix): 延边朝鲜族自治州 -> ('延边', 'Autonomous Prefecture')."""
    for suffix, word in SUFFIXES:
        if name_zh.endswith(suffix) and len(name_zh) > len(suffix):
            place = name_zh[: -len(suffix)]
            if suffix.startswith("自治"):
                place = _ETHNIC.sub("", place) or place
            return place, word
    return name_zh, ""


def romanise(place: str) -> str:
    """Hanyu Pinyin without tones, syllables joined, an apostrophe before a syllable starting with a vowel:
    西安 -> Xi'an, 吕梁 -> Lüliang."""
    if place in READINGS:
        return READINGS[place]
    syllables = lazy_pinyin(place, v_to_u=True)
    text = syllables[0] + "".join(("'" + s if s[:1] in "aoe" else s) for s in syllables[1:])
    return text[:1].upper() + text[1:]


def english_name(name_zh: str) -> str:
    """The romanised English form of a unit's name: 朝阳市 -> Chaoyang, 阿里地区 -> Ali Prefecture."""
    place, word = split_name(name_zh)
    return " ".join(x for x in (romanise(place), word) if x)
