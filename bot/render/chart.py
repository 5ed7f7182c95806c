"""A bar chart as a PNG, drawn and encoded here (zlib only): the /trend picture."""

from __future__ import annotations

import struct
import zlib

WHITE = (255, 255, 255)
GRID = (225, 228, 232)
BAR = (36, 99, 173)
AXIS = (120, 120, 120)


def _png(width: int, height: int, pixels: list[bytearray]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(row) for row in pixels)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def bar_chart(counts: list[int], width: int = 640, height: int = 260) -> bytes:
    """One bar per count, scaled to the largest; light lines at each quarter of it."""
    pixels = [bytearray(WHITE * width) for _ in range(height)]

    def fill(x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        for y in range(max(0, y0), min(height, y1)):
            pixels[y][3 * max(0, x0) : 3 * min(width, x1)] = bytes(colour) * (min(width, x1) - max(0, x0))

    margin, top = 20, 20
    plot = height - margin - top
    for quarter in range(1, 5):
        y = height - margin - plot * quarter // 4
        fill(margin, y, width - margin, y + 1, GRID)
    most = max(counts, default=0) or 1
    slot = (width - 2 * margin) / max(1, len(counts))
    for index, count in enumerate(counts):
        bar = round(plot * count / most)
        x0 = round(margin + index * slot + slot * 0.15)
        x1 = round(margin + (index + 1) * slot - slot * 0.15)
        fill(x0, height - margin - bar, x1, height - margin, BAR)
    fill(margin, height - margin, width - margin, height - margin + 2, AXIS)
    return _png(width, height, pixels)
