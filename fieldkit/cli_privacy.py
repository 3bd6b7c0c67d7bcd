"""CLI commands about people's privacy: ``erase`` and ``retention`` (docs/privacy.md)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from fieldkit.cli_support import Context, friendly_errors, pass_ctx
from fieldkit.errors import ValidationError
from fieldkit.gate import OutputGate

if TYPE_CHECKING:
    from fieldkit.retention import RetentionPlan


@click.command("erase")
@click.argument("kind", type=click.Choice(["interview", "visit", "place"]))
@click.argument("record_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option(
    "--keep-captions",
    is_flag=True,
    help="Keep the captions of the visit's photos that name the erased interviewee "
    "(default: cleared, after asking).",
)
@pass_ctx
@friendly_errors
def erase_command(ctx: Context, kind: str, record_id: str, yes: bool, keep_captions: bool) -> None:
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
    clear: list[str] = []
    if what.captions:
        visit_id = store.require("interview", record_id)["visit_id"]
        click.echo(f"{len(what.captions)} caption(s) of the visit's photos name this person:")
        for photo_id, caption in what.captions:
            click.echo(f"  photo {photo_id}: « {gate.text(caption, visit_id=visit_id)} »")
        if not keep_captions and (yes or click.confirm("Clear these captions too?", default=True)):
            clear = [photo_id for photo_id, _ in what.captions]
    if not yes:
        click.confirm("Erase permanently? This cannot be undone", abort=True)
    result = erasure.erase(store, kind, record_id, clear_captions=clear)
    if clear:
        click.echo(f"Cleared {len(clear)} caption(s).")
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
@click.option(
    "--dry-run",
    is_flag=True,
    help="List what retention will change (counts and samples); write nothing.",
)
@pass_ctx
@friendly_errors
def retention_command(ctx: Context, until: str | None, clear: bool, dry_run: bool) -> None:
    """Show or set the date from which no interviewee is named (YYYY-MM-DD).

    From that day every output pseudonymises everyone, and `fieldkit sync` (or this
    command, once the date has passed) replaces the stored name fields by pseudonyms and
    exact full names in free text; it rewrites nothing it is not sure of.
    """
    from fieldkit import retention

    store = ctx.store
    if clear:
        if not dry_run:
            retention.set_date(store, None)
        click.echo("No retention date." if not dry_run else "Dry run: the date would go.")
        return
    day = None
    if until:
        try:
            day = dt.date.fromisoformat(until).isoformat()
        except ValueError:
            raise ValidationError(
                "until", f"{until!r} is not a date (YYYY-MM-DD).", code="bad_date"
            ) from None
    if dry_run:
        # Samples are outputs: through a gate that names nobody, as after the date.
        gate = OutputGate.for_store(store, with_names=False)
        _preview(retention.plan(store), day or retention.get_date(store), gate)
        return
    if day:
        retention.set_date(store, day)
    current = retention.get_date(store)
    if not current:
        click.echo("No retention date: names of consenting people may appear in outputs.")
        return
    click.echo(f"Names are pseudonymised in every output from {current}.")
    done = retention.apply_if_due(store)
    if done:
        click.echo(f"Past the date: {done} stored name(s) replaced by their pseudonym.")


def _preview(plan: RetentionPlan, day: str | None, gate: OutputGate) -> None:
    """What retention will change: counts per field, then a few samples of each."""
    when = f"from {day}" if day else "once a date is set"
    click.echo(f"Dry run, nothing written. Retention ({when}) will change:")
    if not plan.changes:
        click.echo("  nothing: no stored name left to replace.")
        return
    for (kind, field), n in sorted(plan.counts().items()):
        click.echo(f"  {n:>6}  {kind} {field}")
    click.echo("Samples (as they will read):")
    shown: dict[tuple[str, str], int] = {}
    for change in plan.changes:
        key = (change.kind, change.field)
        if shown.get(key, 0) >= 3:
            continue
        shown[key] = shown.get(key, 0) + 1
        click.echo(f"  {change.kind} {change.id} {change.field}: « {change.sample(gate)} »")
    click.echo(
        "Surnames or first names alone, and any form not written exactly as the full name, "
        "stay as they are in the notes; outputs hide them."
    )


COMMANDS = (erase_command, retention_command)
