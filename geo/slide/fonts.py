"""Find a CJK font for server-side text (static maps) or raise a clear error saying how to install one."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

# Simplified-Chinese families first (their glyph shapes are the mainland standard), then other faces
# that still carry every Chinese character the dashboard writes.
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "PingFang SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
)
# Where Debian's fonts-noto-cjk and common packages put them, in case matplotlib's font cache predates
# the install.
KNOWN_FILES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
)
INSTALL_HINT = (
    "No CJK (Chinese) font was found, so Chinese text cannot be drawn on the static map. "
    "Install one, e.g. on Debian/Ubuntu: `apt-get install fonts-noto-cjk` "
    "(Fedora: `dnf install google-noto-sans-cjk-fonts`; macOS and Windows ship PingFang SC / "
    "Microsoft YaHei), then restart the app. Looked for: " + ", ".join(CJK_FAMILIES[:6]) + ", …"
)


class FontMissingError(RuntimeError):
    """No usable CJK font is installed."""


@dataclass(frozen=True)
class CjkFont:
    """A CJK font family matplotlib can use, and the file it comes from."""

    family: str
    path: str


def _installed_fonts() -> list[tuple[str, str]]:
    """(family, file) of every font matplotlib knows, after registering the known CJK files it missed."""
    from matplotlib import font_manager  # imported here: loading matplotlib costs start-up time

    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in KNOWN_FILES:
        if path not in known and Path(path).is_file():
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):
                continue
    return [(f.name, f.fname) for f in font_manager.fontManager.ttflist]


def find_cjk_font() -> CjkFont:
    """The preferred installed CJK family (see CJK_FAMILIES); raises FontMissingError with install help."""
    fonts = _installed_fonts()
    by_family: dict[str, str] = {}
    for family, path in fonts:
        if Path(path).is_file():
            by_family.setdefault(family, path)
    for family in CJK_FAMILIES:
        if family in by_family:
            return CjkFont(family, by_family[family])
    raise FontMissingError(INSTALL_HINT)


def cjk_font_available() -> bool:
    """A quick check (no matplotlib) that some CJK font is installed, for deciding what the page offers."""
    if any(Path(p).is_file() for p in KNOWN_FILES):
        return True
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=5
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(family in out for family in CJK_FAMILIES)
