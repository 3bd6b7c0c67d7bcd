"""Encryption at rest: sealed photo files, SQLCipher database, keys, conversion.

The main check is the one a thief with a copy of the disk would run: every byte of every
file under an encrypted data directory is scanned for what the mission holds in clear.
"""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import keyring
import keyring.backend
import keyring.backends.fail
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from fieldkit import cipherfile, encryption, photos
from fieldkit.demo import build_demo
from fieldkit.encryption import EncryptionError
from fieldkit.paths import Home
from fieldkit.store import Store
from tests.photo_factory import make_jpeg

PASSPHRASE = "correct horse battery staple"
KEY = bytes(range(32))
PHOTO_MAGICS = (b"\xff\xd8\xff", b"\x89PNG", b"RIFF", b"II*\x00", b"MM\x00*")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A real keyring backend that keeps its secrets in this process (a laptop's
    keychain, without touching the developer's own)."""

    @keyring.backend.properties.classproperty
    def priority(cls) -> float:
        # keyring registers every subclass and picks the best viable one as the default:
        # a backend whose priority raises is never chosen by itself, only set explicitly.
        raise RuntimeError("only used when a test sets it")

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    return backend


@pytest.fixture
def sealed_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Home:
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, PASSPHRASE)
    return Home(tmp_path / "sealed").ensure()


