"""Encryption at rest of a data directory (DESIGN §9): keys, file access, conversion.

An encrypted data directory has ``config/encryption.json`` (no secret in it) and one
random 32-byte *data key*:

- kept in the OS keyring (``keyring``), or
- wrapped by a passphrase (argon2id → AES-GCM), the wrapped key in ``encryption.json``.
  ``FIELDKIT_PASSPHRASE`` gives the passphrase to non-interactive runs (CLI, tests); the
  app asks for it at start-up.

From the data key come (HKDF-SHA256) the SQLCipher key of ``fieldkit.db`` (its WAL is
encrypted by SQLCipher too) and one key per photo file (``fieldkit.cipherfile``).
Content addressing keeps the sha256 of the *plaintext*, so dedup and sync are unchanged.

:func:`open_read` / :func:`open_write` are how the core reads and writes photo files: in
a clear data directory they are plain files; in an encrypted one they are sealed, and a
thumbnail or report image is only ever decrypted in memory.

:func:`encrypt_home` / :func:`decrypt_home` convert a whole data directory: the new one is
built beside the old one and swapped in with two renames; interrupted anywhere, the old
directory is intact, and :func:`recover_interrupted` (run before every open) puts things
back. Whatever else the directory holds (the person's own files and folders) is copied
as it is; what cannot be copied (a pipe, an unreadable file) stops the conversion before
anything changes. The old directory is then deleted (unlinked, not wiped).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldkit import cipherfile
from fieldkit.errors import FieldKitError
from fieldkit.paths import Home

CONFIG_NAME = "encryption.json"
KEYRING_SERVICE = "FieldKit"
PASSPHRASE_ENV = "FIELDKIT_PASSPHRASE"
# "off" keeps new data directories in clear even where a keyring works (developers, CI).
NEW_HOME_ENV = "FIELDKIT_ENCRYPTION"
MIN_PASSPHRASE = 8
# argon2id, RFC 9106's second recommended option (64 MiB, 3 passes): ~0.1–0.3 s here.
ARGON2 = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 2}


class EncryptionError(FieldKitError):
    """The data directory's key cannot be had (wrong passphrase, keyring lost, …)."""

    code = "encryption"


# A function the app (or CLI) registers to ask for the passphrase: (home, attempt) → text,
# or None when the person gives up. attempt counts from 1; > 1 means the last was wrong.
PassphrasePrompt = Callable[[Home, int], "str | None"]
_prompt: PassphrasePrompt | None = None
_keys: dict[Path, bytes | None] = {}
_keys_lock = threading.Lock()


def set_passphrase_prompt(prompt: PassphrasePrompt | None) -> None:
    global _prompt
    _prompt = prompt


def remember_key(home: Home, key: bytes) -> None:
    """Hand this process a data key another process unlocked (report workers: they cannot
    ask for the passphrase)."""
    with _keys_lock:
        _keys[home.root.resolve()] = key


def forget_keys() -> None:
    """Drop every key this process unlocked (tests; the app before converting)."""
    with _keys_lock:
        _keys.clear()


# -- state -------------------------------------------------------------------------------


def config_path(home: Home) -> Path:
    return home.config_dir / CONFIG_NAME


