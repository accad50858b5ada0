"""ZIP uploads (for example a Strava bulk export) and gzip-compressed activity files.

Members are read into memory one at a time, with hard limits on what is read, not only on
what the archive declares (a ZIP's declared sizes can lie). The archive itself may be a file
(read where it lies, never whole), and a ZIP inside it is spooled to a temporary file.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from .base import ActivityFileError, display_name

ACTIVITY_SUFFIXES = (".gpx", ".tcx", ".fit")
_CHUNK = 64 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.0f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


def _too_big(member: str, limit: int) -> ActivityFileError:
    return ActivityFileError(
        f"{member} in the ZIP archive unpacks to more than {_size(limit)}, so the archive was "
        "refused (this protects the site against ZIP bombs)."
    )


def _too_big_total(limit: int) -> ActivityFileError:
    return ActivityFileError(
        f"The activity files in the ZIP archive unpack to more than {_size(limit)} in all, "
        "more than can be imported at once (this also protects the site against ZIP bombs)."
    )


def _unsafe_path(name: str) -> bool:
    if "\x00" in name:
        return True
    path = name.replace("\\", "/")
    if path.startswith("/") or _DRIVE.match(path):
        return True
    return ".." in path.split("/")


def _is_junk(name: str) -> bool:
    """macOS resource forks ("__MACOSX/", "._run.gpx") look like activity files but are not."""
    path = name.replace("\\", "/")
    return (
        path.startswith("__MACOSX/") or "/__MACOSX/" in path or display_name(path).startswith("._")
    )


# Files beside the activities that say more about them: Strava's activities.csv (name, type,
# perceived exertion, gear of each activity). Yielded as they are, for the importer to read.
COMPANION_NAMES = ("activities.csv",)
# A Garmin Connect export keeps its activity files in ZIPs inside the ZIP
# (DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip); one level of nesting is
# what exports write, two is allowed, deeper is refused. The caps on count and size apply to
# the whole tree, not to each archive.
MAX_NESTED_ZIPS = 2


def _activity_member(name: str, companions: bool = False) -> tuple[str, bool] | None:
    """(name to yield, is gzip) for activity files, None for anything else."""
    lower = name.lower()
    if companions and display_name(lower) in COMPANION_NAMES:
        return name, False
    for suffix in ACTIVITY_SUFFIXES:
        if lower.endswith(suffix):
            return name, False
        if lower.endswith(suffix + ".gz"):
            return name[:-3], True
    return None


# A gzip file may hold several members one after another (concatenated gzip); tools write one,
# rarely a few. Thousands of empty members unpack to nothing, so no output cap fires, and each
# one costs a decompressor: refusing files with more than this many bounds the work.
MAX_GZIP_MEMBERS = 16


def decompress_gzip(
    data: bytes, *, max_bytes: int, name: str = "The file", max_members: int = MAX_GZIP_MEMBERS
) -> bytes:
    """Unpack gzip data, refusing output past ``max_bytes`` (counted as it is produced) and
    files of more than ``max_members`` gzip members.

    The input is fed in chunks, so the work is linear in the input: each decompressor sees at
    most one chunk beyond its member's end (``unused_data``), never the rest of the file.
    """
    label = display_name(name) if name != "The file" else name
    pieces: list[bytes] = []
    size = 0
    members = 1
    view = memoryview(data)
    position = 0
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    pending = b""
    try:
        while True:
            if not pending and position < len(view):
                pending = view[position : position + _CHUNK]
                position += len(pending)
            chunk = decompressor.decompress(pending, _CHUNK)
            size += len(chunk)
            if size > max_bytes:
                raise ActivityFileError(
                    f"{label} unpacks to more than {_size(max_bytes)}, so it was refused "
                    "(this protects the site against compression bombs)."
                )
            pieces.append(chunk)
            pending = decompressor.unconsumed_tail
            if decompressor.eof:
                rest = decompressor.unused_data
                while not rest.strip(b"\x00") and position < len(view):
                    # The chunk ended with this member, or with NUL padding: look further.
                    rest = bytes(view[position : position + _CHUNK])
                    position += len(rest)
                if rest.strip(b"\x00"):  # another gzip member follows (concatenated gzip)
                    members += 1
                    if members > max_members:
                        raise ActivityFileError(
                            f"{label} holds more than {max_members} compressed parts, more "
                            "than a watch or an export writes, so it was refused (this "
                            "protects the site against compression bombs)."
                        )
                    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
                    pending = rest
                    continue
                break
            if not pending and not chunk and position >= len(view):
                raise ActivityFileError(f"{label} is damaged: its compressed data ends early.")
    except zlib.error:
        raise ActivityFileError(f"{label} is damaged: it could not be decompressed.") from None
    return b"".join(pieces)


def _spool_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, on_excess):
    """A member (a ZIP inside the ZIP) copied to a temporary file, at most ``limit`` bytes;
    in memory while small. The caller closes it (it is a context manager)."""
    spooled = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 -- the caller closes it
    size = 0
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise on_excess()
                spooled.write(chunk)
    except ActivityFileError:
        spooled.close()
        raise
    except Exception:
        spooled.close()
        raise ActivityFileError(
            f"The ZIP archive is damaged: {display_name(info.filename)} could not be unpacked."
        ) from None
    spooled.seek(0)
    return spooled


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, on_excess) -> bytes:
    pieces: list[bytes] = []
    size = 0
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(min(_CHUNK, limit - size + 1))
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                raise on_excess()
            pieces.append(chunk)
    return b"".join(pieces)


def iter_zip_members(
    data: bytes | BinaryIO,
    *,
    max_files: int,
    max_total_bytes: int,
    max_member_bytes: int,
    max_depth: int = MAX_NESTED_ZIPS,
    companions: bool = False,
    on_archive: Callable[[int], None] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """Yield (name, bytes) for each .gpx/.tcx/.fit member (and .gpx.gz/.tcx.gz/.fit.gz, unpacked,
    yielded under their name without ".gz"). Folders and other files are skipped; names keep
    their folders ("export/activities/123.gpx").

    Raises ActivityFileError for a damaged or encrypted archive, unsafe paths ("../", absolute
    paths), more than ``max_files`` activity files, or sizes past the limits. The counts, paths,
    encryption and declared sizes are all checked before the first member is yielded; actual
    sizes and data damage can only be found while reading, so an error can still come after
    some members were yielded (import inside a transaction, or collect the list first).
    ``max_member_bytes`` limits each unpacked member, ``max_total_bytes`` all of them together.
    ZIPs inside the ZIP (a Garmin Connect export) are opened up to ``max_depth`` levels, their
    members named "outer.zip/inner.zip/x.fit"; the limits count the whole tree. With
    ``companions``, Strava's ``activities.csv`` is yielded too (COMPANION_NAMES), before the
    activity files of its archive. ``data`` is the archive's bytes or a seekable binary file;
    ``on_archive(n)`` is told how many members each archive opened (this one, then each
    nested one) will yield or open, for a progress count.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes | bytearray) else data)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ActivityFileError("The ZIP archive is damaged or is not a ZIP file.") from None
    except Exception:  # anything else zipfile raises on hostile input
        raise ActivityFileError("The ZIP archive is damaged or is not a ZIP file.") from None

    with zf:
        members: list[tuple[zipfile.ZipInfo, str, bool]] = []
        for info in zf.infolist():
            if _unsafe_path(info.filename):
                shown = info.filename.replace("\x00", "")[:80]
                raise ActivityFileError(
                    f"The ZIP archive contains a file with an unsafe path ({shown}), so it was "
                    "not read."
                )
            if info.is_dir() or _is_junk(info.filename):
                continue
            wanted = _activity_member(info.filename, companions)
            if wanted is None and info.filename.lower().endswith(".zip"):
                if max_depth <= 0:
                    raise ActivityFileError(
                        "The ZIP archive holds ZIP archives nested more than "
                        f"{MAX_NESTED_ZIPS} levels deep, so it was not read."
                    )
                wanted = (info.filename, False)
            if wanted is None:
                continue
            if info.flag_bits & 0x1:
                raise ActivityFileError(
                    "The ZIP archive is password-protected; upload an archive without a password."
                )
            members.append((info, *wanted))

        if companions:  # what describes the activities comes first (stable: else in order)
            members.sort(key=lambda member: display_name(member[1]).lower() not in COMPANION_NAMES)
        if len(members) > max_files:
            raise ActivityFileError(
                f"The ZIP archive holds {len(members)} activity files; at most {max_files} can "
                "be imported at once."
            )
        declared = 0
        for info, _name, is_gz in members:
            nested = _name.lower().endswith(".zip") and not is_gz
            if info.file_size > (max_total_bytes if nested else max_member_bytes):
                raise _too_big(display_name(info.filename), max_member_bytes)
            if not is_gz:
                declared += info.file_size
        if declared > max_total_bytes:
            raise _too_big_total(max_total_bytes)
        if on_archive is not None:
            on_archive(len(members))

        total = 0
        yielded = 0
        for position, (info, out_name, is_gz) in enumerate(members):
            member = display_name(info.filename)
            left = max_total_bytes - total
            if out_name.lower().endswith(".zip") and not is_gz:
                # The inner members count against what is left of the whole tree's caps (the
                # members of this archive still to come keep their place in the count). The
                # inner archive is spooled to disk, bounded by what is left of the total.
                inner_files = max_files - yielded - (len(members) - position - 1)
                with _spool_member(
                    zf, info, left, lambda: _too_big_total(max_total_bytes)
                ) as inner_zip:
                    for inner_name, inner in iter_zip_members(
                        inner_zip,
                        max_files=max(inner_files, 0),
                        max_total_bytes=max_total_bytes - total,
                        max_member_bytes=max_member_bytes,
                        max_depth=max_depth - 1,
                        companions=companions,
                        on_archive=on_archive,
                    ):
                        total += len(inner)
                        yielded += 1
                        yield f"{out_name}/{inner_name}", inner
                continue
            try:
                if left < max_member_bytes:
                    raw = _read_member(zf, info, left, lambda: _too_big_total(max_total_bytes))
                else:
                    raw = _read_member(
                        zf, info, max_member_bytes, lambda m=member: _too_big(m, max_member_bytes)
                    )
            except ActivityFileError:
                raise
            except Exception:  # BadZipFile (CRC), zlib.error, EOFError, unsupported method...
                raise ActivityFileError(
                    f"The ZIP archive is damaged: {member} could not be unpacked."
                ) from None
            if is_gz:
                unpacked = decompress_gzip(raw, max_bytes=max_member_bytes, name=info.filename)
                if len(unpacked) > left:
                    raise _too_big_total(max_total_bytes)
                raw = unpacked
            total += len(raw)
            yielded += 1
            yield out_name, raw
