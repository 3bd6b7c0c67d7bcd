"""What a backup holds besides the database and the photos, and who may read it."""

from __future__ import annotations

import stat

from click.testing import CliRunner

from fieldkit.cli import main
from fieldkit.server import mission


def run(*args: object) -> str:
    result = CliRunner().invoke(main, ["server", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_backup_holds_the_mission_settings_and_key_readable_by_its_owner_only(tmp_path):
    data = tmp_path / "srv"
    run("init", "--data", data)
    run("config", "--data", data, "--mission-name", "Tiers-lieux 2026")
    key_id = mission.server_key_id(data)
    run("backup", "--data", data, tmp_path / "bk")
    backup = tmp_path / "bk"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o700
    for path in backup.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (0o700 if path.is_dir() else 0o600), path

    # A fresh machine whose server already made a key of its own before the restore.
    fresh = tmp_path / "fresh"
    run("init", "--data", fresh)
    mission.signing_key(fresh)  # made on first use, as a started server does
    own_key = (fresh / mission.KEY_FILE).read_bytes()
    run("restore", "--data", fresh, backup, "--yes")
    assert mission.server_key_id(fresh) == key_id
    assert mission.info(fresh)["mission_name"] == "Tiers-lieux 2026"
    assert (fresh / f"{mission.KEY_FILE}.before-restore").read_bytes() == own_key
    assert stat.S_IMODE((fresh / mission.KEY_FILE).stat().st_mode) == 0o600