def state(home: Home) -> dict[str, Any] | None:
    """The directory's encryption settings, or None when it is in clear."""
    try:
        return json.loads(config_path(home).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise EncryptionError(
            f"{config_path(home)} cannot be read ({exc}).", code="encryption_config_damaged"
        ) from None


def is_encrypted(home: Home) -> bool:
    return config_path(home).is_file()


def keyring_available() -> bool:
    """Whether a real keyring backend works here (not on headless Linux, usually)."""
    try:
        import keyring
        import keyring.backends.chainer
        import keyring.backends.fail

        backend = keyring.get_keyring()
        if isinstance(backend, keyring.backends.fail.Keyring):
            return False
        if isinstance(backend, keyring.backends.chainer.ChainerBackend):
            return bool(backend.backends)
        return True
    except Exception:  # noqa: BLE001 - a broken backend is no keyring
        return False


def protection(home: Home) -> str | None:
    """``"keyring"``, ``"passphrase"`` or None (clear)."""
    s = state(home)
    return str(s["protection"]) if s else None


# -- the SQLCipher build -------------------------------------------------------------------

_sqlcipher_checked = False


def sqlcipher_module() -> Any:
    """``sqlcipher3``, checked once for what FieldKit needs: SQLCipher 4 with FTS5."""
    global _sqlcipher_checked
    try:
        import sqlcipher3
    except ImportError as exc:
        raise EncryptionError(
            f"This FieldKit has no SQLCipher ({exc}); encrypted data cannot be opened.",
            code="sqlcipher_missing",
        ) from None
    if not _sqlcipher_checked:
        conn = sqlcipher3.connect(":memory:")
        try:
            conn.execute("PRAGMA key = 'probe'")
            version = conn.execute("PRAGMA cipher_version").fetchone()
            conn.execute(
                "CREATE VIRTUAL TABLE probe USING fts5(t, tokenize='unicode61 remove_diacritics 2')"
            )
        except Exception as exc:  # noqa: BLE001
            raise EncryptionError(
                "This SQLCipher build lacks full-text search (FTS5), which FieldKit needs: "
                f"{exc}. Install the sqlcipher3 wheels from PyPI.",
                code="sqlcipher_no_fts5",
            ) from None
        finally:
            conn.close()
        if not version or not str(version[0]).startswith("4"):
            raise EncryptionError(
                f"FieldKit needs SQLCipher 4, this build is {version}.", code="sqlcipher_version"
            )
        _sqlcipher_checked = True
    return sqlcipher3


def database_errors() -> tuple[type[BaseException], ...]:
    """sqlite3's and SQLCipher's exception bases (they are distinct classes)."""
    try:
        import sqlcipher3

        return (sqlite3.Error, sqlcipher3.Error)
    except ImportError:
        return (sqlite3.Error,)


def sqlcipher_key(data_key: bytes) -> str:
    """The raw SQLCipher key (hex blob): no PBKDF2 at each open, the key is random."""
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"fieldkit sqlcipher v1"
    ).derive(data_key)
    return f"x'{derived.hex()}'"


# FieldKit's databases authenticate pages with HMAC-SHA256 (SQLCipher 4's default is
# SHA-512): on CPUs with SHA extensions it costs about a fifth less CPU per page written, the
# bulk of an encrypted first sync (bench encryption). Databases encrypted before keep
# SHA-512 and are recognised when opened.
HMAC_ALGORITHM = "HMAC_SHA256"
_LEGACY_HMAC_ALGORITHM = "HMAC_SHA512"


def _keyed(
    path: str | Path, data_key: bytes, hmac: str, *, quiet: bool = False, **kwargs: Any
) -> Any:
    """A connection keyed for ``hmac`` and checked by a read; None if the key or the
    algorithm does not match the file. ``quiet``: a mismatch is expected (trying the
    current algorithm on an older file), so SQLCipher does not log it to stderr."""
    sqlcipher3 = sqlcipher_module()
    conn = sqlcipher3.connect(str(path), **kwargs)
    conn.execute(f'PRAGMA key = "{sqlcipher_key(data_key)}"')
    conn.execute(f"PRAGMA cipher_hmac_algorithm = {hmac}")
    level = conn.execute("PRAGMA cipher_log_level").fetchone()[0] if quiet else None
    if quiet:
        conn.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher's level is process-wide
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        return None
    finally:
        if level is not None:
            # On a connection of its own: the one that failed its read may refuse pragmas.
            restore = sqlcipher3.connect(":memory:")
            restore.execute(f"PRAGMA cipher_log_level = {level}")
            restore.close()
    return conn


def connect_encrypted(path: str | Path, data_key: bytes, **kwargs: Any) -> Any:
    """A SQLCipher connection to ``path``, keyed and checked (wrong key: EncryptionError)."""
    sqlcipher3 = sqlcipher_module()
    existing = str(path) != ":memory:" and Path(path).exists()
    conn = _keyed(path, data_key, HMAC_ALGORITHM, quiet=existing, **kwargs)
    if conn is None and existing:
        conn = _keyed(path, data_key, _LEGACY_HMAC_ALGORITHM, **kwargs)
    if conn is None:
        raise EncryptionError(
            f"{path} cannot be opened with this data directory's key (the key does not match, "
            "or the file is damaged).",
            code="database_key_mismatch",
        )
    # Temporary tables and sort spills stay in memory, never in clear on disk.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.row_factory = sqlcipher3.Row
    return conn


