"""Compressed inputs (.gz, .bz2, .xz around any other format), decompressed with a size limit."""
from __future__ import annotations

import io
from importlib import import_module
from typing import NamedTuple

from ..document import InputError

# suffix -> (name for messages, magic bytes, the module whose open() streams the decompressed
# bytes: imported for a compressed input only, not on every start)
_COMPRESSIONS: dict[str, tuple[str, bytes, str]] = {
    ".gz": ("gzip", b"\x1f\x8b", "gzip"),
    ".bz2": ("bzip2", b"BZh", "bz2"),
    ".xz": ("xz", b"\xfd7zXZ\x00", "lzma"),
}
_CHUNK = 2**20


def compression_suffix(data: bytes, name: str | None) -> str | None:
    """The compression of an input: from its name's suffix, else from its magic bytes."""
    if name:
        suffix = next((s for s in _COMPRESSIONS if name.lower().endswith(s)), None)
        if suffix:
            return suffix
    return next((s for s, (_, magic, _) in _COMPRESSIONS.items() if data.startswith(magic)), None)


class Decompressed(NamedTuple):
    data: bytes
    damage: InputError | None = None  # a truncated or corrupt stream: data is what it held before that


def decompress(data: bytes, suffix: str, limit: int) -> Decompressed:
    """The decompressed bytes; streamed, and refused as soon as they exceed `limit` (no zip bomb)."""
    kind, magic, module = _COMPRESSIONS[suffix]
    if not data.startswith(magic):
        raise InputError(f"not a valid {kind} file")
    import lzma
    import zlib

    opener = import_module(module).open
    chunks: list[bytes] = []
    size, damage = 0, None
    try:
        with opener(io.BytesIO(data)) as stream:
            while size <= limit and (chunk := stream.read1(_CHUNK)):  # read1: what a cut stream held is kept
                chunks.append(chunk)
                size += len(chunk)
    except (OSError, EOFError, zlib.error, lzma.LZMAError) as error:
        damage = InputError(f"truncated or corrupt {kind} file ({error})")
    if size > limit:
        raise InputError(f"decompressed size exceeds the {limit // 2**20} MB limit")
    return Decompressed(b"".join(chunks), damage)
