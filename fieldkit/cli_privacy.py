"""CLI commands about people's privacy: ``erase`` and ``retention`` (docs/privacy.md)."""

from __future__ import annotations

import datetime as dt

import click

from fieldkit.cli_support import Context, friendly_errors, pass_ctx
from fieldkit.errors import ValidationError


@click.command("erase")
@click.argument("kind", type=click.Choice(["interview", "visit", "place"]))
@click.argument("record_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_ctx
@friendly_errors
def erase_command(ctx: Context, kind: str, record_id: str, yes: bool) -> None:
    """Erase KIND RECORD_ID permanently, with everything under it, bytes included.

    The next sync asks the server to erase it too, and every other computer purges it at
    its own next sync. Coordinators and admins; agents only for their own unsynced records.
    """
    from fieldkit import erasure

    store = ctx.store
    what = erasure.plan(store, kind, record_id)
    reason = erasure.refusal(store, what)
    if reason:
        raise click.ClickException(reason)
    # The terminal is an output: a hidden interviewee is shown by their label.
    gate = ctx.gate
    if kind == "interview":
        what.title = gate.person(store.require("interview", record_id)) or what.title
    elif kind == "photo":
        photo = store.require("photo", record_id)
        what.title = gate.text(what.title, visit_id=photo["visit_id"])
    click.echo(f"This destroys for good: {what.describe()}.")
    if not yes:
        click.confirm("Erase permanently? This cannot be undone", abort=True)
    result = erasure.erase(store, kind, record_id)
    click.echo(
        f"Erased {len(result.plan.records)} record(s) and {result.files_removed} file(s) "
        "on this computer."
    )
    if not result.bytes_wiped:
        click.echo("The app holds the database open: its log is emptied when it closes.")
    if store.get_setting("server_url"):
        click.echo("The next `fieldkit sync` asks the server to erase it everywhere.")


@click.command("retention")
@click.argument("until", required=False)
@click.option("--clear", is_flag=True, help="Remove the retention date.")
@pass_ctx
@friendly_errors
def retention_command(ctx: Context, until: str | None, clear: bool) -> None:
    """Show or set the date from which no interviewee is named (YYYY-MM-DD).

    From that day every output pseudonymises everyone, and `fieldkit sync` (or this
    command, once the date has passed) replaces the stored names by their pseudonyms.
    """
    from fieldkit import retention

    store = ctx.store
    if clear:
        retention.set_date(store, None)
        click.echo("No retention date.")
        return
    if until:
        try:
            day = dt.date.fromisoformat(until)
        except ValueError:
            raise ValidationError(
                "until", f"{until!r} is not a date (YYYY-MM-DD).", code="bad_date"
            ) from None
        retention.set_date(store, day.isoformat())
    current = retention.get_date(store)
    if not current:
        click.echo("No retention date: names of consenting people may appear in outputs.")
        return
    click.echo(f"Names are pseudonymised in every output from {current}.")
    done = retention.apply_if_due(store)
    if done:
        click.echo(f"Past the date: {done} stored name(s) replaced by their pseudonym.")


COMMANDS = (erase_command, retention_command)
