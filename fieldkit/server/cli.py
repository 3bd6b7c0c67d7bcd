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
from fieldkit.server.config import AUDIT_EVENTS
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


def storage_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--s3-bucket/--s3-endpoint/--s3-region: blobs in an S3-compatible bucket."""
    fn = click.option(
        "--s3-region", default=None, envvar="FIELDKIT_SERVER_S3_REGION", help="Its region."
    )(fn)
    fn = click.option(
        "--s3-endpoint",
        default=None,
        envvar="FIELDKIT_SERVER_S3_ENDPOINT",
        help="The S3 service's URL when it is not AWS (MinIO, Garage, Scaleway…).",
    )(fn)
    return click.option(
        "--s3-bucket",
        default=None,
        envvar="FIELDKIT_SERVER_S3_BUCKET",
        help="Keep photo blobs in this S3-compatible bucket instead of the blobs/ folder "
        "(credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or ~/.aws).",
    )(fn)


def _storage(data_dir: Path, s3_bucket: str | None, s3_endpoint: str | None,
             s3_region: str | None) -> Any:  # fmt: skip
    from fieldkit.server.blobs import storage_for
    from fieldkit.server.config import Settings

    settings = Settings(s3_bucket=s3_bucket, s3_endpoint=s3_endpoint, s3_region=s3_region)
    return storage_for(settings, data_dir)


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
    from fieldkit.server.db import private_dir
    from fieldkit.store.store import utc_now

    private_dir(data_dir)
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


@server.command("audit")
@data_option
@database_option
@click.option("--since", default=None, help="From this date or time (ISO, UTC), e.g. 2026-12-01.")
@click.option(
    "--event",
    "events",
    multiple=True,
    type=click.Choice(AUDIT_EVENTS),
    help="Only these events (repeatable).",
)
@click.option("--limit", default=200, show_default=True, type=click.IntRange(1, 100_000))
@_friendly
def audit_cmd(
    data_dir: Path,
    database_url: str | None,
    since: str | None,
    events: tuple[str, ...],
    limit: int,
) -> None:
    """List logins, failed logins, user changes, erasures and restores: who, when, from
    where (never any content), oldest first."""
    from fieldkit.server import audit

    state = _open(data_dir, database_url)
    try:
        found = audit.entries(state.db, since=since, events=events, limit=limit)
    finally:
        state.db.dispose()
    if not found:
        click.echo("Nothing in the audit log" + (f" since {since}." if since else "."))
    for e in found:
        parts = [e["at"], e["event"], e["actor"], f"from {e['address'] or '-'}"]
        parts += [str(v) for v in (e["subject"], e["detail"]) if v]
        click.echo("  ".join(parts))


@server.command("run")
@data_option
@database_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535))
@click.option("--ssl-keyfile", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option("--ssl-certfile", type=click.Path(exists=True, dir_okay=False), default=None)
@click.option(
    "--log-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="json: one JSON object per log line (time, level, logger, message, request).",
)
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
    "--token-idle-days",
    default=14.0,
    show_default=True,
    envvar="FIELDKIT_SERVER_TOKEN_IDLE_DAYS",
    type=click.FloatRange(min=0.01),
    help="A login unused this long expires (each use renews it).",
)
@click.option(
    "--token-max-days",
    default=30.0,
    show_default=True,
    envvar="FIELDKIT_SERVER_TOKEN_MAX_DAYS",
    type=click.FloatRange(min=0.01),
    help="A login expires this long after it was made, used or not.",
)
@click.option(
    "--user-quota-mb",
    default=20_480.0,
    show_default=True,
    envvar="FIELDKIT_SERVER_USER_QUOTA_MB",
    type=click.FloatRange(min=0),
    help="Photos one user may keep on the server, in MiB (507 quota_exceeded past it).",
)
@click.option(
    "--upload-abandon-hours",
    default=24.0,
    show_default=True,
    envvar="FIELDKIT_SERVER_UPLOAD_ABANDON_HOURS",
    type=click.FloatRange(min=0.1),
    help="An upload untouched this long is dropped with its partial file.",
)
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Log one line per request (uvicorn's access log).",
)
@click.option(
    "--pin-cpus/--no-pin-cpus",
    default=True,
    show_default=True,
    help="Linux: keep each worker process on one CPU (the least taken by the other "
    "workers). A worker whose threads are spread over CPUs spends much of its time "
    "handing its one Python lock between them (docs/server.md, CPU placement).",
)
@storage_options
@_friendly
def run(
    data_dir: Path,
    database_url: str | None,
    host: str,
    port: int,
    ssl_keyfile: str | None,
    ssl_certfile: str | None,
    log_format: str,
    workers: int,
    trusted_proxies: str,
    token_idle_days: float,
    token_max_days: float,
    user_quota_mb: float,
    upload_abandon_hours: float,
    access_log: bool,
    pin_cpus: bool,
    s3_bucket: str | None,
    s3_endpoint: str | None,
    s3_region: str | None,
) -> None:
    """Serve the API with uvicorn (HTTPS when given a key and a certificate)."""
    if bool(ssl_keyfile) != bool(ssl_certfile):
        raise click.UsageError("--ssl-keyfile and --ssl-certfile go together.")
    import os

    from fieldkit.server.app import parse_networks
    from fieldkit.server.config import Settings
    from fieldkit.server.logs import log_config
    from fieldkit.server.serving import NoDelayConfig, serve

    settings = Settings(
        trusted_proxies=Settings.split(trusted_proxies),
        s3_bucket=s3_bucket,
        s3_endpoint=s3_endpoint,
        s3_region=s3_region,
        token_idle_days=token_idle_days,
        token_max_days=token_max_days,
        user_quota_mb=user_quota_mb,
        upload_abandon_hours=upload_abandon_hours,
    )
    parse_networks(settings.trusted_proxies)  # a typo fails here, not in every worker
    data_dir = data_dir.resolve()
    # Create and migrate once, before the workers start (they would race on the migration).
    state = _open(data_dir, database_url)
    shortfall = state.db.connection_shortfall(workers)
    state.db.dispose()
    if shortfall:
        click.echo(shortfall, err=True)
    # Every worker builds its app from these (uvicorn starts workers by import string).
    os.environ.update(settings.to_env())
    os.environ["FIELDKIT_SERVER_DATA"] = str(data_dir)
    os.environ["FIELDKIT_SERVER_DATABASE_URL"] = database_url or ""
    from fieldkit.server import placement

    if pin_cpus:
        os.environ.update(placement.environment(data_dir / "workers.cpu.lock"))
    else:
        os.environ.pop(placement.GROUP_ENV, None)
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from fieldkit.server.metrics import prepare_multiprocess_dir

        # /metrics must sum every worker's counters (prometheus-client multiprocess mode).
        prepare_multiprocess_dir(data_dir)
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
    config = NoDelayConfig(
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
        log_config=log_config(log_format),
        access_log=access_log,
    )
    serve(config)


def _database_url(data_dir: Path, database_url: str | None) -> str:
    from fieldkit.server.db import default_url

    return database_url or default_url(data_dir)


@server.command("backup")
@data_option
@database_option
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@storage_options
@_friendly
def backup_cmd(
    data_dir: Path,
    database_url: str | None,
    out: Path,
    s3_bucket: str | None,
    s3_endpoint: str | None,
    s3_region: str | None,
) -> None:
    """Write a consistent snapshot of the database and the photos into the new folder OUT.

    Safe while the server runs (SQLite online backup, or pg_dump for PostgreSQL).
    """
    from fieldkit.server.backup import backup

    if not data_dir.is_dir():
        raise click.ClickException(f"No server data directory at {data_dir}.")
    storage = _storage(data_dir, s3_bucket, s3_endpoint, s3_region)
    summary = backup(data_dir, _database_url(data_dir, database_url), out, storage)
    click.echo(summary.describe())


@server.command("restore")
@data_option
@database_option
@click.argument("source", type=click.Path(file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Don't ask for confirmation.")
@storage_options
@_friendly
def restore_cmd(
    data_dir: Path,
    database_url: str | None,
    source: Path,
    yes: bool,
    s3_bucket: str | None,
    s3_endpoint: str | None,
    s3_region: str | None,
) -> None:
    """Put the backup in SOURCE back (stop the server first); the server gets a new id.

    Clients notice the new id at their next sync and re-send what the backup lacks.
    """
    from fieldkit.server.backup import read_manifest, restore

    manifest = read_manifest(source)  # a bad folder is refused before asking anything
    if not yes:
        click.confirm(
            f"Replace the server's database in {data_dir} with the backup of "
            f"{manifest['created_at']} (seq {manifest['head']})?",
            abort=True,
        )
    from fieldkit.server.db import private_dir

    private_dir(data_dir)
    storage = _storage(data_dir, s3_bucket, s3_endpoint, s3_region)
    summary = restore(data_dir, _database_url(data_dir, database_url), source, storage)
    click.echo(summary.describe())


@server.command("config")
@data_option
@click.option("--mission-name", default=None, help="The mission's name (shown in the app).")
@click.option(
    "--recommended-client-version",
    default=None,
    metavar="VERSION",
    help="The app version agents should run (e.g. 0.2.0); older apps show a banner.",
)
@click.option(
    "--update-url",
    default=None,
    metavar="URL",
    help="Where agents get that version (the banner's link).",
)
@_friendly
def config(
    data_dir: Path,
    mission_name: str | None,
    recommended_client_version: str | None,
    update_url: str | None,
) -> None:
    """Show or change what the server announces on GET /api/v1/info ("" removes a setting)."""
    from fieldkit.server import mission

    changes = {
        "mission_name": mission_name,
        "recommended_client_version": recommended_client_version,
        "update_url": update_url,
    }
    if any(v is not None for v in changes.values()):
        mission.save_config(data_dir, changes)
    info = mission.info(data_dir)
    for key in ("mission_name", "recommended_client_version", "update_url", "mission_key"):
        click.echo(f"{key}: {info[key] or '(not set)'}")


@server.command("mission-file")
@data_option
@click.option(
    "--out",
    "out_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (e.g. mission.fieldkit).",
)
@click.option(
    "--url",
    default=None,
    help="The address agents reach the server at (default: https://<this host>:8765).",
)
@click.option("--name", default=None, help="Mission name (default: the server's setting).")
@click.option("--user", default=None, help="The agent's user name, filled in for them.")
@click.option(
    "--tls-cert",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The server's self-signed certificate: its fingerprint is pinned by the app.",
)
@_friendly
def mission_file(
    data_dir: Path,
    out_path: Path,
    url: str | None,
    name: str | None,
    user: str | None,
    tls_cert: Path | None,
) -> None:
    """Write a signed mission file that sets up the app: no address to type."""
    import json
    import socket

    from fieldkit.server import mission

    if not data_dir.is_dir():
        raise click.ClickException(f"{data_dir} is not a server data directory (run server init).")
    address = url or f"https://{socket.getfqdn()}:8765"
    doc = mission.make_mission_file(data_dir, address, name=name, user=user, tls_cert=tls_cert)
    out_path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    payload = doc["payload"]
    click.echo(f"Mission file {out_path} written for {payload['mission_name']!r} at {address}.")
    if payload["tls_fingerprint_sha256"]:
        click.echo(f"Pinned certificate: {payload['tls_fingerprint_sha256']}")
