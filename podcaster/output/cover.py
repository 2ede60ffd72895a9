"""Generated square cover art: a calm gradient, a quiet motif, the title large.

Colours come from a hash of the title, so each episode looks different and the
same title always gives the same bytes.
"""

from __future__ import annotations

import colorsys
import hashlib
import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

MIN_SIZE = 1400
TEXT = (250, 248, 242)
MUTED = (225, 222, 212)


def make_cover(title: str, subtitle: str = "", show: str = "", size: int = MIN_SIZE) -> bytes:
    """Return JPEG bytes of a square cover at least 1400×1400 with ``title`` on it."""
    size = max(int(size), MIN_SIZE)
    seed = hashlib.sha256(title.encode("utf-8")).digest()
    image = _background(seed, size)
    draw = ImageDraw.Draw(image)
    margin = size // 10
    if show.strip():
        _draw_show(draw, show, margin, size)
    bottom = _draw_title(draw, title, margin, size)
    if subtitle.strip():
        _draw_subtitle(draw, subtitle, margin, bottom, size)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()


def _palette(seed: bytes) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    """Two gradient ends and a motif colour, muted, from the hash bytes."""
    hue = seed[0] / 255
    shift = 0.06 + seed[1] / 255 * 0.12
    top = _rgb(hue, 0.30, 0.38)
    bottom = _rgb((hue + shift) % 1, 0.16, 0.42)
    motif = _rgb((hue + 0.5) % 1, 0.55, 0.30)
    return top, bottom, motif


def _rgb(hue: float, lightness: float, saturation: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return round(r * 255), round(g * 255), round(b * 255)


def _background(seed: bytes, size: int) -> Image.Image:
    """A diagonal two-colour gradient with translucent concentric rings."""
    top, bottom, motif = _palette(seed)
    steps = np.arange(size, dtype=np.uint32)  # small integer arrays: a cover costs little memory
    ramp = (np.add.outer(steps, steps) * 255 // (2 * (size - 1))).astype(np.uint8)
    image = Image.composite(Image.new("RGB", (size, size), bottom), Image.new("RGB", (size, size), top),
                            Image.fromarray(ramp, "L")).convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    cx = size * (0.55 + seed[2] / 255 * 0.4)
    cy = size * (0.05 + seed[3] / 255 * 0.35)
    step = size * (0.05 + seed[4] / 255 * 0.04)
    width = max(2, size // 350)
    for ring in range(1, 9):
        r = ring * step
        alpha = 70 - ring * 6
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*motif, alpha), width=width)
    return Image.alpha_composite(image, overlay).convert("RGB")


def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=px)


def _wrap(text: str, font, width: float) -> list[str]:
    """Greedy word wrap to ``width`` pixels; over-long words are cut by characters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width and len(line) > 1:
            cut = _longest_prefix(line, font, width)
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _longest_prefix(word: str, font, width: float) -> int:
    cut = len(word) - 1
    while cut > 1 and font.getlength(word[:cut]) > width:
        cut -= 1
    return cut


def _fit(text: str, width: float, height: float, largest: int, smallest: int):
    """The largest font (and its lines) whose wrapped block fits width × height."""
    px = largest
    while True:
        font = _font(px)
        lines = _wrap(text, font, width)
        if _line_height(px) * len(lines) <= height or px <= smallest:
            return font, px, lines
        px = max(smallest, int(px * 0.92))


def _line_height(px: int) -> int:
    return round(px * 1.2)


def _clip(lines: list[str], font, width: float, max_lines: int) -> list[str]:
    """At most ``max_lines`` lines, an ellipsis marking anything dropped."""
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def _draw_show(draw: ImageDraw.ImageDraw, show: str, margin: int, size: int) -> None:
    px = size // 30
    font = _font(px)
    line = _clip(_wrap(" ".join(show.split()).upper(), font, size - 2 * margin), font, size - 2 * margin, 1)
    draw.text((margin, margin), line[0], font=font, fill=MUTED)


def title_layout(title: str, size: int = MIN_SIZE):
    """The font, its pixel size and the wrapped lines used for ``title`` on a cover."""
    margin = size // 10
    width = size - 2 * margin
    area_height = int(size * 0.52)
    text = " ".join(title.split()) or "Untitled"
    font, px, lines = _fit(text, width, area_height, size // 9, size // 48)
    return font, px, _clip(lines, font, width, max(1, area_height // _line_height(px)))


def _draw_title(draw: ImageDraw.ImageDraw, title: str, margin: int, size: int) -> int:
    """Draw the title in the middle band; return the y just below it."""
    font, px, lines = title_layout(title, size)
    area_top, area_height = int(size * 0.22), int(size * 0.52)
    y = area_top + (area_height - _line_height(px) * len(lines)) // 2
    for line in lines:
        draw.text((margin, y), line, font=font, fill=TEXT)
        y += _line_height(px)
    return y


def _draw_subtitle(draw: ImageDraw.ImageDraw, subtitle: str, margin: int, top: int, size: int) -> None:
    px = size // 28
    font = _font(px)
    width = size - 2 * margin
    room = max(1, (size - margin - top - px) // _line_height(px))
    lines = _clip(_wrap(" ".join(subtitle.split()), font, width), font, width, min(3, room))
    y = top + px
    for line in lines:
        draw.text((margin, y), line, font=font, fill=MUTED)
        y += _line_height(px)
