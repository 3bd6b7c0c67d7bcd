"""Is this app older than the version the mission recommends?"""

from __future__ import annotations

import pytest

from fieldkit.updates import is_older, notice_from_info, parse_version


@pytest.mark.parametrize(
    ("recommended", "current", "older"),
    [
        ("0.2.0", "0.1.0", True),
        ("0.1.0", "0.1.0", False),
        ("0.1", "0.1.0", False),
        ("0.1.1", "0.1", True),
        ("0.10.0", "0.9.9", True),  # numbers, not text
        ("0.9.9", "0.10.0", False),
        ("1.0", "0.99.99", True),
        ("not-a-version", "0.1.0", False),  # never nag on something unreadable
        ("0.2.0", "dev", False),
        # Pre-releases, as pyproject numbers them (PEP 440): a plain tuple could not read them.
        ("0.2.0rc1", "0.1.0", True),
        ("0.2.0", "0.2.0rc1", True),
        ("0.2.0rc1", "0.2.0", False),
        ("0.2.0rc2", "0.2.0rc1", True),
        ("0.2.0rc1", "0.2.0b3", True),
        ("0.2.0.post1", "0.2.0", True),
        ("0.2.0", "0.2.0.dev4", True),
    ],
)
def test_is_older(recommended: str, current: str, older: bool) -> None:
    assert is_older(recommended, current) is older


def test_parse_version() -> None:
    assert parse_version("1.2.3") == parse_version("1.2.3.0")
    assert parse_version(" 0.2.0rc1 ") is not None
    assert parse_version("1..2") is None
    assert parse_version("") is None


def test_a_release_candidate_recommended_shows_the_banner() -> None:
    info = {"recommended_client_version": "0.2.0rc1", "update_url": "https://example.org/dl"}
    notice = notice_from_info(info, "0.1.0")
    assert notice is not None and notice.recommended == "0.2.0rc1"
    assert notice_from_info(info, "0.2.0") is None


def test_notice_only_when_older() -> None:
    info = {"recommended_client_version": "0.3.0", "update_url": "https://example.org/dl"}
    notice = notice_from_info(info, "0.2.0")
    assert notice is not None
    assert (notice.recommended, notice.current, notice.url) == (
        "0.3.0",
        "0.2.0",
        "https://example.org/dl",
    )
    assert notice_from_info(info, "0.3.0") is None
    assert notice_from_info({"recommended_client_version": None}, "0.1.0") is None
    assert notice_from_info({"recommended_client_version": "0.3"}, "0.1.0").url is None  # type: ignore[union-attr]


def test_the_server_accepts_a_release_candidate_as_recommended_version(tmp_path) -> None:
    from fieldkit.server.mission import MissionConfigError, save_config

    config = save_config(tmp_path, {"recommended_client_version": "0.2.0rc1"})
    assert config["recommended_client_version"] == "0.2.0rc1"
    with pytest.raises(MissionConfigError):
        save_config(tmp_path, {"recommended_client_version": "la prochaine"})
