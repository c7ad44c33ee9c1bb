from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only ../shared folder (corpora, seed article); tests that need it skip when it is absent."""
    if not (SHARED / "examples").is_dir():
        pytest.skip(f"../shared not present at {SHARED}: corpus-based test skipped")
    return SHARED


@pytest.fixture(scope="session")
def nlp_de():
    from sourcetrace import pipeline

    return pipeline("de")


@pytest.fixture(scope="session")
def nlp_en():
    from sourcetrace import pipeline

    return pipeline("en")
