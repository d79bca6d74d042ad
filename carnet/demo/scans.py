"""Scanned pages made with Pillow: text drawn on a page, as a PNG or as a PDF without a text
layer (what a photocopier gives). For the demo's scanned document and the OCR tests."""

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parent.parent / "fonts" / "NotoSans-Regular.ttf"


def page(lines, *, width=1240, size=34):
    """One white page (A4 at 150 dpi wide) with the lines in black, as a Pillow image."""
    font = ImageFont.truetype(str(FONT), size)
    height = max(400, 160 + len(lines) * int(size * 1.6))
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((90, 90 + n * int(size * 1.6)), line, fill=0, font=font)
    return image


def png(lines):
    buffer = io.BytesIO()
    page(lines).save(buffer, "PNG")
    return buffer.getvalue()


def pdf(*pages):
    """A PDF of images only, one page per list of lines."""
    images = [page(lines).convert("RGB") for lines in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=150)
    return buffer.getvalue()
