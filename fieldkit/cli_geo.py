"""CLI commands of the mission's geography: ``places communes``, ``places settle``,
``places duplicates``, ``places merge`` and ``places figures``.

They hang under the ``places`` group of :mod:`fieldkit.cli_records`.
"""

from __future__ import annotations

import click

from fieldkit.cli_records import _region_code, places_group, table
from fieldkit.cli_support import Context, friendly_errors, pass_ctx


@places_group.command("communes")
@click.option(
    "--resolve", is_flag=True, help="First resolve again the places without an INSEE code."
)
@pass_ctx
@friendly_errors
def places_communes(ctx: Context, resolve: bool) -> None:
    """List the places whose commune is not settled, with the candidate communes."""
    from fieldkit import places_geo

    if resolve:
        summary = places_geo.resolve_communes(ctx.store)
        click.echo(f"{len(summary.resolved)} place(s) resolved to their commune.")
        for place_id, insee in summary.resolved:
            click.echo(f"resolved  {place_id}  → {insee}")
    pending = places_geo.unsettled_places(ctx.store)
    if not pending:
        click.echo("Every place is in its commune.")
        return
    for item in pending:
        p = item.place
        click.echo(f"{p['id']}  {p['name']}  ({p['postcode']} {p['commune']}): {item.reason}")
        for pc, c in item.resolution.candidates[:10]:
            click.echo(f"    candidate  {c.insee}  {pc} {c.name} ({c.departement})")
    click.echo(
        f"{len(pending)} place(s) to settle: fieldkit places settle PLACE_ID INSEE_CODE",
        err=True,
    )


@places_group.command("settle")
@click.argument("place_id")
@click.argument("insee")
@pass_ctx
@friendly_errors
def places_settle(ctx: Context, place_id: str, insee: str) -> None:
    """Put place PLACE_ID in the commune with INSEE code INSEE (département and région follow)."""
    from fieldkit import places_geo

    place = places_geo.settle(ctx.store, place_id, insee.strip().upper())
    click.echo(
        f"{place['name']}: commune {place['commune']} (INSEE {place['commune_insee']}), "
        f"département {place['departement']}, région {place['region']}."
    )


@places_group.command("duplicates")
@click.option("--region", help="INSEE région code or name.")
@pass_ctx
@friendly_errors
def places_duplicates(ctx: Context, region: str | None) -> None:
    """List « doublons possibles »: places in one commune with similar names."""
    from fieldkit import places_geo

    code = _region_code(region) if region else None
    pairs = places_geo.possible_duplicates(ctx.store, region=code)
    if not pairs:
        click.echo("No possible duplicates.")
        return
    click.echo(
        table(
            ("commune", "first", "name", "second", "name"),
            [
                (d.commune_insee, d.first["id"], d.first["name"], d.second["id"], d.second["name"])
                for d in pairs
            ],
            widths={2: 30, 4: 30},
        )
    )
    click.echo(f"{len(pairs)} possible duplicate(s): fieldkit places merge KEEP_ID OTHER_ID")


@places_group.command("merge")
@click.argument("keep_id")
@click.argument("other_id")
@pass_ctx
@friendly_errors
def places_merge(ctx: Context, keep_id: str, other_id: str) -> None:
    """Merge place OTHER_ID into KEEP_ID: its visits move, then it is deleted."""
    from fieldkit import places_geo

    result = places_geo.merge_places(ctx.store, keep_id, other_id)
    filled = f"; filled {', '.join(result.fields_filled)}" if result.fields_filled else ""
    click.echo(
        f"Merged: {len(result.visits_moved)} visit(s) moved to {keep_id}{filled}; "
        f"{other_id} deleted."
    )


@places_group.command("figures")
@click.option("--region", help="INSEE région code or name.")
@pass_ctx
@friendly_errors
def places_figures(ctx: Context, region: str | None) -> None:
    """The mission's territorial figures: outside grands centres urbains, density levels,
    places per 100,000 inhabitants per département, visited against listed."""
    from fieldkit import figures

    code = _region_code(region) if region else None
    fig = figures.territorial_figures(ctx.store.places(region=code))
    click.echo(f"{fig.listed} place(s) listed, {fig.visited} visited.")
    if fig.unlocated:
        click.echo(f"{fig.unlocated} place(s) without a settled commune are not counted below.")
    click.echo(
        "Outside the grands centres urbains (density grid level 1): "
        f"{figures.percent(fig.share_outside_grands_centres)} of the listed, "
        f"{figures.percent(fig.share_outside_grands_centres_visited)} of the visited."
    )
    click.echo(
        "Outside any aire d'attraction des villes (INSEE zoning 2020): "
        f"{figures.percent(fig.share_outside_aav)} of the listed, "
        f"{figures.percent(fig.share_outside_aav_visited)} of the visited."
    )
    click.echo(
        table(
            ("level", "density", "listed", "visited"),
            [
                (level, label, *fig.by_density[level])
                for level, label in figures.DENSITY_LABELS.items()
            ],
        )
    )
    click.echo(
        table(
            ("dép.", "name", "listed", "visited", "population", "per 100,000"),
            [
                (d.code, d.name, d.listed, d.visited, d.population, f"{d.per_100k:.1f}")
                for d in fig.departements()
            ],
        )
    )
