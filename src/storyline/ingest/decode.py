"""Bytes to text without ever crashing on Latin-1, Windows-1252 or mixed encodings."""

from __future__ import annotations

import charset_normalizer

from storyline.errors import Reason

_CONTROL = {*range(0, 9), 11, 12, *range(14, 32)}


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters mean an image, PDF or archive, not text."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > max(8, len(head) // 50)


def decode(data: bytes) -> str | Reason:
    """UTF-8 first; a file that is mostly UTF-8 with stray legacy bytes is decoded line by
    line (each bad line as Windows-1252) so no good character is lost; otherwise the
    encoding is detected statistically."""
    if looks_binary(data):
        return Reason.BINARY
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8_lines = sum(1 for line in lines if _is_utf8_with_multibyte(line))
    if utf8_lines:
        return "\n".join(_decode_line(line) for line in lines)
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return Reason.UNDECODABLE
    return str(best)


def _is_utf8_with_multibyte(line: bytes) -> bool:
    if line.isascii():
        return False
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_line(line: bytes) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", errors="replace")
