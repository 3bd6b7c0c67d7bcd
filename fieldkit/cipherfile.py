"""Encrypted files for photos at rest: AES-256-GCM in chunks (DESIGN §9).

A photo original can be 30 MB; it is never held whole in memory to be encrypted or
decrypted. The file is cut into chunks of ``CHUNK`` plaintext bytes, each sealed on its
own, so any byte range can be read (Pillow seeks; an upload resumes at an offset) by
opening only the chunks it spans.

Layout::

    header  32 bytes   MAGIC (8) | file id (16, random) | chunk size (4, big-endian) | 0 (4)
    chunk*  n bytes    AES-GCM(chunk plaintext) + 16-byte tag

Every chunk but the last holds exactly ``chunk size`` plaintext bytes; the last holds
fewer (possibly none) and is sealed with a "final" flag in its associated data, so a file
cut at a chunk boundary, chunks swapped between files or reordered all fail to decrypt.
Each file has its own key, derived from the data key and the file id (HKDF-SHA256), so
the chunk counter alone is a safe nonce.

A download that is interrupted keeps its complete chunks (written non-final as they fill)
and resumes after them: :meth:`EncryptedWriter.resume`.
"""

from __future__ import annotations

import io
import os
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldkit.errors import FieldKitError

MAGIC = b"FKENC\x00\x01\x00"
HEADER = struct.Struct(">8s16sII")
HEADER_SIZE = HEADER.size  # 32
CHUNK = 128 * 1024
TAG = 16


class CipherFileError(FieldKitError):
    """An encrypted file is damaged, truncated, or sealed with another key."""

    code = "encrypted_file_damaged"


def file_key(data_key: bytes, file_id: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=file_id, info=b"fieldkit photo file v1"
    ).derive(data_key)


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


def _aad(header: bytes, final: bool) -> bytes:
    return header + (b"\x01" if final else b"\x00")


