"""``fieldkit report``: one region's PDF, or every region plus a national summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import click

from fieldkit import geo
from fieldkit.cli_support import Context, friendly_errors, pass_ctx
from fieldkit.errors import ValidationError
from fieldkit.reports.batch import build_all_reports
from fieldkit.reports.model import PHOTO_QUALITIES, ReportFailure, ReportOptions, ReportResult
from fieldkit.reports.national import regions_with_visits, visits_per_region
from fieldkit.reports.photo_fetch import PhotoFetch, fetch_report_photos, missing_report_photos
from fieldkit.reports.region import build_region_report, region_filename, sort_key
from fieldkit.store import Store
from fieldkit.text import count


def resolve_region(text: str) -> str:
    """A région given by INSEE code ("84") or name ("Auvergne-Rhône-Alpes", accents optional)."""
    reg = geo.region(text)
    if reg is not None:
        return reg.code
    wanted = sort_key(text).replace("-", " ").strip()
    for candidate in geo.regions():
        if sort_key(candidate.name).replace("-", " ") == wanted:
            return candidate.code
    codes = ", ".join(f"{r.code} {r.name}" for r in geo.regions())
    raise ValidationError(
        "region", f"Unknown région {text!r}. Known régions: {codes}.", code="unknown_region"
    )


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            name, f"{name}: {value!r} is not a valid date (expected YYYY-MM-DD).", code="bad_date"
        ) from None


def _describe(result: ReportResult) -> str:
    size = result.size_bytes / 1_000_000
    text = (
        f"wrote {result.path} ({count(result.pages, 'page')}, {count(result.visits, 'visit')}, "
        f"{count(result.interviews, 'interview')}, {count(result.photos, 'photo')}, "
        f"{size:.1f} MB)"
    )
    if result.missing_photos:
        text += f"; {count(len(result.missing_photos), 'photo')} missing, listed at the end"
    return text


@click.command("report")
@click.option("--region", "region", metavar="CODE", help="Région INSEE code (84) or name.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="PDF to write (default: rapport-CODE-name.pdf in the current folder).",
)
@click.option(
    "--all", "all_regions", is_flag=True, help="Every région with visits, plus a national summary."
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False),
    help="Folder for --all (default: the current folder).",
)
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First visit date included.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last visit date included.")
@click.option("--drafts/--no-drafts", default=True, show_default=True, help="Include draft visits.")
@click.option(
    "--photo-quality",
    type=click.Choice(PHOTO_QUALITIES),
    default="print",
    show_default=True,
    help="print: 1600 px photos; screen: smaller, lighter file.",
)
@click.option("--no-photos", is_flag=True, help="Leave the photos out.")
@click.option(
    "--fetch/--no-fetch",
    default=True,
    show_default=True,
    help="Download the photos the report needs that are not on this laptop (when signed in).",
)
@click.option("--title", help="Mission title on the cover (default: the mission's setting).")
@click.option("--author", help="Author on the cover (default: the local user).")
@click.option(
    "--printed-on",
    metavar="YYYY-MM-DD",
    help="Printing date shown (default: today); fixes the output for reproducible files.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="With --all: build N reports at once, in parallel processes (default: one per CPU).",
)
@pass_ctx
@friendly_errors
def report(
    ctx: Context,
    region: str | None,
    output: str | None,
    all_regions: bool,
    out_dir: str | None,
    date_from: str | None,
    date_to: str | None,
    drafts: bool,
    photo_quality: str,
    no_photos: bool,
    fetch: bool,
    title: str | None,
    author: str | None,
    printed_on: str | None,
    jobs: int | None,
) -> None:
    """Print visit reports as PDF: one région (--region CODE -o FILE.pdf) or all (--all)."""
    if bool(region) == all_regions:
        raise click.UsageError("Give either --region CODE or --all (one of them).")
    if all_regions and output:
        raise click.UsageError("-o/--output is for one région; use --out-dir with --all.")
    if region and out_dir:
        raise click.UsageError("--out-dir is for --all; use -o/--output with --region.")
    if region and jobs:
        raise click.UsageError("--jobs is for --all (one région is one process).")
    options = ReportOptions(
        date_from=date_from,
        date_to=date_to,
        include_drafts=drafts,
        photo_quality=photo_quality,
        include_photos=not no_photos,
        mission_title=title,
        author=author,
        printed_on=_date(printed_on, "printed_on"),
    ).validated()
    store = ctx.store
    if region:
        code = resolve_region(region)
        path = Path(output) if output else Path(region_filename(code))
        if path.suffix.lower() != ".pdf":
            raise click.UsageError(f"The output file must end in .pdf (got {path.name}).")
        fetched = _fetch_photos(store, [code], options, fetch)
        result = build_region_report(store, code, path, options)
        click.echo(_describe(result))
        _echo_missing([result], fetched)
        return
    folder = Path(out_dir or ".")
    codes = regions_with_visits(visits_per_region(store, options))
    fetched = _fetch_photos(store, codes, options, fetch)
    results = build_all_reports(store, folder, options, jobs=jobs)
    _echo_missing(results.results, fetched)
    if not results.regions and not results.failures:
        click.echo("No région has visits for these options; only the national summary was made.")
    for result in results.results:
        click.echo(_describe(result))
    for failure in results.failures:
        click.echo(f"FAILED: {_failure_text(failure)}", err=True)
    if results.failures:
        raise click.ClickException(
            f"{count(len(results.failures), 'report')} could not be built (listed above); "
            f"the other {count(len(results.results), 'report')} were written."
        )


def _fetch_photos(
    store: Store, regions: list[str], options: ReportOptions, fetch: bool
) -> PhotoFetch:
    """Before the build: download the photo files the reports need (``--fetch``), with
    a line per file on stderr; or only list those missing (``--no-fetch``)."""
    if not fetch:
        missing = missing_report_photos(store, regions, options)
        return PhotoFetch(
            wanted=len({m.sha256 for m in missing}),
            unavailable=[replace(m, reason="not_fetched") for m in missing],
        )

    def progress(done: int, total: int) -> None:
        click.echo(f"Photos: {done} / {total}", err=True)

    fetched = fetch_report_photos(store, regions, options, progress)
    if fetched.fetched:
        click.echo(
            f"{count(fetched.fetched, 'photo')} downloaded from the server, "
            f"{len({m.sha256 for m in fetched.unavailable})} not available.",
            err=True,
        )
    return fetched


def _echo_missing(results: list[ReportResult], fetched: PhotoFetch) -> None:
    """Every photo left out of a report, named as a person knows it, with the reason."""
    why = {m.sha256: m for m in fetched.unavailable}
    for result in results:
        for m in result.missing_photos:
            name = m.caption or m.original_name or m.sha256[:12]
            if m.kind == "unreadable":
                reason = f"its file on this laptop could not be read ({m.reason})"
            elif m.sha256 in why:
                reason = f"not on this laptop: {why[m.sha256].reason_text}"
            else:
                reason = "not on this laptop"
            click.echo(
                f"  missing photo: {m.place_name}, visit {m.visited_on}, {name}: {reason}",
                err=True,
            )


def _failure_text(failure: ReportFailure) -> str:
    if failure.region:
        what = f"région {failure.region} {geo.region_name(failure.region)}"
    else:
        what = "the national summary"
    return f"{what}: {failure.message}"