# -- keys --------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _kek(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        hash_len=32,
        type=Type.ID,
    )


def _wrap(data_key: bytes, passphrase: str, home_id: str) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_kek(passphrase, salt, ARGON2)).encrypt(nonce, data_key, home_id.encode())
    return {
        "kdf": "argon2id",
        **ARGON2,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "key": _b64(sealed),
    }


def _unwrap(wrapped: dict[str, Any], passphrase: str, home_id: str) -> bytes | None:
    params = {k: int(wrapped[k]) for k in ARGON2}
    kek = _kek(passphrase, _unb64(wrapped["salt"]), params)
    try:
        return AESGCM(kek).decrypt(
            _unb64(wrapped["nonce"]), _unb64(wrapped["key"]), home_id.encode()
        )
    except InvalidTag:
        return None


def _keyring_account(home_id: str) -> str:
    return f"data-key {home_id}"


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise EncryptionError(
            f"The passphrase must have at least {MIN_PASSPHRASE} characters.",
            code="passphrase_too_short",
            minimum=MIN_PASSPHRASE,
        )


def _new_state(data_key: bytes, passphrase: str | None) -> dict[str, Any]:
    """Settings for a new key; a keyring key is saved to the keyring here."""
    home_id = str(uuid.uuid4())
    s: dict[str, Any] = {
        "format": 1,
        "home_id": home_id,
        "database": "sqlcipher4",
        "files": "aes-256-gcm-chunked-v1",
    }
    if passphrase is not None:
        check_passphrase(passphrase)
        s["protection"] = "passphrase"
        s["wrapped_key"] = _wrap(data_key, passphrase, home_id)
        return s
    if not keyring_available():
        raise EncryptionError(
            "There is no system keyring on this computer: encryption needs a passphrase.",
            code="passphrase_required",
        )
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_account(home_id), _b64(data_key))
    except Exception as exc:  # noqa: BLE001
        raise EncryptionError(
            f"The key could not be saved in the system keyring ({exc}); use a passphrase.",
            code="keyring_failed",
        ) from None
    s["protection"] = "keyring"
    return s


def _write_state(config_dir: Path, s: dict[str, Any]) -> None:
    config_dir.mkdir(parents=True, exist_ok=True)
    target = config_dir / CONFIG_NAME
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(s, indent=2), encoding="utf-8")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def data_key(home: Home, passphrase: str | None = None) -> bytes | None:
    """The data key of an encrypted directory (None if it is in clear).

    Unlocked once per process and kept in memory. Raises EncryptionError with code
    ``wrong_passphrase``, ``passphrase_required`` or ``key_missing``, changing nothing.
    """
    root = home.root.resolve()
    with _keys_lock:
        if root in _keys and _keys[root] is not None:
            return _keys[root]
    s = state(home)
    if s is None:
        return None
    key = _unlock(home, s, passphrase)
    with _keys_lock:
        _keys[root] = key
    return key


def _unlock(home: Home, s: dict[str, Any], passphrase: str | None) -> bytes:
    home_id = str(s["home_id"])
    if s.get("protection") == "keyring":
        key_text = None
        with contextlib.suppress(Exception):
            import keyring

            key_text = keyring.get_password(KEYRING_SERVICE, _keyring_account(home_id))
        if not key_text:
            raise EncryptionError(
                f"The key of the encrypted data directory {home.root} is not in this "
                "computer's keyring. Without it the data cannot be read: recover what was "
                "synced by logging in again in a new data directory (see docs/privacy.md).",
                code="key_missing",
                path=str(home.root),
            )
        return _unb64(key_text)
    wrapped = s["wrapped_key"]
    given = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
    if given is not None:
        key = _unwrap(wrapped, given, home_id)
        if key is None:
            raise EncryptionError(
                "Wrong passphrase for this data directory; nothing was opened or changed.",
                code="wrong_passphrase",
            )
        return key
    attempt = 1
    while _prompt is not None:
        typed = _prompt(home, attempt)
        if typed is None:
            break
        key = _unwrap(wrapped, typed, home_id)
        if key is not None:
            return key
        attempt += 1
    raise EncryptionError(
        f"The data directory {home.root} is encrypted with a passphrase: give it (or set "
        f"{PASSPHRASE_ENV}).",
        code="passphrase_required",
    )


