"""Shared fixtures; `pytest --regen-golden` rewrites the golden files (review them in the diff)."""
import os
import re
import tempfile
from pathlib import Path

import pytest

# The rule cache of a test run is its own (commands started by tests inherit it): a run never
# reads what an older checkout left in ~/.cache.
os.environ["CLEANER_CACHE_DIR"] = tempfile.mkdtemp(prefix="cleaner-test-cache-")

from cleaner import load_rules
from cleaner.rules import default_rules_dir

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", help="rewrite golden files from current output")


@pytest.fixture(scope="session")
def regen(request) -> bool:
    return request.config.getoption("--regen-golden")


@pytest.fixture(scope="session")
def default_rules():
    return load_rules([default_rules_dir()])


# The closing line of clean, dedup, run and rules learn on stderr: its figures are the clock's.
TIMING = re.compile(r"^(cleaned|searched|cleaned and searched|learned from|reported) [\d,]+ documents? in [\d,.]+ s "
                    r"\([\d,.]+ documents/s, [\d,]+ characters/s\)\n", re.MULTILINE)


def untimed(stderr: str) -> str:
    """stderr without the closing time-and-throughput line (checked on its own in test_cli_pipes)."""
    return TIMING.sub("", stderr, count=1)
