"""Secrets stay out of sight: the PostgreSQL password never reaches a command line during
a backup or a restore (`ps` shows those to every user), and the server's data directory,
its database and its backups are its owner's alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from fieldkit.cli import main

SECRET = "s3cret-Pa55word-in-the-url"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_the_postgresql_password_travels_in_the_environment_not_the_command_line(
    tmp_path, backend, request, monkeypatch
):
    from fieldkit.server import backup
    from tests.conftest_server import pg_users_template

    cluster = request.getfixturevalue("pg_cluster")
    name = cluster.create_database(pg_users_template(cluster))
    url = cluster.url(name).replace(f"{cluster.user}@", f"{cluster.user}:{SECRET}@")
    # pg_dump and pg_restore as the backup finds them on PATH, behind scripts that write
    # down what `ps` would show (their arguments) and the password variable, then run them.
    wrappers, log = tmp_path / "bin", tmp_path / "seen.log"
    wrappers.mkdir()
    for tool in ("pg_dump", "pg_restore"):
        real = backup._pg_tool(tool)
        script = wrappers / tool
        script.write_text(
            "#!/bin/sh\n"
            f'printf "argv %s\\n" "$0 $*" >> {log}\n'
            f'printf "env %s\\n" "$PGPASSWORD" >> {log}\n'
            f'exec {real} "$@"\n'
        )
        script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrappers}{os.pathsep}{os.environ['PATH']}")
    data = tmp_path / "data"
    try:
        backup.backup(data, url, tmp_path / "bk")
        backup.restore(data, url, tmp_path / "bk")
    finally:
        cluster.drop_database(name)
    lines = log.read_text().splitlines()
    argv = [line for line in lines if line.startswith("argv ")]
    assert len(argv) == 2 and "pg_dump" in argv[0] and "pg_restore" in argv[1]
    assert not any(SECRET in line for line in argv)
    assert [line for line in lines if line.startswith("env ")] == [f"env {SECRET}"] * 2


def test_the_data_directory_and_database_are_the_owners_alone(tmp_path):
    old = os.umask(0o022)  # a usual umask: files 0644, folders 0755 unless told otherwise
    try:
        data = tmp_path / "srv"
        result = CliRunner().invoke(main, ["server", "init", "--data", str(data)])
        assert result.exit_code == 0, result.output
        from fieldkit.server.app import create_app

        app = create_app(data)  # a write: the WAL and its index appear
        app.state.server.accounts.add_user("claire", "cheval batterie agrafe", "coordinator")
        assert mode(data) == 0o700
        for name in ("server.db", "server.db-wal", "server.db-shm"):
            assert mode(data / name) == 0o600, name
        result = CliRunner().invoke(
            main, ["server", "backup", "--data", str(data), str(tmp_path / "bk")]
        )
        assert result.exit_code == 0, result.output
        assert mode(tmp_path / "bk") == 0o700
        assert mode(tmp_path / "bk" / "server.db") == 0o600
        app.state.server.db.dispose()
        # A restore onto a fresh folder makes it the same way.
        fresh = tmp_path / "fresh"
        result = CliRunner().invoke(
            main, ["server", "restore", "--data", str(fresh), str(tmp_path / "bk"), "--yes"]
        )
        assert result.exit_code == 0, result.output
        assert mode(fresh) == 0o700 and mode(fresh / "server.db") == 0o600
    finally:
        os.umask(old)
