"""``fieldkit server …``: create the server's data directory, add users, revoke tokens, run it.

Kept light at import time (the heavy server modules load inside the commands), because
``fieldkit`` imports this module for every command it runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from fieldkit.errors import FieldKitError
from fieldkit.text import count

data_option = click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The server's data directory (database server.db, blobs/, uploads/).",
)
database_option = click.option(
    "--database-url",
    default=None,
    envvar="FIELDKIT_SERVER_DATABASE_URL",
    help="SQLAlchemy URL of the database (default: SQLite file server.db in --data).",
)


def _friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A bad input, or a data directory or database that can't be used, becomes a one-line
    message and exit code 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from sqlalchemy.exc import ArgumentError, DBAPIError

        try:
            return fn(*args, **kwargs)
        except FieldKitError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            raise click.ClickException(f"Cannot use the data directory: {exc}") from exc
        except DBAPIError as exc:
            raise click.ClickException(f"Cannot use the database: {exc.orig}") from exc
        except ArgumentError as exc:
            raise click.ClickException(f"Bad --database-url: {exc}") from exc

    return wrapper


def plain_http_warning(host: str, tls: bool) -> str | None:
    """A warning when tokens and passwords would cross a network in clear text."""
    if tls or host in ("127.0.0.1", "::1", "localhost"):
        return None
    return (
        f"Warning: serving plain HTTP on {host}: passwords and tokens cross the network "
        "unencrypted. Give --ssl-keyfile/--ssl-certfile or put a TLS proxy in front."
    )


def _open(data_dir: Path, database_url: str | None) -> Any:
    from fieldkit.server.app import ServerState
    from fieldkit.server.config import Limits
    from fieldkit.store.store import utc_now

    data_dir.mkdir(parents=True, exist_ok=True)
    return ServerState(data_dir, database_url, utc_now, Limits())


@click.group("server")
def server() -> None:
    """The central sync server (for whoever runs it)."""


@server.command("init")
@data_option
@database_option
@_friendly
def init(data_dir: Path, database_url: str | None) -> None:
    """Create (or upgrade) the server's database and blob folders."""
    state = _open(data_dir, database_url)
    users = state.accounts.users()
    revision = state.db.current_revision()
    state.db.dispose()
    click.echo(
        f"FieldKit server data ready: {data_dir} (schema {revision}, {count(len(users), 'user')})."
    )


@server.command("add-user")
@data_option
@database_option
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["admin", "coordinator", "agent"]),
    help="admin and coordinator see all régions; an agent only theirs.",
)
@click.option(
    "--regions",
    default="",
    help="Comma-separated INSEE région codes of an agent, e.g. 53,76.",
)
@_friendly
def add_user(data_dir: Path, database_url: str | None, name: str, role: str, regions: str) -> None:
    """Add a user; the password is asked twice on a terminal, else read from stdin."""
    from fieldkit.server.auth import parse_regions

    region_list = parse_regions(regions)  # check before asking for a password
    if sys.stdin.isatty():
        password = click.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.ClickException("No password on standard input.")
    state = _open(data_dir, database_url)
    try:
        user = state.accounts.add_user(name, password, role, region_list)
    finally:
        state.db.dispose()
    where = ", ".join(user["regions"]) or "all régions"
    click.echo(f"User {user['name']} added ({user['role']}, {where}).")


@server.command("revoke-tokens")
@data_option
@database_option
@click.argument("name")
@_friendly
def revoke_tokens(data_dir: Path, database_url: str | None, name: str) -> None:
    """Revoke every token of a user (a lost laptop); they must log in again."""
    state = _open(data_dir, database_url)
    try:
        revoked = state.accounts.revoke_user_tokens(name)
    finally:
        state.db.dispose()
    click.echo(f"{count(revoked, 'token')} of {name} revoked.")


@server.command("run")
@data_option
@database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--ssl-keyfile", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--ssl-certfile", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (their shared state is in the database).",
)
@click.option(
    "--trusted-proxies",
    default="",
    envvar="FIELDKIT_SERVER_TRUSTED_PROXIES",
    help="Comma-separated addresses or networks of reverse proxies whose X-Forwarded-For "
    "is believed (default: none; the header is then ignored).",
)
@click.option(
    "--s3-bucket",
    default=None,
    envvar="FIELDKIT_SERVER_S3_BUCKET",
    help="Keep photos in this S3-compatible bucket instead of the blobs/ folder "
    "(credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY).",
)
@click.option(
    "--s3-endpoint",
    default=None,
    envvar="FIELDKIT_SERVER_S3_ENDPOINT",
    help="Endpoint URL of the S3-compatible service (MinIO, Garage…; default: AWS).",
)
@click.option("--s3-region", default=None, envvar="FIELDKIT_SERVER_S3_REGION", help="Its region.")
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log one line per request (uvicorn's access log).",
)
@_friendly
def run(
    data_dir: Path,
    database_url: str | None,
    host: str,
    port: int,
    ssl_keyfile: str | None,
    ssl_certfile: str | None,
    workers: int,
    trusted_proxies: str,
    s3_bucket: str | None,
    s3_endpoint: str | None,
    s3_region: str | None,
    access_log: bool,
) -> None:
    """Serve the API with uvicorn (HTTPS when given a key and a certificate)."""
    if bool(ssl_keyfile) != bool(ssl_certfile):
        raise click.UsageError("--ssl-keyfile and --ssl-certfile go together.")
    import os

    import uvicorn

    from fieldkit.server.app import parse_networks
    from fieldkit.server.config import Settings

    settings = Settings.from_env(os.environ)
    settings = Settings(
        trusted_proxies=Settings.split(trusted_proxies),
        s3_bucket=s3_bucket,
        s3_endpoint=s3_endpoint,
        s3_region=s3_region,
        s3_prefix=settings.s3_prefix,
        s3_access_key=settings.s3_access_key,
        s3_secret_key=settings.s3_secret_key,
    )
    parse_networks(settings.trusted_proxies)  # a typo fails here, not in every worker
    data_dir = data_dir.resolve()
    # Create and migrate once, before the workers start (they would race on the migration).
    state = _open(data_dir, database_url)
    state.db.dispose()
    # Every worker builds its app from these (uvicorn starts workers by import string).
    os.environ.update(settings.to_env())
    os.environ["FIELDKIT_SERVER_DATA"] = str(data_dir)
    os.environ["FIELDKIT_SERVER_DATABASE_URL"] = database_url or ""
    scheme = "https" if ssl_certfile else "http"
    warning = plain_http_warning(host, bool(ssl_certfile))
    if warning:
        click.echo(warning, err=True)
    plural = "es" if workers > 1 else ""
    click.echo(
        f"FieldKit server on {scheme}://{host}:{port} (data: {data_dir}, "
        f"{workers} process{plural})",
        err=True,
    )
    uvicorn.run(
        "fieldkit.server.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        ssl_keyfile=ssl_keyfile,
        ssl_certfile=ssl_certfile,
        # The app reads X-Forwarded-For itself, from --trusted-proxies only; uvicorn's own
        # handling would believe any loopback peer.
        proxy_headers=False,
        log_level="info",
        access_log=access_log,
    )
