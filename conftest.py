"""Test-wide isolation, for the doctests in territoire_lab/ and the tests in tests/."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_cards_dir(tmp_path_factory, monkeypatch):
    """Dataset cards written by loads go to a temporary folder, never the user's home."""
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(tmp_path_factory.mktemp("cards")))
