"""Compression bombs for the fetcher's tests and the memory benchmark: gigabytes of zeros in kilobytes."""

from __future__ import annotations

import struct
import zlib
from functools import cache

MIB = 1 << 20


@cache
def gzip_of_zeros(mebibytes: int) -> bytes:
    """A gzip stream of that many MiB of zeros, ~1 KB per MiB. One compressed MiB is repeated
    (a full flush makes each copy stand alone), which takes milliseconds where compressing
    1 GiB takes seconds."""
    zeros = bytes(MIB)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    last_block = b"\x03\x00"  # an empty final block
    return header + block * mebibytes + last_block + struct.pack("<II", crc, (mebibytes * MIB) & 0xFFFFFFFF)


def gzip_in_gzip(mebibytes: int) -> bytes:
    """The bomb compressed once more (`Content-Encoding: gzip, gzip`): 1 GiB fits in a few KB."""
    return zlib.compress(gzip_of_zeros(mebibytes), 9, wbits=zlib.MAX_WBITS | 16)
