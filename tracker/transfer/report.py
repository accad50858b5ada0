"""What an import reports: one outcome per file (imported, duplicate, refused) with its
message and notes, and the counts, stored on the ImportJob as a dict."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field

MB = 1024 * 1024


class Status:
    IMPORTED = "imported"
    DUPLICATE = "duplicate"
    REFUSED = "refused"


@dataclass
class FileOutcome:
    """What happened to one file: imported (with notes), a duplicate, or refused."""

    name: str
    status: str
    messages: list[str] = field(default_factory=list)
    runs: int = 0
    measurements: int = 0
    bytes: int = 0
    cross_training: int = 0
    # What was saved, for the report's one-click changes: {"kind": "run"|"cross_training",
    # "pk", "label", "guessed" (why the sport was guessed, or ""), "needs_date"}.
    items: list[dict] = field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileOutcome] = field(default_factory=list)

    @property
    def runs(self) -> int:
        return sum(f.runs for f in self.files)

    @property
    def cross_training(self) -> int:
        return sum(f.cross_training for f in self.files)

    @property
    def measurements(self) -> int:
        return sum(f.measurements for f in self.files)

    def with_status(self, status: str) -> list[FileOutcome]:
        return [f for f in self.files if f.status == status]

    @property
    def imported(self) -> list[FileOutcome]:
        return self.with_status(Status.IMPORTED)

    @property
    def duplicates(self) -> list[FileOutcome]:
        return self.with_status(Status.DUPLICATE)

    @property
    def refused(self) -> list[FileOutcome]:
        return self.with_status(Status.REFUSED)

    def summary(self) -> str:
        parts = [f"{self.runs} run{'' if self.runs == 1 else 's'} imported"]
        if self.cross_training:
            n = self.cross_training
            parts.append(f"{n} cross-training session{'' if n == 1 else 's'}")
        if self.measurements:
            parts.append(f"{self.measurements} measurement{'' if self.measurements == 1 else 's'}")
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already imported")
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        return ", ".join(parts) + "."

    def as_dict(self) -> dict:
        return {"files": [asdict(f) for f in self.files]}

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        return cls(files=[FileOutcome(**f) for f in (data or {}).get("files", [])])


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")
