"""A throwaway PostgreSQL cluster for the test session, on loopback in a temporary folder.

``initdb`` and ``postgres`` refuse to run as root; CI (and the dev containers) run as root,
so there the cluster is made and started as Debian's ``postgres`` user through
``runuser``. The cluster listens on 127.0.0.1 on a free port (and a private socket folder),
with durability off (fsync) since it is thrown away at the end of the session.

Each test server gets its own database, copied from a template that holds the four test
users (``CREATE DATABASE … TEMPLATE``: a file copy, far cheaper than migrating again).
"""

from __future__ import annotations

import glob
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

SKIP_ENV = "FIELDKIT_TEST_BACKENDS"


def wanted_backends() -> list[str]:
    """``sqlite`` and ``postgres`` unless FIELDKIT_TEST_BACKENDS narrows it (e.g. for a quick
    targeted run): ``make test`` always runs both."""
    raw = os.environ.get(SKIP_ENV, "sqlite,postgres")
    return [b.strip() for b in raw.split(",") if b.strip() in ("sqlite", "postgres")]


def find_bin_dir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    if candidates:
        return Path(candidates[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise RuntimeError(
        "PostgreSQL's initdb/pg_ctl were not found: `make test` installs the Debian package "
        "`postgresql`; or set FIELDKIT_TEST_BACKENDS=sqlite to run the SQLite half only."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgCluster:
    def __init__(self) -> None:
        self.bin = find_bin_dir()
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="fieldkit-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sock"
        self.sockets.mkdir()
        self.port = _free_port()
        self.user = "fieldkit"
        self._template: str | None = None
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(self.sockets, "postgres", "postgres")
            os.chmod(self.root, 0o755)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", self.user, "-A", "trust", "-E", "UTF8",
            "--no-sync", "--locale", "C",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=300 -c shared_buffers=64MB"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w",
                  "-t", "60", "-o", options, "start")  # fmt: skip
        self._watch()

    def _watch(self) -> None:
        """Stop the cluster if this process dies without tearing it down (a crash in
        another test must not leave a postgres running)."""
        stop = [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
        if self.as_root:
            stop = ["runuser", "-u", "postgres", "--", *stop]
        script = (
            f"while kill -0 {os.getpid()} 2>/dev/null; do sleep 2; done; "
            f"if [ -d {shlex.quote(str(self.data))} ]; then {shlex.join(stop)} >/dev/null 2>&1; "
            f"rm -rf {shlex.quote(str(self.root))}; fi"
        )
        subprocess.Popen(
            ["sh", "-c", script],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            for attempt in range(50):
                try:
                    conn.execute(sql)  # type: ignore[arg-type]
                    return
                except psycopg.errors.ObjectInUse:
                    # The template was just used and its last connection is still closing.
                    time.sleep(0.05 * (attempt + 1))
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self, template: str | None = None) -> str:
        name = f"fk_{uuid.uuid4().hex[:12]}"
        suffix = f" TEMPLATE {template}" if template else ""
        self._admin(f"CREATE DATABASE {name}{suffix}")
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def fresh_url(self, template: str) -> str:
        """A new database, copied from ``template``."""
        return self.url(self.create_database(template))
