"""Pictures drawn on the server: share images and QR codes, for letters and motions alike."""

import io
import textwrap
from functools import cache as memoise
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

IMAGE_SIZE = (1200, 630)
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


@memoise
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)  # Pillow's own font, when DejaVu is not installed


def render_share_image(
    title: str, organisation: str, label: str, accent: str, address: str
) -> bytes:
    width, height = IMAGE_SIZE
    image = Image.new("RGB", IMAGE_SIZE, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 24, height), fill=accent)
    draw.text((80, 60), organisation.upper()[:60], font=_font(30, bold=True), fill="#4d5560")
    lines = textwrap.wrap(title, width=30)
    title_font = _font(64 if len(lines) <= 3 else 52, bold=True)
    if len(lines) > 4:
        lines = [*lines[:3], textwrap.shorten(" ".join(lines[3:]), width=28, placeholder=" …")]
    y = 120
    for line in lines:
        draw.text((80, y), line, font=title_font, fill="#1b1f24")
        y += int(title_font.size) + 14 if isinstance(title_font, ImageFont.FreeTypeFont) else 70
    draw.text((80, height - 190), label, font=_font(72, bold=True), fill=accent)
    draw.text((80, height - 90), address, font=_font(30), fill="#4d5560")
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
