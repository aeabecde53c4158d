"""gzip data inflated in small steps, stopping as soon as the output passes a cap.

Why: ``gzip.decompress`` inflates everything before anyone can look at the size, so a 1 MB file
that inflates to 1 GiB (a "gzip bomb") took 5 s and 2.1 GB of memory before it was refused. Here
at most one step (64 KiB) past the cap is ever produced. Scrapy caps compressed HTTP responses the
same way (``HttpCompressionMiddleware`` against DOWNLOAD_MAXSIZE); this covers what it does not
see: saved pages given to ``baodantoc parse`` and sitemaps served as ``.xml.gz`` files.
"""

from __future__ import annotations

import zlib

#: The two bytes every gzip member starts with.
GZIP_MAGIC = b"\x1f\x8b"
#: Output produced per step: small next to any cap, large enough that the loop costs nothing.
STEP = 64 * 1024


class InflateError(ValueError):
    """The data cannot be inflated within the cap; ``kind``: "oversized" or "decoding"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def is_gzip(data: bytes) -> bool:
    """Does ``data`` start like gzip?"""
    return data[:2] == GZIP_MAGIC


def inflate_capped(data: bytes, limit: int | None) -> bytes:
    """Every gzip member of ``data``, inflated; InflateError("oversized") as soon as the output
    passes ``limit`` bytes (None: no cap), InflateError("decoding") for corrupt or cut data."""
    out = bytearray()
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(wbits=31)
            pending = rest
            while not inflater.eof:
                chunk = inflater.decompress(pending, STEP)
                out += chunk
                if limit is not None and len(out) > limit:
                    raise InflateError("oversized", f"inflates to over {limit:,} bytes ({len(data):,} bytes of gzip)")
                pending = inflater.unconsumed_tail
                if not chunk and not pending:
                    break
            if not inflater.eof:
                raise InflateError("decoding", "the gzip data is cut short")
            rest = inflater.unused_data.lstrip(b"\0")
    except zlib.error as exc:
        raise InflateError("decoding", f"corrupt gzip data: {exc}") from None
    return bytes(out)


def maybe_inflate(data: bytes, limit: int | None) -> bytes:
    """``data`` inflated when it is gzip (a ``.xml.gz`` sitemap), else as it is; see inflate_capped."""
    return inflate_capped(data, limit) if is_gzip(data) else data
