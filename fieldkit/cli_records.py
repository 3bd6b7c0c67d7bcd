"""CLI commands over the mission's records: ``demo``, ``places``, ``visits``, ``search``, ``export``.

Registered on the ``fieldkit`` group in :mod:`fieldkit.cli`. Output is a plain text table;
errors are one line on stderr with exit code 1 (``friendly_errors``).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from fieldkit import geo
from fieldkit.cli_support import friendly_errors, pass_ctx
from fieldkit.errors import ValidationError
from fieldkit.text import count

if TYPE_CHECKING:
    from fieldkit.cli_support import Context


def table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], *, widths: dict[int, int] | None = None
) -> str:
    """A plain text table; ``widths`` caps some columns (longer cells end with '…')."""
    caps = widths or {}

    def cell(index: int, value: Any) -> str:
        text = "" if value is None else str(value).replace("\n", " ")
        cap = caps.get(index)
        return text if cap is None or len(text) <= cap else text[: cap - 1] + "…"

    body = [[cell(i, v) for i, v in enumerate(row)] for row in rows]
    sizes = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(sizes[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * s for s in sizes))
    lines += ["  ".join(c.ljust(sizes[i]) for i, c in enumerate(r)).rstrip() for r in body]
    return "\n".join(lines)


@click.command()
@click.option("--places", type=int, default=60, show_default=True, help="Places to create.")
@click.option("--visits", type=int, default=150, show_default=True, help="Visits to create.")
@click.option(
    "--interviews", type=int, default=400, show_default=True, help="Interviews to create."
)
@click.option(
    "--photos", type=int, default=40, show_default=True, help="Photos (real JPEGs) to import."
)
@click.option("--seed", type=int, default=2026, show_default=True, help="Same seed, same mission.")
@pass_ctx
@friendly_errors
def demo(ctx: Context, places: int, visits: int, interviews: int, photos: int, seed: int) -> None:
    """Fill the local database with a realistic demo mission.

    Benchmark size: --places 1800 --visits 5000 --interviews 15000 --photos 0.
    """
    from fieldkit.demo import build_demo

    total = sum(max(0, n) for n in (places, visits, interviews, photos))
    show_bar = sys.stderr.isatty()  # no bar in logs and pipes
    bar = click.progressbar(length=total, label="Building the demo", file=sys.stderr)
    with bar if show_bar else contextlib.nullcontext(bar):
        summary = build_demo(
            ctx.store,
            places=places,
            visits=visits,
            interviews=interviews,
            photos=photos,
            seed=seed,
            progress=(lambda done, _: bar.update(done - bar.pos)) if show_bar else None,
        )
    click.echo(
        f"Demo mission added to {ctx.home.root}: {summary.places} places, {summary.visits} visits, "
        f"{summary.interviews} interviews, {summary.photos} photos "
        f"(seed {seed}, {summary.seconds:.1f} s)."
    )


@click.group("places")
def places_group() -> None:
    """Places (tiers-lieux): import from CSV, list."""


@places_group.command("import")
@click.argument("file")
@click.option("--dry-run", is_flag=True, help="Check and report; change nothing.")
@pass_ctx
@friendly_errors
def places_import(ctx: Context, file: str, dry_run: bool) -> None:
    """Import or update places from a CSV FILE (French or English headers, ; or ,)."""
    from fieldkit.importer import import_places

    summary = import_places(ctx.store, file, dry_run=dry_run)
    if summary.ignored_columns:
        click.echo(f"ignored columns: {', '.join(summary.ignored_columns)}", err=True)
    for line, message in summary.warnings:
        click.echo(f"line {line}: warning: {message}", err=True)
    for line, message in summary.errors:
        click.echo(f"line {line}: {message}", err=True)
    text = (
        f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{count(len(summary.errors), 'bad row')} skipped"
        + (f", {count(len(summary.warnings), 'warning')}" if summary.warnings else "")
        + f" (read as {summary.encoding}, separator {summary.delimiter!r})."
    )
    if dry_run:
        text = "Dry run, nothing changed: would have " + text
    if summary.errors:
        raise click.ClickException(text)
    click.echo(text)


@places_group.command("list")
@click.option("--region", help="INSEE région code (e.g. 53 for Bretagne) or name.")
@pass_ctx
@friendly_errors
def places_list(ctx: Context, region: str | None) -> None:
    """List places with their visit counts, by région, département and commune."""
    code = _region_code(region) if region else None
    rows = ctx.store.places(region=code)
    if not rows:
        click.echo("No places." + ("" if code is None else f" (région {code})"))
        return
    click.echo(
        table(
            ("id", "name", "kind", "commune", "dép.", "région", "visits"),
            [
                (
                    p["id"],
                    p["name"],
                    p["kind"],
                    p["commune"],
                    p["departement"],
                    p["region"],
                    p["visit_count"],
                )
                for p in rows
            ],
            widths={1: 40, 3: 24},
        )
    )
    click.echo(f"{count(len(rows), 'place')}.")


def _region_code(value: str) -> str:
    found = geo.region(value)
    if found is None:
        wanted = value.strip().casefold()
        found = next((r for r in geo.regions() if r.name.casefold() == wanted), None)
    if found is None:
        raise ValidationError(
            "region",
            f"Unknown région {value!r}; codes: "
            + ", ".join(f"{r.code} {r.name}" for r in sorted(geo.regions(), key=lambda r: r.code))
            + ".",
            code="unknown_region",
        )
    return found.code


@click.group("visits")
def visits_group() -> None:
    """Visits of places."""


@visits_group.command("list")
@click.option("--place", "place_id", help="Only the visits of this place (its id).")
@pass_ctx
@friendly_errors
def visits_list(ctx: Context, place_id: str | None) -> None:
    """List visits, most recent first, with their interview and photo counts."""
    if place_id:
        ctx.store.require("place", place_id)
    rows = ctx.store.visits(place_id=place_id)
    if not rows:
        click.echo("No visits.")
        return
    click.echo(
        table(
            ("id", "date", "status", "place", "commune", "interviews", "photos"),
            [
                (
                    v["id"],
                    v["visited_on"],
                    v["status"],
                    v["place_name"],
                    v["commune"],
                    v["interview_count"],
                    v["photo_count"],
                )
                for v in rows
            ],
            widths={3: 40, 4: 24},
        )
    )
    click.echo(f"{count(len(rows), 'visit')}.")


@click.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@pass_ctx
@friendly_errors
def search(ctx: Context, text: str, limit: int) -> None:
    """Search places, visit notes and interviews (accents optional, word prefixes)."""
    hits = ctx.store.search(text, limit=limit)
    if not hits:
        click.echo("No match.")
        return
    # A listing is an output too: titles and snippets are gated before highlighting.
    hits = ctx.gate.search_hits(ctx.store, hits, text)
    click.echo(
        table(
            ("kind", "id", "title", "snippet"),
            [(h.kind, h.id, h.title, h.snippet) for h in hits],
            widths={2: 36, 3: 70},
        )
    )
    click.echo(f"{count(len(hits), 'match', 'matches')}.")


@click.command("export")
@click.option(
    "--format", "fmt", default="json", show_default=True, metavar="json|csv", help="File format."
)
@click.option(
    "-o", "--output", "output", required=True, help="Folder that receives one file per kind."
)
@click.option(
    "--with-names",
    is_flag=True,
    help="Name the interviewees who consented (never the others). Default: pseudonyms.",
)
@pass_ctx
@friendly_errors
def export_command(ctx: Context, fmt: str, output: str, with_names: bool) -> None:
    """Write every live record, one file per kind (CSV: UTF-8 with BOM, ';').

    Interviewees appear under pseudonym labels unless --with-names; people who refused
    consent or were not asked are never named.
    """
    from fieldkit.exporter import export

    summary = export(ctx.store, fmt.lower(), output, with_names=with_names)
    for kind, path in summary.files.items():
        click.echo(f"{summary.counts[kind]:>7} {kind}s -> {path}")
    total = summary.counts.get("interview", 0)
    if with_names:
        click.echo(
            f"Names: {total - summary.pseudonymised} consenting interviewee(s) named, "
            f"{summary.pseudonymised} under a pseudonym (no consent, or asked to be)."
        )
    else:
        click.echo(
            f"Names: all {total} interview(s) under pseudonym labels "
            "(--with-names names those who consented)."
        )


COMMANDS = (demo, places_group, visits_group, search, export_command)
