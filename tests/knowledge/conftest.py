import pytest

from knowledge.loading import load_guidance


@pytest.fixture
def guide(db):
    """The real guide, loaded from knowledge/content/ as `make run` loads it."""
    return load_guidance()
