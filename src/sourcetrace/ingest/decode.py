"""Bytes → str with clear refusals: empty, binary, undecodable, too large."""

from __future__ import annotations

import codecs

from sourcetrace.errors import InputError

MAX_INPUT_BYTES = 10 * 1024 * 1024  # 10 MB: larger files and downloads are refused


def check_size(source: str, size: int, limit: int = MAX_INPUT_BYTES) -> None:
    if size > limit:
        raise InputError(
            source, f"too large ({size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB)"
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean this is not text."""
    head = data[:8192]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > 0.05


def decode_text(source: str, data: bytes, encoding: str | None = None) -> str:
    """Decode a text input: UTF-8 (with or without BOM), UTF-16 with a BOM, or the encoding given."""
    check_size(source, len(data))
    if looks_binary(data):
        raise InputError(source, "binary data, not text (expected UTF-8 text, HTML or JSONL)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        text = data.decode(encoding or "utf-8-sig")
    except (UnicodeDecodeError, LookupError) as exc:
        if isinstance(exc, LookupError):
            raise InputError(source, f"unknown encoding {encoding!r}") from None
        raise InputError(
            source,
            f"not valid {exc.encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8",
        ) from None
    require_text(source, text)
    return text


def require_text(source: str, text: str) -> None:
    if not text.strip():
        raise InputError(source, "empty input (no text to analyze)")
