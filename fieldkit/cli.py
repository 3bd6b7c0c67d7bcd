"""The ``fieldkit`` command.

Every command reads the data directory from ``--home DIR`` or ``FIELDKIT_HOME`` and exits
non-zero with a one-line message on any error. Each command is documented in README.md
(a test fails otherwise).
"""

from __future__ import annotations

import sys
from typing import Any

import click

from fieldkit import __version__
from fieldkit.cli_support import Context, friendly_errors, gated_output, pass_ctx
from fieldkit.paths import Home
from fieldkit.text import count


class GatedGroup(click.Group):
    """The ``fieldkit`` group: an error's message passes the output gate too.

    Click prints a command's error after its context has closed (and with it the gated
    streams of :func:`gated_output`), so the message is gated here, on its way out.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            gate = ctx.obj.opened_gate() if isinstance(ctx.obj, Context) else None
            if gate is not None:
                # ``message`` is typed Final; it is a plain attribute all the same.
                vars(exc)["message"] = gate.line(exc.message)
            raise


@click.group(cls=GatedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    envvar="FIELDKIT_HOME",
    help="Data directory (default: the platform's user data folder).",
)
@click.version_option(__version__, prog_name="fieldkit")
@click.pass_context
def main(ctx: click.Context, home: str | None) -> None:
    """FieldKit: offline-first field visits to tiers-lieux."""
    from fieldkit import encryption
    from fieldkit.cli_encryption import terminal_prompt

    # An encrypted data directory's passphrase: FIELDKIT_PASSPHRASE, else asked here.
    encryption.set_passphrase_prompt(terminal_prompt)
    ctx.obj = Context(Home.resolve(home))
    # Whatever a command prints passes the output gate (fieldkit.gate).
    ctx.with_resource(gated_output(ctx.obj))


@main.command()
@pass_ctx
@friendly_errors
def init(ctx: Context) -> None:
    """Create (or upgrade) the local database in the data directory."""
    from fieldkit import encryption

    store = ctx.store
    protection = encryption.protection(ctx.home)
    sealed = f"encrypted, key in the {protection}" if protection else "not encrypted"
    click.echo(
        f"FieldKit data directory ready: {ctx.home.root} "
        f"({count(len(store.places()), 'place')}; {sealed})"
    )


@main.command("copy-db")
@click.argument("out", type=click.Path(dir_okay=False))
@pass_ctx
@friendly_errors
def copy_db(ctx: Context, out: str) -> None:
    """Copy the database to OUT, in clear, to explore it with sqlite-utils or Datasette."""
    from fieldkit import encryption
    from fieldkit.store.explore import copy_database

    counts = copy_database(ctx.home, out)
    click.echo(
        f"Copied {ctx.home.db_path} to {out}: {count(counts['places'], 'place')}, "
        f"{count(counts['visits'], 'visit')}, {count(counts['interviews'], 'interview')}, "
        f"{count(counts['photos'], 'photo')} (tombstones included)."
    )
    if encryption.is_encrypted(ctx.home):
        click.echo(
            "The copy is NOT encrypted and holds every name in clear: keep it on this "
            "computer and delete it when done.",
            err=True,
        )


@main.group()
def photos() -> None:
    """Photos of visits."""


@photos.command("import")
@click.argument("visit_id")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--caption", default="", help="Caption given to every imported photo.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Files read in parallel.")
@pass_ctx
@friendly_errors
def photos_import(
    ctx: Context, visit_id: str, files: tuple[str, ...], caption: str, workers: int | None
) -> None:
    """Import photo FILES into visit VISIT_ID (copied, never moved; duplicates skipped)."""
    from fieldkit.photos import import_photos

    report = import_photos(ctx.store, visit_id, files, caption=caption, workers=workers)
    for row in report.imported:
        click.echo(f"imported  {row['original_name']}  {row['width']}x{row['height']}  {row['id']}")
    for path in report.duplicates:
        click.echo(f"duplicate {path} (already in this visit)")
    for path, reason in report.refused:
        click.echo(f"refused   {path}: {reason}", err=True)
    summary = (
        f"{len(report.imported)} imported, {count(len(report.duplicates), 'duplicate')}, "
        f"{len(report.refused)} refused."
    )
    if report.refused:
        raise click.ClickException(summary)
    click.echo(summary)


# Sync commands live with the sync client; imported here, after main exists.
from fieldkit.sync import cli as sync_cli  # noqa: E402

main.add_command(sync_cli.login)
main.add_command(sync_cli.sync)
main.add_command(sync_cli.logout)
main.add_command(sync_cli.devices)

from fieldkit.sync.mission_cli import mission as mission_group  # noqa: E402

main.add_command(mission_group)

from fieldkit.reports.cli import report as report_command  # noqa: E402

main.add_command(report_command)

# demo, places, visits, search, export live in cli_records (importer/exporter/demo owner).
from fieldkit.cli_records import COMMANDS as RECORD_COMMANDS  # noqa: E402

for _command in RECORD_COMMANDS:
    main.add_command(_command)

from fieldkit.cli_encryption import COMMANDS as ENCRYPTION_COMMANDS  # noqa: E402

for _command in ENCRYPTION_COMMANDS:
    main.add_command(_command)

from fieldkit.cli_privacy import COMMANDS as PRIVACY_COMMANDS  # noqa: E402

for _command in PRIVACY_COMMANDS:
    main.add_command(_command)

# places communes/settle/duplicates/merge, figures: geography (they join the places group).
from fieldkit import cli_geo  # noqa: E402, F401, I001

from fieldkit.server.cli import server as server_group  # noqa: E402

main.add_command(server_group)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
