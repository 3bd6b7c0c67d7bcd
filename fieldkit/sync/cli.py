"""``fieldkit login``, ``fieldkit sync`` and ``fieldkit logout``."""

from __future__ import annotations

import sys
from typing import Any

import click

from fieldkit.cli_support import friendly_errors, pass_ctx
from fieldkit.sync import client as sync_client
from fieldkit.sync.blobs import SyncError
from fieldkit.text import count


def _read_password(user: str) -> str:
    if sys.stdin.isatty():
        return str(click.prompt(f"Password for {user}", hide_input=True))
    line = sys.stdin.readline()
    if not line:
        raise SyncError("No password given on standard input.", code="no_password")
    return line.rstrip("\r\n")


def confirm_plain_http(url: str, allow: bool) -> None:
    """Before a password goes to ``url``: warn when it is plain HTTP to another machine,
    and go on only if the person says so (on a terminal) or gave --allow-plain-http."""
    from fieldkit.sync.tls import plain_http_beyond_loopback

    if not plain_http_beyond_loopback(url):
        return
    click.echo(
        f"Warning: {url} is plain HTTP to another machine: your password and your login "
        "would cross the network unencrypted, readable by anyone on the way. Ask the "
        "coordinator for an https:// address.",
        err=True,
    )
    if allow:
        return
    if sys.stdin.isatty():
        if click.confirm("Send your password over plain HTTP anyway?", default=False, err=True):
            return
        raise click.ClickException("Nothing was sent.")
    raise click.ClickException(
        "Nothing was sent: give --allow-plain-http to send the password over plain HTTP anyway."
    )


ALLOW_PLAIN_HTTP = click.option(
    "--allow-plain-http",
    is_flag=True,
    help="Send the password to an http:// address of another machine without asking.",
)


@click.command()
@click.argument("url")
@click.option("--user", "user", required=True, help="Your account name on the server.")
@click.option("--device", default=None, help="A name for this computer (default: hostname).")
@ALLOW_PLAIN_HTTP
@pass_ctx
@friendly_errors
def login(ctx: Any, url: str, user: str, device: str | None, allow_plain_http: bool) -> None:
    """Log in to the sync server at URL (password prompted, or read from stdin)."""
    confirm_plain_http(url, allow_plain_http)
    password = _read_password(user)
    answer = sync_client.login(ctx.store, url, user, password, device_name=device)
    regions = ", ".join(answer.get("regions") or []) or "all regions"
    where = "the system keyring" if answer["token_store"] == "keyring" else answer["token_store"]
    click.echo(f"Logged in to {url} as {user} ({answer.get('role')}, {regions}).")
    click.echo(f"Login kept in {where}.")


@click.command()
@click.option("--photos", is_flag=True, help="Also download every photo not on this computer.")
@click.option(
    "--check",
    is_flag=True,
    help="Sync nothing: say whether anything would be lost if this computer were wiped "
    "(exit status 1 if so).",
)
@pass_ctx
@friendly_errors
def sync(ctx: Any, photos: bool, check: bool) -> None:
    """Send local changes and photos to the server, then receive everyone else's."""
    if check:
        from fieldkit.sync.pending import check_with_server

        answer = check_with_server(ctx.store)
        click.echo(answer.describe())
        if not answer.safe:
            raise click.exceptions.Exit(1)
        return
    last: dict[str, int] = {}

    def progress(done: int, total: int, label: str) -> None:
        # One line per phase and per tenth of it (per thousand records received, whose
        # total is not known in advance): readable in a log, not a flood.
        step = done // 1000 if label == "pull" else (done * 10 // total) if total else 0
        if last.get(label) == step:
            return
        last[label] = step
        click.echo(f"  {label}: {done}" + (f" / {total}" if total else ""), err=True)

    store = ctx.store
    with sync_client.SyncClient.from_settings(store) as client:
        click.echo(f"Syncing with {client.base_url}…", err=True)
        summary = client.sync(progress=progress, photos=photos)
    click.echo(summary.describe())
    open_conflicts = store.conflict_count()
    if open_conflicts:
        click.echo(
            f"{count(open_conflicts, 'conflict')} wait{'s' if open_conflicts == 1 else ''} for a decision (open the app's conflicts view)."
        )
    if store.outbox_count():
        click.echo(f"{count(store.outbox_count(), 'change')} still waiting to be sent.")


@click.command()
@pass_ctx
@friendly_errors
def logout(ctx: Any) -> None:
    """Revoke this computer's login on the server and forget it here."""
    url = ctx.store.get_setting(sync_client.SERVER_URL)
    if sync_client.logout(ctx.store):
        click.echo(f"Logged out of {url}.")
    else:
        click.echo(
            f"Forgot the login here, but could not reach {url} to revoke it; "
            "an administrator can revoke this device on the server.",
        )


@click.group(invoke_without_command=True)
@click.pass_context
def devices(click_ctx: click.Context) -> None:
    """Your logins (one per device) on the sync server; `devices revoke ID` ends one."""
    if click_ctx.invoked_subcommand is None:
        click_ctx.invoke(devices_list)


@devices.command("list")
@pass_ctx
@friendly_errors
def devices_list(ctx: Any) -> None:
    """List your logins still valid on the server (this computer's is marked *)."""
    with sync_client.SyncClient.from_settings(ctx.store) as client:
        found = client.devices()
    if not found:
        click.echo("No login is valid on the server.")
    for d in found:
        mark = "*" if d["current"] else " "
        click.echo(
            f"{mark} {d['id']:>6}  {d['device_name']}  last used {d['last_used_at']}  "
            f"expires {d['expires_at']}"
        )


@devices.command("revoke")
@click.argument("device_id", type=click.IntRange(min=1))
@pass_ctx
@friendly_errors
def devices_revoke(ctx: Any, device_id: int) -> None:
    """Revoke one of your logins (a lost laptop): it must log in again."""
    with sync_client.SyncClient.from_settings(ctx.store) as client:
        client.revoke_device(device_id)
    click.echo(f"Login {device_id} revoked.")
