"""The Thai font shipped with lessonkit: Sarabun (SIL Open Font License 1.1, ``OFL.txt``).

Regular and bold, each as the Thai and the Latin subset of the `@fontsource/sarabun` package
(WOFF2): 42,672 bytes on disk, 56,904 bytes once base64-encoded into an HTML page. The HTML
report embeds them, so the book looks the same on a machine without any Thai font.

Sarabun draws Thai larger than TH SarabunPSK at the same size (ก is 0.586 em tall against
about 0.40 em), so the face is declared with ``size-adjust: 68%``: 16 pt Sarabun then
looks like the 16 pt TH SarabunPSK of a government document.
"""

from __future__ import annotations

import base64
import functools
from importlib import resources

__all__ = ["FAMILY", "SIZE_ADJUST", "font_face_css", "font_files"]

#: the family name of the embedded face (not "Sarabun", so an installed Sarabun without
#: the size adjustment never takes its place)
FAMILY = "lessonkit Sarabun"
SIZE_ADJUST = "68%"
_FILES = {
    (400, "thai"): "sarabun-thai-400-normal.woff2",
    (700, "thai"): "sarabun-thai-700-normal.woff2",
    (400, "latin"): "sarabun-latin-400-normal.woff2",
    (700, "latin"): "sarabun-latin-700-normal.woff2",
}
_RANGES = {
    "thai": "U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC",
    "latin": "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,"
             "U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
}


def font_files() -> dict[str, bytes]:
    """The shipped font files by name."""
    folder = resources.files("lessonkit") / "fonts"
    return {name: (folder / name).read_bytes() for name in _FILES.values()}


@functools.cache
def font_face_css() -> str:
    """``@font-face`` rules with the fonts inlined as ``data:`` URLs."""
    files = font_files()
    rules = []
    for (weight, subset), name in _FILES.items():
        data = base64.b64encode(files[name]).decode("ascii")
        rules.append(
            f"@font-face {{ font-family: '{FAMILY}'; font-style: normal; font-weight: {weight}; "
            f"font-display: block; size-adjust: {SIZE_ADJUST}; "
            f"unicode-range: {_RANGES[subset]}; "
            f"src: url(data:font/woff2;base64,{data}) format('woff2'); }}")
    return "\n".join(rules)
