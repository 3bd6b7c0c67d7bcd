"""``fieldkit encrypt`` and ``fieldkit decrypt``: convert a data directory in place."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

import click

from fieldkit import encryption
from fieldkit.cli_support import Context, friendly_errors, pass_ctx
from fieldkit.paths import Home
from fieldkit.text import count

MAX_ATTEMPTS = 3


def terminal_prompt(home: Home, attempt: int) -> str | None:
    """Ask for the passphrase of an encrypted data directory on the terminal."""
    if not sys.stdin.isatty() or attempt > MAX_ATTEMPTS:
        return None
    if attempt > 1:
        click.echo("Wrong passphrase.", err=True)
    return str(click.prompt(f"Passphrase of {home.root}", hide_input=True, err=True))


def _new_passphrase() -> str:
    """A new passphrase: asked twice on a terminal, else FIELDKIT_PASSPHRASE or stdin."""
    if sys.stdin.isatty():
        return str(
            click.prompt(
                "New passphrase (8 characters at least)",
                hide_input=True,
                confirmation_prompt=True,
                err=True,
            )
        )
    env = os.environ.get(encryption.PASSPHRASE_ENV)
    if env:
        return env
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise click.ClickException(
            f"No passphrase given (standard input or {encryption.PASSPHRASE_ENV})."
        )
    return line


def _progress_bar(label: str) -> Callable[[int, int], None]:
    state = {"shown": -1}

    def progress(done: int, total: int) -> None:
        percent = done * 100 // max(1, total)
        if percent // 10 != state["shown"]:
            state["shown"] = percent // 10
            click.echo(f"{label}: {percent} % ({done}/{total} files)", err=True)

    return progress


@click.command()
@click.option(
    "--passphrase",
    "use_passphrase",
    is_flag=True,
    help="Protect the key with a passphrase (asked for) instead of the system keyring.",
)
@pass_ctx
@friendly_errors
def encrypt(ctx: Context, use_passphrase: bool) -> None:
    """Encrypt the data directory (database and photos) in place."""
    home = ctx.home
    passphrase = None
    if use_passphrase or not encryption.keyring_available():
        passphrase = _new_passphrase()
    pending = 0
    if home.db_path.exists():
        pending = encryption.unsent_changes(home)
    if pending:
        click.echo(
            f"Note: {pending} change{'s' if pending != 1 else ''} not synced yet. If the key "
            "is lost, only what was synced can be recovered from the server.",
            err=True,
        )
    done = encryption.encrypt_home(
        home, passphrase=passphrase, progress=_progress_bar("Encrypting")
    )
    where = "a passphrase" if passphrase is not None else "the system keyring"
    click.echo(
        f"Encrypted {home.root}: the database and {done['photo_files']} photo "
        f"file{'s' if done['photo_files'] != 1 else ''}; the key is protected by {where}."
    )
    _say_other_files(done["other_files"], "carried over as they were, NOT encrypted")
    click.echo(
        "The clear files were deleted, not wiped: on an SSD their blocks may stay readable "
        "until the drive reuses them; full-disk encryption is what protects them "
        "(docs/encryption.md).",
        err=True,
    )


@click.command()
@pass_ctx
@friendly_errors
def decrypt(ctx: Context) -> None:
    """Turn an encrypted data directory back into a clear one, in place."""
    done = encryption.decrypt_home(ctx.home, progress=_progress_bar("Decrypting"))
    click.echo(
        f"Decrypted {ctx.home.root}: the database and {done['photo_files']} photo "
        f"file{'s' if done['photo_files'] != 1 else ''} are in clear again."
    )
    _say_other_files(done["other_files"], "carried over as they were")


def _say_other_files(paths: list[str], how: str) -> None:
    """Name the files of the data directory that are not FieldKit's (kept, never lost)."""
    if not paths:
        return
    shown = ", ".join(paths[:10]) + (f" and {len(paths) - 10} more" if len(paths) > 10 else "")
    click.echo(f"{count(len(paths), 'other file')} of the data directory {how}: {shown}.")


COMMANDS = [encrypt, decrypt]
