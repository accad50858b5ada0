"""Reading watch files: GPX, TCX and FIT activities, FIT weight-scale readings, ZIP archives.

Pure Python (no Django, no database). The web layer calls:

* ``parse_activity_file(filename, data)`` -> ``ParsedFile`` (activities, weights, notes), or
  raises ``ActivityFileError`` whose message can be shown to the user as it is;
* ``iter_zip_members(data, max_files=..., max_total_bytes=..., max_member_bytes=...)`` to take
  activity files out of a ZIP upload (a Strava bulk export, say), then ``parse_activity_file``
  on each;
* ``decompress_gzip(data, max_bytes=...)`` for a single uploaded ``.fit.gz``/``.gpx.gz``
  (bounded in output, and in gzip members: thousands of empty ones are a bomb that unpacks to
  nothing).

The format is recognised from the content (a FIT header says ".FIT" at offset 8; XML files by
their root element, <gpx> or <TrainingCenterDatabase>); the file name's extension is only a hint
used to explain what is wrong with a damaged file.
"""

from __future__ import annotations

import logging
import re

from . import fit, gpx, tcx
from .archive import decompress_gzip, iter_zip_members
from .base import (
    ActivityFileError,
    ParsedActivity,
    ParsedFile,
    ParsedWeight,
    display_name,
)

__all__ = [
    "ActivityFileError",
    "ParsedActivity",
    "ParsedFile",
    "ParsedWeight",
    "decompress_gzip",
    "detect_format",
    "iter_zip_members",
    "parse_activity_file",
]

log = logging.getLogger(__name__)

_PROLOG_ITEM = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*>)", re.DOTALL | re.IGNORECASE
)
_ROOT = re.compile(r"\s*<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_SNIFF_BYTES = 64 * 1024


def xml_root_name(data: bytes) -> str | None:
    """Local name of the first element of an XML document, from its first 64 KB; or None."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"\xef\xbb\xbf"):
        text = head[3:].decode("utf-8", "replace")
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head[: len(head) // 2 * 2].decode("utf-16", "replace")
    else:
        text = head.decode("latin-1")  # enough to read ASCII markup in any 8-bit encoding
    pos = 0
    while True:
        match = _PROLOG_ITEM.match(text, pos)
        if not match or match.end() == pos:
            break
        pos = match.end()
    match = _ROOT.match(text, pos)
    return match.group(1) if match else None


def detect_format(data: bytes) -> str | None:
    """'fit', 'gpx' or 'tcx' from the content alone; None if it is none of them."""
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    root = xml_root_name(data)
    if root is None:
        return None
    if root.lower() == "gpx":
        return "gpx"
    if root == "TrainingCenterDatabase":
        return "tcx"
    return None


_PARSERS = {"fit": fit.parse, "gpx": gpx.parse, "tcx": tcx.parse}

# What comes before an XML declaration in files real apps write: Strava's TCX export puts
# spaces before "<?xml", some GPX writers a newline, a BOM or a comment. XML allows nothing
# before the declaration, and expat refuses such a file ("XML damaged near line 1"); dropping
# the lead changes no data.
_LEAD_BEFORE_DECLARATION = re.compile(
    rb"^(?:\xef\xbb\xbf)?(?:\s+|<!--.*?-->)+(?=<\?xml[\s?])", re.S
)


def xml_from_declaration(data: bytes) -> bytes:
    """``data`` without whitespace, a UTF-8 BOM or comments before its XML declaration."""
    match = _LEAD_BEFORE_DECLARATION.match(data[:_SNIFF_BYTES])
    return data[match.end() :] if match else data


def parse_activity_file(filename: str, data: bytes) -> ParsedFile:
    """Read one GPX, TCX or FIT file. Raises ActivityFileError with a user-facing message."""
    name = display_name(filename)
    try:
        return _parse(filename, name, data)
    except ActivityFileError:
        raise
    except Exception:  # a parser bug or hostile input we did not foresee: never leak it
        log.warning("Unexpected error while reading %s", name, exc_info=True)
        raise ActivityFileError(
            f"{name} could not be read: it seems damaged, or written in an unusual variant of "
            "its format."
        ) from None


def _parse(filename: str, name: str, data: bytes) -> ParsedFile:
    if not data or not data.strip():
        raise ActivityFileError(f"{name} is empty.")
    kind = detect_format(data)
    if kind is not None:
        if kind != "fit":
            data = xml_from_declaration(data)
        return _PARSERS[kind](filename, data)

    suffix = name.lower().rpartition(".")[2] if "." in name else ""
    if data[:2] == b"\x1f\x8b":
        raise ActivityFileError(
            f"{name} is compressed (gzip); unpack it first, or upload it inside a ZIP archive."
        )
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        raise ActivityFileError(f"{name} is a ZIP archive, not a single activity file.")
    root = xml_root_name(data)
    if suffix == "tcx" and root is not None:
        raise ActivityFileError(
            f"{name} is not a valid TCX file: its TrainingCenterDatabase root element is missing."
        )
    if suffix == "gpx" and root is not None:
        raise ActivityFileError(
            f"{name} is not a valid GPX file: its <gpx> root element is missing."
        )
    if suffix == "fit":
        raise ActivityFileError(f"{name} is not a valid FIT file: the FIT signature is missing.")
    if suffix in ("gpx", "tcx"):
        raise ActivityFileError(
            f"{name} is not a valid {suffix.upper()} file: it does not contain an XML document."
        )
    raise ActivityFileError(f"{name} is not a GPX, TCX or FIT file.")
