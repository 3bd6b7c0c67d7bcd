"""``fieldkit mission show FILE`` and ``fieldkit mission open FILE``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from fieldkit.cli_support import friendly_errors, pass_ctx
from fieldkit.sync import mission_file
from fieldkit.sync.cli import ALLOW_PLAIN_HTTP, _read_password, confirm_plain_http
from fieldkit.updates import notice_from_info


@click.group("mission")
def mission() -> None:
    """Mission files from the coordinator (`fieldkit server mission-file`)."""


@mission.command("show")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@friendly_errors
def show(file: Path) -> None:
    """Check a mission file's signature and print what it holds (no network)."""
    click.echo(mission_file.read_mission_file(file).describe())
    click.echo("Signature: valid.")


@mission.command("open")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--user", default=None, help="Your user name (default: the one in the file).")
@click.option("--device", default=None, help="A name for this computer (default: hostname).")
@click.option("--no-sync", is_flag=True, help="Log in only; do not run the first sync.")
@ALLOW_PLAIN_HTTP
@pass_ctx
@friendly_errors
def open_(
    ctx: Any,
    file: Path,
    user: str | None,
    device: str | None,
    no_sync: bool,
    allow_plain_http: bool,
) -> None:
    """Set up the server from FILE, log in (password prompted or from stdin), first sync."""
    from fieldkit.sync import client as sync_client

    found = mission_file.read_mission_file(file)
    name = user or found.user
    if not name:
        raise click.UsageError("This mission file names no user: give --user NAME.")
    confirm_plain_http(found.server_url, allow_plain_http)
    info = mission_file.check_server(found)
    click.echo(f"Mission {found.mission_name!r} at {found.server_url}: server checked.")
    password = _read_password(name)
    answer = mission_file.open_mission(ctx.store, found, password, user=name, device_name=device)
    regions = ", ".join(answer.get("regions") or []) or "all regions"
    click.echo(f"Logged in as {name} ({answer.get('role')}, {regions}).")
    notice = notice_from_info(info)
    if notice is not None:
        link = notice.url or "ask the coordinator"
        click.echo(f"FieldKit {notice.recommended} is recommended for this mission: {link}")
    if no_sync:
        return
    with sync_client.SyncClient.from_settings(ctx.store) as client:
        summary = client.sync()
    click.echo(summary.describe())
