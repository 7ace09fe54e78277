"""The report's charts (annual/charts.py Chart) drawn as PNG pictures on the server, for the
.docx: the same bars, fill patterns, numbers and legend as the page's SVG, in black on white
(readable printed in black and white: nothing is told by colour).

Japanese labels need a CJK font: Noto Sans CJK (Debian's fonts-noto-cjk) where it is
installed. Without it, Pillow's own font draws the numbers and Latin text, and the picture's
description (alt text) and caption still carry every figure.
"""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .charts import Chart

SCALE = 2  # pixels per SVG unit: sharp when printed at the page's width
TILE = 8  # the patterns' period in SVG units, as in templates/annual/_bar_chart.html
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
BLACK, GREY, WHITE = 0, 187, 255


@cache
def _font_path() -> str | None:
    return next((path for path in FONT_CANDIDATES if Path(path).is_file()), None)


@cache
def font(size: int):
    """Noto Sans CJK JP at `size` SVG units, or Pillow's default font if it is missing."""
    path = _font_path()
    if path is not None:
        try:
            return ImageFont.truetype(path, size * SCALE, index=0)  # index 0 of the collection: JP
        except OSError:
            pass
    return ImageFont.load_default(size=size * SCALE)


@cache
def _tile(kind: str) -> Image.Image:
    """One period of a fill pattern (black on white), as the SVG's <pattern> draws it."""
    size = TILE * SCALE
    tile = Image.new("L", (size, size), WHITE)
    draw = ImageDraw.Draw(tile)
    s = SCALE

    def line(points, width):
        draw.line([(x * s, y * s) for x, y in points], fill=BLACK, width=max(1, round(width * s)))

    if kind == "solid":
        draw.rectangle((0, 0, size, size), fill=34)
    elif kind == "hatch":
        for offset in (-8, 0, 8):
            line([(offset, 8), (offset + 8, 0)], 1.6)
    elif kind == "dots":
        draw.ellipse((2.2 * s, 2.2 * s, 5.8 * s, 5.8 * s), fill=BLACK)
    elif kind == "cross":
        line([(0, 0), (8, 8)], 1.2)
        line([(8, 0), (0, 8)], 1.2)
    elif kind == "horizontal":
        line([(0, 2), (8, 2)], 1.4)
        line([(0, 6), (8, 6)], 1.4)
    elif kind == "vertical":
        line([(2, 0), (2, 8)], 1.4)
        line([(6, 0), (6, 8)], 1.4)
    elif kind == "backhatch":
        for offset in (-8, 0, 8):
            line([(offset, 0), (offset + 8, 8)], 1.6)
    return tile


def _patterned(kind: str, size: tuple[int, int]) -> Image.Image:
    """A picture-sized sheet of a pattern, aligned to the picture (as patternUnits="userSpaceOnUse"):
    a bar takes its piece of it, so that hundreds of bars cost one paste each."""
    tile = _tile(kind)
    strip = Image.new("L", (size[0], tile.height), WHITE)
    for x in range(0, size[0], tile.width):
        strip.paste(tile, (x, 0))
    sheet = Image.new("L", size, WHITE)
    for y in range(0, size[1], tile.height):
        sheet.paste(strip, (0, y))
    return sheet


def _fill(image: Image.Image, sheets: dict, box: tuple[int, int, int, int], kind: str):
    left, top, right, bottom = box
    if right <= left or bottom <= top:
        return
    if kind not in sheets:
        sheets[kind] = _patterned(kind, image.size)
    image.paste(sheets[kind].crop(box), (left, top))


def _text(draw, xy, text, size, anchor):
    draw.text((xy[0] * SCALE, xy[1] * SCALE), str(text), fill=BLACK, font=font(size), anchor=anchor)


def chart_png(chart: Chart) -> bytes:
    """The chart as a greyscale PNG: grid and scale, patterned bars with their numbers, the
    groups' labels and the legend."""
    image = Image.new("L", (chart.width * SCALE, chart.height * SCALE), WHITE)
    draw = ImageDraw.Draw(image)
    s = SCALE
    for value, y in chart.ticks:
        draw.line((chart.left * s, y * s, chart.plot_right * s, y * s), fill=GREY, width=1)
        _text(draw, (chart.left - 6, y), value, 11, "rm")
    draw.line((chart.left * s, chart.plot_bottom * s, chart.plot_right * s, chart.plot_bottom * s), fill=BLACK,
              width=s)
    kinds = dict(chart.fills)
    sheets: dict = {}
    for bar in chart.bars:
        box = (round(bar.x * s), round(bar.y * s), round((bar.x + bar.width) * s), round((bar.y + bar.height) * s))
        _fill(image, sheets, box, kinds[bar.fill])
        draw.rectangle(box, outline=BLACK, width=max(1, s // 2))
        if bar.show_value:
            _text(draw, (bar.text_x, bar.y - 3), bar.value, 10, "ms")
    for label, x in chart.groups:
        _text(draw, (x, chart.plot_bottom + 18), label, 12, "ms")
    for label, fill, x, y in chart.legend:
        box = (x * s, y * s, (x + 16) * s, (y + 12) * s)
        _fill(image, sheets, box, kinds[fill])
        draw.rectangle(box, outline=BLACK, width=max(1, s // 2))
        _text(draw, (x + 22, y + 10), label, 11, "ls")
    if chart.empty:
        _text(draw, (chart.center_x, 100), chart.empty_text, 14, "ms")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