def is_encrypted_file(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


class EncryptedWriter(io.RawIOBase):
    """A write-only file that seals what is written into ``path``.

    ``close()`` writes the final chunk; a writer never closed (a crash, a cancelled
    download) leaves only complete non-final chunks, which :meth:`resume` continues.
    """

    def __init__(self, path: Path, data_key: bytes, *, mode: str = "xb", fsync: bool = False):
        super().__init__()
        self.path = Path(path)
        self._fh: BinaryIO = self.path.open(mode)  # type: ignore[assignment]
        self._fsync = fsync
        file_id = os.urandom(16)
        self._header = HEADER.pack(MAGIC, file_id, CHUNK, 0)
        self._aead = AESGCM(file_key(data_key, file_id))
        self._fh.write(self._header)
        self._index = 0
        self._buf = bytearray()
        self._written = 0  # plaintext bytes accepted

    @classmethod
    def resume(cls, path: Path, data_key: bytes) -> EncryptedWriter:
        """Continue a partial file: keeps its complete chunks, drops a torn tail."""
        self = cls.__new__(cls)
        io.RawIOBase.__init__(self)
        self.path = Path(path)
        self._fsync = False
        with self.path.open("rb") as fh:
            header = fh.read(HEADER_SIZE)
        magic, file_id, chunk, _ = _parse_header(header, self.path)
        body = self.path.stat().st_size - HEADER_SIZE
        complete = body // (chunk + TAG)
        self._fh = self.path.open("r+b")
        self._fh.truncate(HEADER_SIZE + complete * (chunk + TAG))
        self._fh.seek(0, os.SEEK_END)
        self._header = header
        self._aead = AESGCM(file_key(data_key, file_id))
        self._index = complete
        self._buf = bytearray()
        self._written = complete * chunk
        return self

    @property
    def plaintext_size(self) -> int:
        """Bytes written so far (a resumed download continues from here)."""
        return self._written

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        self._buf += view
        self._written += len(view)
        while len(self._buf) >= CHUNK:
            # A full chunk is never the last one: the last holds fewer than CHUNK bytes.
            self._seal(bytes(self._buf[:CHUNK]), final=False)
            del self._buf[:CHUNK]
        return len(view)

    def _seal(self, plain: bytes, *, final: bool) -> None:
        self._fh.write(self._aead.encrypt(_nonce(self._index), plain, _aad(self._header, final)))
        self._index += 1

    def flush_complete(self) -> None:
        """Push complete chunks to the OS (a resumable download calls it as it goes)."""
        self._fh.flush()

    def close(self) -> None:
        if self.closed:
            return
        try:
            self._seal(bytes(self._buf), final=True)
            self._buf.clear()
            self._fh.flush()
            if self._fsync:
                os.fsync(self._fh.fileno())
        finally:
            self._fh.close()
            super().close()

    def abandon(self) -> None:
        """Close without the final chunk: what is written stays resumable."""
        if not self.closed:
            self._fh.flush()
            self._fh.close()
            super().close()


def _parse_header(header: bytes, path: Path) -> tuple[bytes, bytes, int, int]:
    if len(header) != HEADER_SIZE or not header.startswith(MAGIC):
        raise CipherFileError(
            f"{path} is not a FieldKit encrypted file.",
            code="encrypted_file_damaged",
            path=str(path),
        )
    magic, file_id, chunk, reserved = HEADER.unpack(header)
    if not 1024 <= chunk <= 16 * 1024 * 1024:
        raise CipherFileError(f"{path}: bad chunk size.", path=str(path))
    return magic, file_id, chunk, reserved


class EncryptedReader(io.RawIOBase):
    """A seekable, read-only view of the plaintext of an encrypted file."""

    def __init__(self, path: Path, data_key: bytes) -> None:
        super().__init__()
        self.path = Path(path)
        self._fh = self.path.open("rb")
        try:
            header = self._fh.read(HEADER_SIZE)
            _, file_id, self._chunk, _ = _parse_header(header, self.path)
            body = os.fstat(self._fh.fileno()).st_size - HEADER_SIZE
            step = self._chunk + TAG
            self._count = body // step + 1
            last = body - (self._count - 1) * step
            if last < TAG:
                raise CipherFileError(
                    f"{self.path} is truncated (an encrypted photo file must end with its "
                    "final chunk).",
                    path=str(self.path),
                )
            self.size = (self._count - 1) * self._chunk + last - TAG
        except BaseException:
            self._fh.close()
            raise
        self._header = header
        self._aead = AESGCM(file_key(data_key, file_id))
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            pos = offset
        elif whence == io.SEEK_CUR:
            pos = self._pos + offset
        elif whence == io.SEEK_END:
            pos = self.size + offset
        else:
            raise ValueError(f"bad whence {whence}")
        if pos < 0:
            raise OSError("negative seek position")
        self._pos = pos
        return pos

    def _plain_chunk(self, index: int) -> bytes:
        if self._cached and self._cached[0] == index:
            return self._cached[1]
        step = self._chunk + TAG
        final = index == self._count - 1
        self._fh.seek(HEADER_SIZE + index * step)
        sealed = self._fh.read(step)
        try:
            plain = self._aead.decrypt(_nonce(index), sealed, _aad(self._header, final))
        except InvalidTag:
            raise CipherFileError(
                f"{self.path} cannot be decrypted: it is damaged or was sealed with another key.",
                path=str(self.path),
            ) from None
        self._cached = (index, plain)
        return plain

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        out = memoryview(buffer).cast("B")
        done = 0
        while done < len(out) and self._pos < self.size:
            index, within = divmod(self._pos, self._chunk)
            plain = self._plain_chunk(index)
            n = min(len(out) - done, len(plain) - within)
            out[done : done + n] = plain[within : within + n]
            done += n
            self._pos += n
        return done

    def readall(self) -> bytes:
        parts = []
        while chunk := self.read(self._chunk):
            parts.append(chunk)
        return b"".join(parts)

    def close(self) -> None:
        if not self.closed:
            self._fh.close()
        super().close()


def open_reader(path: Path, data_key: bytes) -> io.BufferedReader:
    return io.BufferedReader(EncryptedReader(path, data_key), buffer_size=CHUNK)


def verify(path: Path, data_key: bytes) -> int:
    """Decrypt the whole file (every tag checked); returns its plaintext size."""
    with EncryptedReader(path, data_key) as reader:
        for index in range(reader._count):
            reader._plain_chunk(index)
        return reader.size