def change_passphrase(home: Home, new_passphrase: str) -> None:
    """Re-wrap the data key with a new passphrase (the directory must be unlocked)."""
    key = data_key(home)
    s = state(home)
    if key is None or s is None:
        raise EncryptionError("This data directory is not encrypted.", code="not_encrypted")
    check_passphrase(new_passphrase)
    s["protection"] = "passphrase"
    s["wrapped_key"] = _wrap(key, new_passphrase, str(s["home_id"]))
    _write_state(home.config_dir, s)


def setup_new_home(home: Home, *, passphrase: str | None = None) -> bool:
    """Decide for a data directory that has no database yet; True if it is encrypted.

    A passphrase given here always encrypts it. Otherwise it is encrypted by default when
    a keyring works or ``FIELDKIT_PASSPHRASE`` is set, unless ``FIELDKIT_ENCRYPTION=off``.
    """
    if is_encrypted(home):
        return True
    given = passphrase
    if given is None:
        if os.environ.get(NEW_HOME_ENV, "").lower() in ("off", "0", "no", "false"):
            return False
        given = os.environ.get(PASSPHRASE_ENV)
        if given is None and not keyring_available():
            return False
    key = os.urandom(32)
    _write_state(home.config_dir, _new_state(key, given))
    with _keys_lock:
        _keys[home.root.resolve()] = key
    return True


# -- photo files -------------------------------------------------------------------------


def _key_for_files(home: Home) -> bytes | None:
    return data_key(home)


def open_read(home: Home, path: Path) -> IO[bytes]:
    """Read a photo file (original, derivative, partial download) as plaintext."""
    key = _key_for_files(home)
    if key is not None and cipherfile.is_encrypted_file(path):
        return cipherfile.open_reader(path, key)
    return path.open("rb")


def read_bytes(home: Home, path: Path) -> bytes:
    with open_read(home, path) as fh:
        return fh.read()


def plaintext_size(home: Home, path: Path) -> int:
    key = _key_for_files(home)
    if key is not None and cipherfile.is_encrypted_file(path):
        with cipherfile.EncryptedReader(path, key) as reader:
            return reader.size
    return path.stat().st_size


@contextlib.contextmanager
def open_write(
    home: Home, path: Path, *, mode: str = "xb", fsync: bool = False
) -> Iterator[IO[bytes]]:
    """Write a photo file; sealed in an encrypted directory. On error the file is removed."""
    key = _key_for_files(home)
    fh: Any
    fh = (
        cipherfile.EncryptedWriter(path, key, mode=mode, fsync=fsync)
        if key is not None
        else path.open(mode)
    )
    try:
        yield fh
    except BaseException:
        with contextlib.suppress(Exception):
            if isinstance(fh, cipherfile.EncryptedWriter):
                fh.abandon()
            else:
                fh.close()
        path.unlink(missing_ok=True)
        raise
    if isinstance(fh, cipherfile.EncryptedWriter):
        fh.close()
    else:
        fh.flush()
        if fsync:
            os.fsync(fh.fileno())
        fh.close()


def write_bytes(home: Home, path: Path, data: bytes, *, fsync: bool = False) -> None:
    with open_write(home, path, mode="wb", fsync=fsync) as fh:
        fh.write(data)


# -- converting a data directory ------------------------------------------------------------

STAGING_SUFFIX = ".fieldkit-converting"
BACKUP_SUFFIX = ".fieldkit-before-conversion"


def _siblings(home: Home) -> tuple[Path, Path]:
    root = home.root
    return root.with_name(f".{root.name}{STAGING_SUFFIX}"), root.with_name(
        f".{root.name}{BACKUP_SUFFIX}"
    )


