"""Pictures drawn on the server: share images and QR codes, for letters and motions alike."""

import io
from functools import cache as memoise
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = (1200, 630)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


type _Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@memoise
def _font(size: int, bold: bool = False) -> _Font:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)  # Pillow's own font, when DejaVu is not installed


MARGIN = 80
TEXT_WIDTH = IMAGE_SIZE[0] - MARGIN - 60  # the right margin stays clear


def _lines(draw: ImageDraw.ImageDraw, text: str, font: _Font, width: int) -> list[str]:
    """Words wrapped to `width` pixels; a word longer than a line is broken where it must."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if draw.textlength(line + char, font=font) > width and line:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    return lines


def _fit(draw: ImageDraw.ImageDraw, text: str, font: _Font, width: int, most: int) -> list[str]:
    """At most `most` wrapped lines, the last ending in … if the text was longer."""
    lines = _lines(draw, text, font, width)
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and draw.textlength(last + " …", font=font) > width:
        last = last[:-1]
    return [*lines[: most - 1], last.rstrip() + " …"]


def render_share_image(
    title: str, organisation: str, label: str, accent: str, address: str
) -> bytes:
    width, height = IMAGE_SIZE
    image = Image.new("RGB", IMAGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, height), fill=accent)
    org_font = _font(30, bold=True)
    (org_line,) = _fit(draw, organisation.upper(), org_font, TEXT_WIDTH, 1)
    draw.text((MARGIN, 60), org_line, font=org_font, fill="#4d5560")
    title_font = _font(64, bold=True)
    lines = _lines(draw, title, title_font, TEXT_WIDTH)
    if len(lines) > 3:
        title_font = _font(52, bold=True)
        lines = _fit(draw, title, title_font, TEXT_WIDTH, 4)
    y = 120
    for line in lines:
        draw.text((MARGIN, y), line, font=title_font, fill="#1b1f24")
        y += int(title_font.size) + 14 if isinstance(title_font, ImageFont.FreeTypeFont) else 70
    draw.text((MARGIN, height - 190), label, font=_font(72, bold=True), fill=accent)
    # A long address wraps onto a second line, then is shortened.
    address_font = _font(30)
    for number, line in enumerate(_fit(draw, address, address_font, TEXT_WIDTH, 2)):
        draw.text((MARGIN, height - 100 + number * 38), line, font=address_font, fill="#4d5560")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _qr(url: str) -> segno.QRCode:
    return segno.make(url, error="m")


def qr_svg(url: str, title: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="svg", scale=10, border=4, title=title)
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()
