"""A clear copy of a mission's database, for sqlite-utils, Datasette and other SQLite tools.

Tools should never open the live file while the app runs (it writes through the WAL; a
tool that writes, or a plain file copy taken mid-commit, can lose the latest changes),
and an encrypted database is a SQLCipher file they cannot read. :func:`copy_database`
answers both: a consistent snapshot (a read transaction, so the app may keep writing),
decrypted when the data directory is encrypted, written beside the target and renamed.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from fieldkit import encryption
from fieldkit.errors import FieldKitError
from fieldkit.paths import Home


class CopyError(FieldKitError):
    """The copy could not be made (no database, target exists); nothing was written."""


def copy_database(home: Home, out: str | Path) -> dict[str, int]:
    """Copy ``home``'s database to ``out`` as a plain SQLite file; returns row counts.

    The key of an encrypted directory is used to read it (never removed from the keyring,
    unlike ``fieldkit decrypt``). Refuses to write over an existing file.
    """
    target = Path(out)
    if not home.db_path.exists():
        raise CopyError(f"There is no database in {home.root}.", code="missing_file")
    if target.exists():
        raise CopyError(f"{target} already exists; choose a new file name.", code="unwritable")
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        key = encryption.data_key(home)
        if key is None:
            source = sqlite3.connect(home.db_path)
            copy = sqlite3.connect(part)
            try:
                source.backup(copy)  # SQLite's online backup: a consistent snapshot
            finally:
                copy.close()
                source.close()
        else:
            source = encryption.connect_encrypted(home.db_path, key, isolation_level=None)
            try:
                version = source.execute("PRAGMA user_version").fetchone()[0]
                source.execute("ATTACH DATABASE ? AS clear KEY ''", (str(part),))
                source.execute("BEGIN")  # one snapshot of every table
                source.execute("SELECT sqlcipher_export('clear')")
                source.execute(f"PRAGMA clear.user_version = {int(version)}")
                source.execute("COMMIT")
                source.execute("DETACH DATABASE clear")
            finally:
                source.close()
        with sqlite3.connect(part) as check:
            counts = {
                table: check.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("places", "visits", "interviews", "photos")
            }
        check.close()
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return counts
