"""Fingerprints of 8-word runs, for checking that the guide copies no sentence from a source.

Text is lower-cased and split into words the same way for the sources (by scripts/make-shingles)
and for the guide (by the test), and each run of RUN consecutive words is hashed; only the hashes
of the sources are kept in the repository.
"""

import hashlib
import re
from pathlib import Path

RUN = 8  # no run of this many words may be copied
SHINGLE_FILE = Path(__file__).resolve().parent / "content" / "source-shingles.txt"


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def runs(tokens: list[str], n: int = RUN) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def shingle_hash(run: tuple[str, ...]) -> str:
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def shingle_hashes(text: str) -> set[str]:
    return {shingle_hash(run) for run in runs(words(text))}


def copied_runs(text: str, source_hashes: set[str]) -> list[str]:
    """The runs of `text` whose hash is among the sources', as readable strings."""
    return [" ".join(run) for run in runs(words(text)) if shingle_hash(run) in source_hashes]


def load_source_hashes(path: Path = SHINGLE_FILE) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}
