from __future__ import annotations

import stat

import pandas as pd
import pytest

from territoire_lab.privacy import (
    normalize_handle,
    pseudonymize,
    resolve_key,
    safe_cell,
    safe_for_spreadsheet,
)

KEY = "a test key that is long enough"


def test_pseudonyms_are_keyed_stable_and_case_insensitive():
    s = pd.Series(["@Julie_Tours37", "julie_tours37", "marco.blesois", None])
    a = pseudonymize(s, key=KEY)
    b = pseudonymize(s, key=KEY)
    other = pseudonymize(s, key=KEY + "!")
    assert a.equals(b)
    assert a.iloc[0] == a.iloc[1]
    assert a.iloc[0] != a.iloc[2]
    assert a.iloc[0] != other.iloc[0]
    assert pd.isna(a.iloc[3])
    assert a.iloc[0].startswith("u_") and len(a.iloc[0]) == 26
    assert str(a.dtype) == "string"


def test_pseudonym_is_the_hmac_sha256_of_the_normalised_handle():
    import hashlib
    import hmac

    expected = "u_" + hmac.new(KEY.encode(), b"julie_tours37", hashlib.sha256).hexdigest()[:24]
    assert pseudonymize(pd.Series(["@JULIE_tours37 "]), key=KEY).iloc[0] == expected


def test_allow_listed_institutions_keep_their_handle():
    s = pd.Series(["@VilleDeTours", "julie_tours37"])
    out = pseudonymize(s, key=KEY, allow=["villedetours"])
    assert out.iloc[0] == "VilleDeTours"
    assert out.iloc[1].startswith("u_")


def test_short_key_is_refused_with_a_fix():
    with pytest.raises(ValueError, match="at least 16"):
        resolve_key("short")


def test_key_file_is_created_private_and_reused(tmp_path, monkeypatch):
    path = tmp_path / "sub" / "pseudonym.key"
    monkeypatch.setenv("TERRITOIRE_LAB_SECRET_FILE", str(path))
    first = resolve_key()
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert resolve_key() == first
    assert len(first) == 64


def test_env_key_wins_over_file(monkeypatch):
    monkeypatch.setenv("TERRITOIRE_LAB_SECRET", "from the environment variable")
    assert resolve_key() == b"from the environment variable"


def test_normalize_handle():
    assert normalize_handle(" @Office_Tourisme_Amboise ") == "office_tourisme_amboise"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","clic")', '\'=HYPERLINK("http://evil","clic")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("＝1+1", "'＝1+1"),
        ("Château d'Amboise", "Château d'Amboise"),
        (-3, -3),
        (2.5, 2.5),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_safe_for_spreadsheet_protects_cells_and_headers_without_mutating():
    df = pd.DataFrame({"text": ["=1+1", "ok", None], "likes": [1, -2, 3], "=bad": ["a", "b", "c"]})
    out = safe_for_spreadsheet(df)
    assert out["text"].tolist()[:2] == ["'=1+1", "ok"]
    assert pd.isna(out["text"].iloc[2])
    assert out["likes"].tolist() == [1, -2, 3]
    assert "'=bad" in out.columns
    assert df["text"].iloc[0] == "=1+1"


def test_key_id_is_a_fingerprint_not_the_key():
    from territoire_lab.privacy import key_id

    kid = key_id(KEY)
    assert len(kid) == 12 and kid == key_id(KEY) and kid != key_id(KEY + "!")
    assert KEY.encode().hex()[:12] != kid and KEY[:12] != kid