def recover_interrupted(home: Home) -> str | None:
    """Finish or undo a conversion that was cut off; returns what was done, if anything."""
    staging, backup = _siblings(home)
    if backup.exists() and not home.root.exists():
        os.rename(backup, home.root)  # cut between the two renames: the old one comes back
        shutil.rmtree(staging, ignore_errors=True)
        return "restored"
    if backup.exists():
        shutil.rmtree(backup, ignore_errors=True)  # the swap happened; the old copy goes
        return "cleaned"
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)  # cut while building: nothing changed
        return "discarded"
    return None


def unsent_changes(home: Home) -> int:
    """How many local changes no server has yet (lost if the key is lost before a sync)."""
    from fieldkit.store import Store

    with Store.open(home) as store:
        return int(store.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


Progress = Callable[[int, int], None]


def encrypt_home(
    home: Home, *, passphrase: str | None = None, progress: Progress | None = None
) -> dict[str, Any]:
    """Convert a clear data directory to an encrypted one, in place and atomically."""
    recover_interrupted(home)
    if is_encrypted(home):
        raise EncryptionError(f"{home.root} is already encrypted.", code="already_encrypted")
    if passphrase is None:
        passphrase = os.environ.get(PASSPHRASE_ENV)
    if passphrase is not None:
        check_passphrase(passphrase)
    new_key = os.urandom(32)
    return _convert(home, src_key=None, dst_key=new_key, passphrase=passphrase, progress=progress)


def decrypt_home(home: Home, *, progress: Progress | None = None) -> dict[str, Any]:
    """Convert an encrypted data directory back to clear, in place and atomically."""
    recover_interrupted(home)
    key = data_key(home)
    if key is None:
        raise EncryptionError(f"{home.root} is not encrypted.", code="not_encrypted")
    return _convert(home, src_key=key, dst_key=None, passphrase=None, progress=progress)


# The database's own files: the main file is converted (its WAL checkpointed into it first).
_DATABASE_FILES = ("fieldkit.db", "fieldkit.db-wal", "fieldkit.db-shm", "fieldkit.db-journal")


def _others(home: Home) -> tuple[list[Path], list[Path]]:
    """What a conversion copies as it is (relative paths, folders before what they hold):
    every file, folder and link of the data directory that is not the database, a photo
    file or FieldKit's own temporaries and encryption settings; and what it cannot copy
    (pipes, sockets, devices, unreadable files), which stops it before it starts."""
    root = home.root
    photo_dirs = (home.blobs_dir, home.derivatives_dir)
    own = {root / name for name in _DATABASE_FILES} | {
        home.config_dir / CONFIG_NAME,
        (home.config_dir / CONFIG_NAME).with_suffix(".tmp"),
    }
    carried: list[Path] = []
    blocked: list[Path] = []

    def unlisted(error: OSError) -> None:
        blocked.append(Path(str(error.filename)).relative_to(root))

    for folder, dirnames, filenames in os.walk(root, onerror=unlisted):
        here = Path(folder)
        walk_into = []
        for name in sorted(dirnames):
            path = here / name
            if path in photo_dirs:
                continue  # _photo_files converts what is in there
            if path.is_symlink():
                carried.append(path.relative_to(root))  # copied as a link, not followed
            elif os.access(path, os.R_OK | os.X_OK):
                carried.append(path.relative_to(root))
                walk_into.append(name)
            else:
                blocked.append(path.relative_to(root))
        dirnames[:] = walk_into
        for name in sorted(filenames):
            path = here / name
            if path in own:
                continue
            if path.is_symlink() or (path.is_file() and os.access(path, os.R_OK)):
                carried.append(path.relative_to(root))
            else:
                blocked.append(path.relative_to(root))
    return carried, blocked


def _copy_other(src: Path, dst: Path) -> None:
    if src.is_symlink():
        os.symlink(os.readlink(src), dst)
    elif src.is_dir():
        dst.mkdir(exist_ok=True)
        shutil.copystat(src, dst)
    else:
        shutil.copy2(src, dst)


def _convert(
    home: Home,
    *,
    src_key: bytes | None,
    dst_key: bytes | None,
    passphrase: str | None,
    progress: Progress | None,
) -> dict[str, Any]:
    staging, backup = _siblings(home)
    carried, blocked = _others(home)
    if blocked:
        shown = ", ".join(str(p) for p in blocked[:20]) + (" …" if len(blocked) > 20 else "")
        raise EncryptionError(
            f"Nothing was changed: {len(blocked)} item(s) of {home.root} cannot be copied "
            f"(not a regular file or folder, or unreadable): {shown}. Move them out of the "
            "data directory, or make them readable, and convert again.",
            code="conversion_blocked",
            paths=[str(p) for p in blocked],
            value=shown,
        )
    shutil.rmtree(staging, ignore_errors=True)
    files = list(_photo_files(home))
    total = len(files) + len(carried) + 1
    done = 0
    staged = Home(staging)
    try:
        staged.ensure()
        _convert_database(home.db_path, staged.db_path, src_key, dst_key)
        done += 1
        if progress:
            progress(done, total)
        for src in files:
            rel = src.relative_to(home.root)
            dst = staging / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            _convert_file(src, dst, src_key, dst_key)
            done += 1
            if progress:
                progress(done, total)
        # Everything else the directory holds comes along as it is (config files, the
        # person's own files and folders); the encryption settings are new.
        for rel in carried:
            _copy_other(home.root / rel, staging / rel)
            done += 1
            if progress:
                progress(done, total)
        state_for_new: dict[str, Any] | None = None
        if dst_key is not None:
            state_for_new = _new_state(dst_key, passphrase)
            _write_state(staged.config_dir, state_for_new)
        _fsync_tree(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # The switch: two renames. Cut between them, recover_interrupted() restores the old.
    os.rename(home.root, backup)
    os.rename(staging, home.root)
    with _keys_lock:
        _keys.pop(home.root.resolve(), None)
        if dst_key is not None:
            _keys[home.root.resolve()] = dst_key
    if src_key is not None:
        old = state(Home(backup))
        if old and old.get("protection") == "keyring":
            with contextlib.suppress(Exception):
                import keyring

                keyring.delete_password(KEYRING_SERVICE, _keyring_account(str(old["home_id"])))
    # Unlinked, not wiped: see docs/encryption.md (on an SSD overwriting would not help).
    shutil.rmtree(backup, ignore_errors=True)
    # FieldKit's settings (config/) came along as always; the rest is the person's.
    other_files = [
        rel.as_posix()
        for rel in carried
        if rel.parts[0] != home.config_dir.name and not (home.root / rel).is_dir()
    ]
    return {"database": 1, "photo_files": len(files), "other_files": other_files}


def _photo_files(home: Home) -> Iterator[Path]:
    for folder in (home.blobs_dir, home.derivatives_dir):
        if not folder.exists():
            continue
        for p in sorted(folder.rglob("*")):
            # Temporary import files are not data; everything else (originals, partial
            # downloads, derivatives) is converted.
            if p.is_file() and ".incoming" not in p.parts and not p.name.startswith("."):
                yield p


def _convert_file(src: Path, dst: Path, src_key: bytes | None, dst_key: bytes | None) -> None:
    partial = src.suffix == ".part"
    reader: IO[bytes]
    if src_key is not None and cipherfile.is_encrypted_file(src):
        if partial:
            # A partial download has no final chunk: keep what decrypts, restart the rest.
            reader = _partial_plaintext(src, src_key)
        else:
            reader = cipherfile.open_reader(src, src_key)
    else:
        reader = src.open("rb")
    with reader:
        if dst_key is None:
            with dst.open("xb") as out:
                shutil.copyfileobj(reader, out, cipherfile.CHUNK)
        else:
            writer = cipherfile.EncryptedWriter(dst, dst_key)
            shutil.copyfileobj(reader, writer, cipherfile.CHUNK)
            if partial:
                writer.abandon()  # still resumable: no final chunk
            else:
                writer.close()


def _partial_plaintext(src: Path, key: bytes) -> IO[bytes]:
    import io

    body = src.stat().st_size - cipherfile.HEADER_SIZE
    complete = body // (cipherfile.CHUNK + cipherfile.TAG)
    out = io.BytesIO()
    with src.open("rb") as fh:
        header = fh.read(cipherfile.HEADER_SIZE)
        _, file_id, chunk, _ = cipherfile.HEADER.unpack(header)
        aead = AESGCM(cipherfile.file_key(key, file_id))
        for index in range(complete):
            sealed = fh.read(chunk + cipherfile.TAG)
            try:
                out.write(aead.decrypt(index.to_bytes(12, "big"), sealed, header + b"\x00"))
            except InvalidTag:
                break
    out.seek(0)
    return out


def _convert_database(src: Path, dst: Path, src_key: bytes | None, dst_key: bytes | None) -> None:
    """Copy every table, index, trigger and the schema version with sqlcipher_export."""
    if not src.exists():
        return
    sqlcipher3 = sqlcipher_module()
    if src_key is not None:
        conn = connect_encrypted(src, src_key, isolation_level=None)
        conn.row_factory = None
    else:
        conn = sqlcipher3.connect(str(src), isolation_level=None)
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        # Everything in the WAL goes into the main file first; an open app would hold a
        # write lock and make this wait (busy timeout), then fail cleanly.
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        target_key = sqlcipher_key(dst_key) if dst_key is not None else ""
        conn.execute(
            "ATTACH DATABASE ? AS converted KEY " + (f'"{target_key}"' if target_key else "''"),
            (str(dst),),
        )
        if dst_key is not None:
            conn.execute(f"PRAGMA converted.cipher_hmac_algorithm = {HMAC_ALGORITHM}")
        conn.execute("BEGIN IMMEDIATE")  # no other writer while we copy
        conn.execute("SELECT sqlcipher_export('converted')")
        conn.execute(f"PRAGMA converted.user_version = {int(version)}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    if dst_key is not None:
        wal = connect_encrypted(dst, dst_key, isolation_level=None)
    else:
        wal = sqlcipher3.connect(str(dst), isolation_level=None)
    try:
        wal.execute("PRAGMA journal_mode = WAL")
    finally:
        wal.close()


def _fsync_tree(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            with p.open("rb") as fh:
                os.fsync(fh.fileno())


# -- downloads that resume ---------------------------------------------------------------------


def partial_size(home: Home, part: Path) -> int:
    """Plaintext bytes of a partial download that a resumed download can keep."""
    if not part.exists():
        return 0
    if _key_for_files(home) is None:
        return part.stat().st_size
    if not cipherfile.is_encrypted_file(part):
        return 0  # not ours (or a header cut short): start again
    body = part.stat().st_size - cipherfile.HEADER_SIZE
    return (body // (cipherfile.CHUNK + cipherfile.TAG)) * cipherfile.CHUNK


def download_complete(home: Home, part: Path) -> bool:
    """Whether a sealed partial download was finished (a crash came before its rename)."""
    key = _key_for_files(home)
    if key is None or not part.exists() or not cipherfile.is_encrypted_file(part):
        return False
    try:
        cipherfile.verify(part, key)
    except cipherfile.CipherFileError:
        return False
    return True


@contextlib.contextmanager
def open_download(home: Home, part: Path, *, restart: bool) -> Iterator[IO[bytes]]:
    """Append to a download. Finished normally, the file is complete; cut off by an
    exception, what arrived stays on disk for the next try (sealed: its whole chunks)."""
    key = _key_for_files(home)
    if key is None:
        with part.open("wb" if restart else "ab") as fh:
            yield fh
        return
    if restart or partial_size(home, part) == 0:
        part.unlink(missing_ok=True)
        writer = cipherfile.EncryptedWriter(part, key)
    else:
        writer = cipherfile.EncryptedWriter.resume(part, key)
    try:
        yield writer  # type: ignore[misc]
    except BaseException:
        writer.abandon()
        raise
    writer.close()


def finish_download(home: Home, part: Path) -> None:
    """Seal a partial download whose bytes all arrived (an empty final chunk)."""
    key = _key_for_files(home)
    if key is not None and part.exists() and not download_complete(home, part):
        cipherfile.EncryptedWriter.resume(part, key).close()
