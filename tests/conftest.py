"""Shared fixtures: the sample, loaded once per test session with a fixed test key."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

import territoire_lab as tl

#: pseudonymisation key of the tests (a test asserts it never lands in an output)
TEST_KEY = "territoire_lab test key 6f1d2c9a"


@pytest.fixture(scope="session")
def key() -> str:
    return TEST_KEY


@pytest.fixture(scope="session")
def sample() -> tl.datasets.Sample:
    return tl.load_sample(key=TEST_KEY)


@pytest.fixture(scope="session")
def truth() -> dict:
    return tl.load_sample_truth(key=TEST_KEY)


@pytest.fixture(autouse=True)
def _isolated_key_file(tmp_path_factory, monkeypatch):
    """Never touch the user's real key file from tests."""
    monkeypatch.setenv("TERRITOIRE_LAB_SECRET_FILE", str(tmp_path_factory.mktemp("key") / "k"))
    monkeypatch.delenv("TERRITOIRE_LAB_SECRET", raising=False)
