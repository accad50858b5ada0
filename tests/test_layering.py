"""The import contracts in pyproject.toml ([tool.importlinter]) hold on the code, and each one
breaks when the import it forbids is added to a copy of the code."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACT_NAMES = {contract["id"]: contract["name"] for contract in CONFIG["contracts"]}
OUR_PACKAGES = [name for name in CONFIG["root_packages"] if (REPO / name).is_dir()]


def lint_imports(cwd, cache_dir=None):
    # A wide, colourless console: rich would otherwise wrap long contract names at 80 columns.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update({"COLUMNS": "200", "NO_COLOR": "1"})
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", *cache],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_code_keeps_every_import_contract():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in CONTRACT_NAMES.values():
        assert f"{name} KEPT" in result.stdout
    assert f"Contracts: {len(CONTRACT_NAMES)} kept, 0 broken." in result.stdout


# New modules rather than edits of existing ones, so these cases do not depend on what the
# packages' files say today. Each breaks exactly one contract.
FORBIDDEN_IMPORTS = {
    "guide-stands-alone": {"knowledge/leak.py": "import tracker.units\n"},
    "tracker-below-api": {"tracker/leak.py": "import api.serializers\n"},
    "pure-modules-no-web": {
        "tracker/transfer/parsers/leak.py": "from django.http import Http404\n"
    },
    "pure-modules-no-views": {
        # Indirectly: parsers -> tracker.leak -> a view.
        "tracker/transfer/parsers/leak.py": "import tracker.leak\n",
        "tracker/leak.py": "from tracker.log import views\n",
    },
    "tracker-layers": {"tracker/log/leak.py": "from tracker.progress import charts\n"},
}


def test_every_contract_has_a_case_that_breaks_it():
    assert set(FORBIDDEN_IMPORTS) == set(CONTRACT_NAMES)


@pytest.fixture(scope="module")
def lint_cache(tmp_path_factory):
    """Shared by the copies below, so Django's own modules are parsed once."""
    return tmp_path_factory.mktemp("import-linter-cache")


@pytest.mark.parametrize("contract_id", sorted(FORBIDDEN_IMPORTS))
def test_a_forbidden_import_breaks_its_contract(tmp_path, lint_cache, contract_id):
    for package in OUR_PACKAGES:
        shutil.copytree(
            REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    for path, source in FORBIDDEN_IMPORTS[contract_id].items():
        (tmp_path / path).write_text(source)

    result = lint_imports(tmp_path, lint_cache)

    assert result.returncode != 0, result.stdout
    assert f"{CONTRACT_NAMES[contract_id]} BROKEN" in result.stdout
    assert f"Contracts: {len(CONTRACT_NAMES) - 1} kept, 1 broken." in result.stdout