# -- the file format ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "size",
    [0, 1, cipherfile.CHUNK - 1, cipherfile.CHUNK, cipherfile.CHUNK + 1, 3 * cipherfile.CHUNK + 5],
)
def test_sealed_file_round_trip(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "f"
    with cipherfile.EncryptedWriter(path, KEY) as w:
        for i in range(0, size, 10_000):
            w.write(data[i : i + 10_000])
    assert size < 32 or data[:32] not in path.read_bytes()
    with cipherfile.open_reader(path, KEY) as r:
        assert r.read() == data
    assert cipherfile.verify(path, KEY) == size


@settings(max_examples=40, deadline=None)
@given(
    size=st.integers(0, 3 * cipherfile.CHUNK),
    reads=st.lists(
        st.tuples(st.integers(0, 4 * cipherfile.CHUNK), st.integers(0, 70_000)), max_size=8
    ),
)
def test_sealed_file_reads_any_range(tmp_path_factory: pytest.TempPathFactory, size, reads) -> None:
    data = os.urandom(size)
    path = tmp_path_factory.mktemp("ranges") / "f"
    with cipherfile.EncryptedWriter(path, KEY) as w:
        w.write(data)
    with cipherfile.open_reader(path, KEY) as r:
        for offset, length in reads:
            r.seek(offset)
            assert r.read(length) == data[offset : offset + length]


def _sealed(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "f"
    path.unlink(missing_ok=True)
    with cipherfile.EncryptedWriter(path, KEY) as w:
        w.write(data)
    return path


def test_tampered_truncated_or_foreign_files_are_refused(tmp_path: Path) -> None:
    data = os.urandom(2 * cipherfile.CHUNK + 100)
    path = _sealed(tmp_path, data)
    raw = bytearray(path.read_bytes())
    # One flipped bit in the middle chunk.
    raw[cipherfile.HEADER_SIZE + cipherfile.CHUNK + 40] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(cipherfile.CipherFileError, match="damaged"):
        cipherfile.verify(path, KEY)
    # Cut exactly after a whole chunk: the missing final chunk is noticed.
    path = _sealed(tmp_path, data)
    with path.open("r+b") as fh:
        fh.truncate(cipherfile.HEADER_SIZE + 2 * (cipherfile.CHUNK + cipherfile.TAG))
    with pytest.raises(cipherfile.CipherFileError):
        cipherfile.verify(path, KEY)
    # Another key.
    path = _sealed(tmp_path, data)
    with pytest.raises(cipherfile.CipherFileError, match="another key"):
        cipherfile.verify(path, bytes(32))


def test_an_abandoned_writer_resumes_after_its_whole_chunks(tmp_path: Path) -> None:
    data = os.urandom(3 * cipherfile.CHUNK + 777)
    path = tmp_path / "part"
    w = cipherfile.EncryptedWriter(path, KEY)
    w.write(data[: 2 * cipherfile.CHUNK + 500])
    w.abandon()  # a download cut off: the 500 bytes in memory are lost
    w = cipherfile.EncryptedWriter.resume(path, KEY)
    assert w.plaintext_size == 2 * cipherfile.CHUNK
    w.write(data[w.plaintext_size :])
    w.close()
    with cipherfile.open_reader(path, KEY) as r:
        assert r.read() == data


# -- keys ----------------------------------------------------------------------------------


def test_new_homes_stay_clear_without_keyring_or_passphrase(tmp_path: Path) -> None:
    with Store.open(Home(tmp_path / "h")) as store:
        store.create_place(name="Le Bocal", postcode="29200")
    assert not encryption.is_encrypted(Home(tmp_path / "h"))
    assert (tmp_path / "h" / "fieldkit.db").read_bytes().startswith(b"SQLite format 3")


def test_new_homes_are_encrypted_where_a_keyring_works(tmp_path: Path, memory_keyring) -> None:
    home = Home(tmp_path / "h")
    with Store.open(home) as store:
        store.create_place(name="Le Bocal", postcode="29200")
    assert encryption.protection(home) == "keyring"
    assert len(memory_keyring.secrets) == 1
    assert not home.db_path.read_bytes().startswith(b"SQLite format 3")
    encryption.forget_keys()
    with Store.open(home) as store:  # the key comes back from the keyring
        assert [p["name"] for p in store.places()] == ["Le Bocal"]
    # The keyring lost the key (a reinstalled laptop): a clear refusal, nothing touched.
    memory_keyring.secrets.clear()
    encryption.forget_keys()
    before = _fingerprint(home.root)
    with pytest.raises(EncryptionError) as err:
        Store.open(home)
    assert err.value.code == "key_missing"
    assert "recover" in str(err.value)
    assert _fingerprint(home.root) == before


def test_encryption_can_be_refused_for_new_homes(tmp_path, memory_keyring, monkeypatch) -> None:
    monkeypatch.setenv(encryption.NEW_HOME_ENV, "off")
    with Store.open(Home(tmp_path / "h")):
        pass
    assert not encryption.is_encrypted(Home(tmp_path / "h"))
    # A passphrase chosen by the person (the app's first-run offer) still encrypts.
    chosen = Home(tmp_path / "chosen").ensure()
    assert encryption.setup_new_home(chosen, passphrase=PASSPHRASE)
    assert encryption.protection(chosen) == "passphrase"


def test_wrong_passphrase_is_refused_and_changes_nothing(sealed_home: Home, monkeypatch) -> None:
    with Store.open(sealed_home) as store:
        store.create_place(name="Le Bocal", postcode="29200")
    encryption.forget_keys()
    before = _fingerprint(sealed_home.root)
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "not the passphrase")
    with pytest.raises(EncryptionError) as err:
        Store.open(sealed_home)
    assert err.value.code == "wrong_passphrase"
    assert "nothing was opened or changed" in str(err.value)
    assert _fingerprint(sealed_home.root) == before


def test_the_passphrase_is_asked_until_right_or_given_up(sealed_home: Home, monkeypatch) -> None:
    with Store.open(sealed_home):
        pass
    encryption.forget_keys()
    monkeypatch.delenv(encryption.PASSPHRASE_ENV)
    with pytest.raises(EncryptionError) as err:
        Store.open(sealed_home)
    assert err.value.code == "passphrase_required"
    asked: list[int] = []

    def prompt(home: Home, attempt: int) -> str | None:
        asked.append(attempt)
        return "wrong one!" if attempt == 1 else PASSPHRASE

    encryption.set_passphrase_prompt(prompt)
    with Store.open(sealed_home) as store:
        assert store.places() == []
    assert asked == [1, 2]


def test_change_passphrase(sealed_home: Home, monkeypatch) -> None:
    with Store.open(sealed_home):
        pass
    encryption.change_passphrase(sealed_home, "une autre phrase secrète")
    encryption.forget_keys()
    monkeypatch.setenv(encryption.PASSPHRASE_ENV, "une autre phrase secrète")
    with Store.open(sealed_home) as store:
        assert store.places() == []
    with pytest.raises(EncryptionError, match="at least 8"):
        encryption.change_passphrase(sealed_home, "court")


def test_the_sqlcipher_build_has_fts5() -> None:
    module = encryption.sqlcipher_module()
    conn = module.connect(":memory:")
    assert conn.execute("PRAGMA cipher_version").fetchone()[0].startswith("4")


def test_clear_and_encrypted_connections_keep_a_32_mib_page_cache(
    tmp_path: Path, sealed_home: Home, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLCipher decrypts every page read into the cache: search and the sync's apply need
    their index pages to stay there (bench encryption: search and first sync down)."""
    clear = Home(tmp_path / "clear").ensure()
    monkeypatch.setenv(encryption.NEW_HOME_ENV, "off")
    Store.open(clear).close()
    monkeypatch.delenv(encryption.NEW_HOME_ENV)
    Store.open(sealed_home).close()
    for home in (clear, sealed_home):
        with Store.open(home) as store:
            assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == -32 * 1024
            assert encryption.is_encrypted(home) == (home is sealed_home)


def test_databases_authenticate_pages_with_hmac_sha256_and_older_ones_still_open(
    tmp_path: Path,
    sealed_home: Home,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """New and converted databases use HMAC-SHA256 (cheaper per page written); one made
    with SQLCipher's default SHA-512 (FieldKit before 2026-12) opens and stays as it is."""
    with Store.open(sealed_home) as store:
        place = store.create_place(name="Le Bocal", postcode="29200")
        assert store.conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA256"
    monkeypatch.setenv(encryption.NEW_HOME_ENV, "off")
    clear = Home(tmp_path / "converted").ensure()
    with Store.open(clear) as store:
        store.create_place(name="La Forge", postcode="35000")
    monkeypatch.delenv(encryption.NEW_HOME_ENV)
    encryption.encrypt_home(clear, passphrase=PASSPHRASE)
    with Store.open(clear) as store:
        assert store.conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA256"
        assert [p["name"] for p in store.places()] == ["La Forge"]

    legacy = Home(tmp_path / "legacy").ensure()
    encryption.setup_new_home(legacy, passphrase=PASSPHRASE)
    key = encryption.sqlcipher_key(encryption.data_key(legacy, PASSPHRASE))
    module = encryption.sqlcipher_module()
    conn = module.connect(str(legacy.db_path))
    conn.execute(f'PRAGMA key = "{key}"')
    conn.execute("PRAGMA cipher_hmac_algorithm = HMAC_SHA512")
    conn.execute("CREATE TABLE made_before(x)")
    conn.commit()
    conn.close()
    capfd.readouterr()
    with Store.open(legacy) as store:
        assert store.conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA512"
        store.create_place(name="Ancienne base", postcode="29200")
    with Store.open(legacy) as store:
        assert [p["name"] for p in store.places()] == ["Ancienne base"]
    # Trying the current algorithm first is expected to fail here: nothing on stderr.
    assert "hmac check failed" not in capfd.readouterr().err
    assert place["name"] == "Le Bocal"


# -- nothing readable on disk --------------------------------------------------------------


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _secrets_of(store: Store) -> list[str]:
    """Sentences of notes and names of interviewees: what must not be on the disk."""
    out: set[str] = set()
    for row in store.conn.execute("SELECT person_name, notes FROM interviews LIMIT 60"):
        if row[0]:
            out.add(row[0])
        sentence = (row[1] or "").split(".")[0].strip()
        if len(sentence) > 20:
            out.add(sentence)
    for row in store.conn.execute("SELECT notes FROM visits LIMIT 30"):
        sentence = (row[0] or "").split(".")[0].strip()
        if len(sentence) > 20:
            out.add(sentence)
    return sorted(out)


def _scan(root: Path, secrets: list[str]) -> list[str]:
    """Every secret found in any file under root, in UTF-8 or UTF-16."""
    needles = []
    for s in secrets:
        for enc in ("utf-8", "utf-16-le", "utf-16-be"):
            needles.append((s, s.encode(enc)))
    found = []
    for p in sorted(root.rglob("*")):
        if not p.is_file():
            continue
        data = p.read_bytes()
        found += [f"{s!r} in {p.relative_to(root)}" for s, n in needles if n in data]
    return found


def test_an_encrypted_mission_leaves_nothing_readable_on_disk(
    sealed_home: Home, tmp_path: Path
) -> None:
    with Store.open(sealed_home, user="claire") as store:
        build_demo(store, places=12, visits=20, interviews=40, photos=6, seed=7)
        secrets = _secrets_of(store)
        # Work that reads the mission back: search, a report (with photos), an export.
        hits = store.search("tiers lieu")
        assert hits
        from fieldkit.reports.region import build_region_report

        region = store.conn.execute(
            "SELECT p.region FROM photos ph JOIN visits v ON v.id = ph.visit_id "
            "JOIN places p ON p.id = v.place_id LIMIT 1"
        ).fetchone()[0]
        result = build_region_report(store, region, tmp_path / "out" / "r.pdf")
        assert result.pages > 3
        from fieldkit.exporter import export

        export(store, "csv", tmp_path / "out" / "csv")
        with store.transaction():  # something left in the WAL, as at any moment of use
            store.create_place(name="Dernier lieu", postcode="29200")
    assert len(secrets) > 10
    # Open again (another run of the app) so the WAL and shm exist as in daily use.
    store = Store.open(sealed_home)
    try:
        assert (sealed_home.root / "fieldkit.db-wal").exists()
        assert _scan(sealed_home.root, secrets) == []
        assert not sealed_home.db_path.read_bytes().startswith(b"SQLite format 3")
        photo_files = [
            p
            for d in (sealed_home.blobs_dir, sealed_home.derivatives_dir)
            for p in d.rglob("*")
            if p.is_file()
        ]
        assert len(photo_files) >= 6 * 3
        for p in photo_files:
            head = p.read_bytes()[:8]
            assert not head.startswith(PHOTO_MAGICS), p
            assert b"ftyp" not in head, p
            assert head.startswith(cipherfile.MAGIC), p
    finally:
        store.close()
    # The report embeds the photos (decrypted in memory) and exports are in clear.
    reader = PdfReader(tmp_path / "out" / "r.pdf")
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 1
    assert any(
        s in (tmp_path / "out" / "csv" / "visits.csv").read_text("utf-8-sig") for s in secrets
    )


def test_the_scan_finds_a_clear_mission(tmp_path: Path) -> None:
    """The check above can fail: on a clear data directory it finds the secrets."""
    home = Home(tmp_path / "clear").ensure()
    with Store.open(home) as store:
        build_demo(store, places=3, visits=4, interviews=6, photos=0, seed=7)
        secrets = _secrets_of(store)
    assert _scan(home.root, secrets)


def test_photos_in_an_encrypted_home_decrypt_to_the_imported_bytes(
    sealed_home: Home, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = make_jpeg(tmp_path / "IMG_1.jpg", size=(2400, 1600), orientation=6)
    big = tmp_path / "big.png"
    Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3)).save(big, compress_level=0)
    # Files above this are streamed through a sealed temporary copy, then decoded from it.
    monkeypatch.setattr(photos, "IN_MEMORY_MAX_BYTES", 1024 * 1024)
    with Store.open(sealed_home) as store:
        place = store.create_place(name="Le Bocal", postcode="29200")
        visit = store.create_visit(place["id"], visited_on="2026-10-02")
        report = photos.import_photos(store, visit["id"], [src, big], workers=2)
        assert not report.refused
        for row, original in zip(report.imported, (src, big), strict=True):
            sha = row["blob"]
            assert sha == hashlib.sha256(original.read_bytes()).hexdigest()
            with photos.open_original(sealed_home, sha) as fh:
                assert fh.read() == original.read_bytes()
            thumb = Image.open(io.BytesIO(photos.derivative_bytes(sealed_home, sha, "thumb")))
            assert max(thumb.size) == photos.THUMB_SIZE
        # Derivatives remade on demand are sealed too.
        sha = report.imported[0]["blob"]
        photos.derivative_path(sealed_home, sha, "report").unlink()
        data = photos.derivative_bytes(sealed_home, sha, "report")
        assert Image.open(io.BytesIO(data)).size == (1067, 1600)
        assert (
            photos.derivative_path(sealed_home, sha, "report")
            .read_bytes()
            .startswith(cipherfile.MAGIC)
        )


def test_kill_during_an_encrypted_import_leaves_no_plaintext(
    sealed_home: Home, tmp_path: Path
) -> None:
    sources = []
    noise = Image.frombytes("RGB", (1000, 800), os.urandom(1000 * 800 * 3))
    for i in range(30):
        p = tmp_path / "card" / f"IMG_{i:03}.png"
        p.parent.mkdir(exist_ok=True)
        noise.putpixel((i, 0), (i, i, i))  # each file its own content (no dedup)
        noise.save(p, compress_level=0)
        sources.append(p)
    with Store.open(sealed_home) as store:
        place = store.create_place(name="Le Bocal", postcode="29200")
        visit_id = store.create_visit(place["id"], visited_on="2026-10-02")["id"]
    script = textwrap.dedent(
        f"""
        import sys
        from fieldkit.store import Store
        from fieldkit.photos import import_photos
        store = Store.open({str(sealed_home.root)!r})
        import_photos(store, {visit_id!r}, sys.argv[1:], workers=2)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, sources)],
        env={**os.environ, encryption.PASSPHRASE_ENV: PASSPHRASE},
    )
    deadline = time.monotonic() + 60
    blobs = sealed_home.blobs_dir
    while time.monotonic() < deadline and proc.poll() is None:
        if len([p for p in blobs.rglob("*") if p.is_file()]) >= 6:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    leftovers = [p for p in sealed_home.root.rglob("*") if p.is_file()]
    assert any(blobs in p.parents for p in leftovers)
    for p in leftovers:
        if blobs in p.parents or sealed_home.derivatives_dir in p.parents:
            head = p.read_bytes()[:8]
            assert not head.startswith(PHOTO_MAGICS), p
            assert head == b"" or head.startswith(cipherfile.MAGIC[: len(head)]), p


# -- converting a data directory -----------------------------------------------------------


def _clear_mission(tmp_path: Path) -> tuple[Home, dict[str, int], list[str]]:
    home = Home(tmp_path / "mission").ensure()
    with Store.open(home, user="claire") as store:
        build_demo(store, places=6, visits=8, interviews=12, photos=3, seed=3)
        counts = {
            t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("places", "visits", "interviews", "photos", "outbox")
        }
        shas = [r[0] for r in store.conn.execute("SELECT blob FROM photos")]
    return home, counts, shas


def test_encrypt_then_decrypt_a_data_directory(tmp_path: Path) -> None:
    home, counts, shas = _clear_mission(tmp_path)
    originals = {sha: photos.blob_path(home, sha).read_bytes() for sha in shas}
    done = encryption.encrypt_home(home, passphrase=PASSPHRASE)
    assert done["photo_files"] >= 3 * len(shas)
    assert encryption.is_encrypted(home)
    assert not home.db_path.read_bytes().startswith(b"SQLite format 3")
    encryption.forget_keys()
    with pytest.raises(EncryptionError):
        Store.open(home)
    assert encryption.data_key(home, PASSPHRASE) is not None  # as the app's prompt would
    with Store.open(home) as store:
        for table, n in counts.items():
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n
        assert store.search("tiers")
    for sha, data in originals.items():
        assert photos.blob_path(home, sha).read_bytes().startswith(cipherfile.MAGIC)
        with photos.open_original(home, sha) as fh:
            assert fh.read() == data
    encryption.decrypt_home(home)
    assert not encryption.is_encrypted(home)
    encryption.forget_keys()
    with Store.open(home) as store:
        for table, n in counts.items():
            assert store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == n
    for sha, data in originals.items():
        assert photos.blob_path(home, sha).read_bytes() == data
    assert not list(tmp_path.glob(".mission*"))


def test_an_interrupted_conversion_leaves_the_old_directory_intact(tmp_path: Path) -> None:
    home, counts, _ = _clear_mission(tmp_path)
    before = _fingerprint(home.root)

    def cut(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt  # the laptop lid closes, Ctrl-C, …

    with pytest.raises(KeyboardInterrupt):
        encryption.encrypt_home(home, passphrase=PASSPHRASE, progress=cut)
    assert _fingerprint(home.root) == before
    assert not encryption.is_encrypted(home)
    assert not list(tmp_path.glob(".mission*"))


def test_a_conversion_cut_between_its_two_renames_is_undone_at_next_open(tmp_path: Path) -> None:
    home, counts, _ = _clear_mission(tmp_path)
    before = _fingerprint(home.root)
    staging, backup = encryption._siblings(home)
    staging.mkdir()
    (staging / "fieldkit.db").write_bytes(b"half-built")
    os.rename(home.root, backup)  # the process died right after the first rename
    with Store.open(home) as store:
        assert store.conn.execute("SELECT count(*) FROM places").fetchone()[0] == counts["places"]
    assert not staging.exists() and not backup.exists()
    after = _fingerprint(home.root)
    photo_files = {k: v for k, v in before.items() if k.startswith(("blobs/", "derivatives/"))}
    assert photo_files and photo_files.items() <= after.items()


def test_converting_twice_is_refused(tmp_path: Path) -> None:
    home, _, _ = _clear_mission(tmp_path)
    with pytest.raises(EncryptionError) as err:
        encryption.decrypt_home(home)
    assert err.value.code == "not_encrypted"
    encryption.encrypt_home(home, passphrase=PASSPHRASE)
    with pytest.raises(EncryptionError) as err:
        encryption.encrypt_home(home, passphrase=PASSPHRASE)
    assert err.value.code == "already_encrypted"


def test_encrypting_needs_a_keyring_or_a_passphrase(tmp_path: Path) -> None:
    home, _, _ = _clear_mission(tmp_path)
    before = _fingerprint(home.root)
    with pytest.raises(EncryptionError) as err:
        encryption.encrypt_home(home)
    assert err.value.code == "passphrase_required"
    assert _fingerprint(home.root) == before
    with pytest.raises(EncryptionError, match="at least 8"):
        encryption.encrypt_home(home, passphrase="court")


# -- the command line ------------------------------------------------------------------------


def _cli(home: Home, *args: str, env: dict[str, str] | None = None, input: str | None = None):
    from click.testing import CliRunner

    from fieldkit.cli import main

    encryption.forget_keys()
    return CliRunner().invoke(main, ["--home", str(home.root), *args], env=env, input=input)


def test_cli_encrypt_search_and_decrypt(tmp_path: Path) -> None:
    home, counts, _ = _clear_mission(tmp_path)
    result = _cli(home, "encrypt", "--passphrase", input=PASSPHRASE + "\n")
    assert result.exit_code == 0, result.output
    assert "not synced yet" in result.stderr  # the demo's changes were never sent
    assert "key is protected by a passphrase" in result.stdout
    env = {encryption.PASSPHRASE_ENV: PASSPHRASE}
    result = _cli(home, "init", env=env)
    assert result.exit_code == 0 and "encrypted, key in the passphrase" in result.stdout
    result = _cli(home, "places", "list", env=env)
    assert result.exit_code == 0 and len(result.stdout.splitlines()) >= counts["places"]
    # A wrong passphrase: one line, exit 1, nothing changed.
    before = _fingerprint(home.root)
    result = _cli(home, "places", "list", env={encryption.PASSPHRASE_ENV: "pas la bonne"})
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: Wrong passphrase for this data directory; nothing was opened or changed."
    )
    assert _fingerprint(home.root) == before
    result = _cli(home, "decrypt", env=env)
    assert result.exit_code == 0, result.output
    assert not encryption.is_encrypted(home)
    assert home.db_path.read_bytes().startswith(b"SQLite format 3")


def test_cli_encrypt_without_keyring_needs_a_passphrase(tmp_path: Path) -> None:
    home, _, _ = _clear_mission(tmp_path)
    result = _cli(home, "encrypt", input="\n")
    assert result.exit_code == 1
    assert "No passphrase given" in result.stderr
    assert not encryption.is_encrypted(home)


# -- what else the data directory holds ------------------------------------------------------


def _own_files(home: Home) -> dict[str, bytes]:
    """The person's files kept in the data folder, and a FieldKit setting beside them."""
    files = {
        "notes terrain.txt": "Penser à rappeler Mme Le Goff".encode(),
        "rapport-53.pdf": b"%PDF-1.7 a report printed earlier",
        "exports/2026-11/lieux.csv": b"nom;cp\nLe Bocal;35000\n",
        "exports/2026-11/.cache": b"hidden",
        "config/server.json": b'{"url": "https://fieldkit.example.org"}',
        "config/extras/remember.txt": b"a settings subfolder",
    }
    for rel, data in files.items():
        path = home.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (home.root / "vide").mkdir()
    os.symlink("notes terrain.txt", home.root / "raccourci")
    return files


def test_encrypt_and_decrypt_carry_over_every_other_file_and_folder(tmp_path: Path) -> None:
    home, _, _ = _clear_mission(tmp_path)
    files = _own_files(home)
    done = encryption.encrypt_home(home, passphrase=PASSPHRASE)
    assert sorted(done["other_files"]) == sorted(
        ["notes terrain.txt", "rapport-53.pdf", "exports/2026-11/lieux.csv",
         "exports/2026-11/.cache", "raccourci"]
    )  # fmt: skip
    for rel, data in files.items():
        assert (home.root / rel).read_bytes() == data, rel
    assert (home.root / "vide").is_dir()
    assert os.readlink(home.root / "raccourci") == "notes terrain.txt"
    encryption.decrypt_home(home)
    for rel, data in files.items():
        assert (home.root / rel).read_bytes() == data, rel
    assert (home.root / "vide").is_dir() and (home.root / "raccourci").is_symlink()
    assert not list(tmp_path.glob(".mission*"))


def test_a_file_that_cannot_be_copied_stops_the_conversion_before_it_starts(
    tmp_path: Path,
) -> None:
    home, _, _ = _clear_mission(tmp_path)
    _own_files(home)
    os.mkfifo(home.root / "exports" / "tube")
    before = _fingerprint(home.root)
    with pytest.raises(EncryptionError) as err:
        encryption.encrypt_home(home, passphrase=PASSPHRASE)
    assert err.value.code == "conversion_blocked"
    assert err.value.params["paths"] == ["exports/tube"]
    assert _fingerprint(home.root) == before
    assert not encryption.is_encrypted(home)
    assert not list(tmp_path.glob(".mission*"))


def test_cli_encrypt_names_the_other_files_and_decrypt_keeps_them(tmp_path: Path) -> None:
    home, _, _ = _clear_mission(tmp_path)
    files = _own_files(home)
    result = _cli(home, "encrypt", "--passphrase", input=PASSPHRASE + "\n")
    assert result.exit_code == 0, result.output
    assert "5 other files of the data directory" in result.stdout
    assert "notes terrain.txt" in result.stdout and "NOT encrypted" in result.stdout
    assert "deleted, not wiped" in result.stderr
    result = _cli(home, "decrypt", env={encryption.PASSPHRASE_ENV: PASSPHRASE})
    assert result.exit_code == 0, result.output
    assert "5 other files of the data directory carried over" in result.stdout
    for rel, data in files.items():
        assert (home.root / rel).read_bytes() == data, rel
    os.mkfifo(home.root / "tube")
    result = _cli(home, "encrypt", "--passphrase", input=PASSPHRASE + "\n")
    assert result.exit_code == 1
    assert "tube" in result.stderr and not encryption.is_encrypted(home)
