"""``export``: every live record, one file per kind, for analysis in a spreadsheet or a notebook.

Decisions:

- ``PATH`` is a folder (created if needed); it receives ``places``, ``visits``,
  ``interviews`` and ``photos`` ``.json`` or ``.csv``. Existing files of those names are
  replaced; nothing else in the folder is touched. Each file is written to a temporary
  name and renamed, so an interrupted export never leaves half a file under the real name.
- Names (``fieldkit.privacy``): by default every interviewee appears under a pseudonym
  label (« Usager·ère n°3 »), their organisation as its type, and their names are
  scrubbed from the free text (notes, quotes, summaries, captions, descriptions).
  ``with_names=True`` keeps the names of people who consented, never the others'.
- Live records only: tombstones (deleted records waiting to sync) are not part of the
  mission's data. The local-only ``dirty``/``deleted`` flags are left out; the rest of the
  envelope (id, version, created/updated at/by) is kept, so rows can be joined by id.
- JSON: UTF-8, one array of objects per file, tags as lists, booleans as true/false.
- CSV: UTF-8 **with a BOM** and **semicolons**, which is what French Excel expects to
  open a file with its accents and columns right; LibreOffice, pandas (``sep=";"``) and
  ``places import`` read it too. Tags are joined with ", "; booleans are ``true``/``false``;
  numbers use a decimal point; empty values are empty cells.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit.errors import FieldKitError
from fieldkit.gate import OutputGate
from fieldkit.store import KINDS, Store, schema

FORMATS = ("json", "csv")
EXPORTED_KINDS = ("place", "visit", "interview", "photo")
ENVELOPE_COLUMNS = ("id", "version", "created_at", "updated_at", "created_by", "updated_by")
CSV_DELIMITER = ";"


class ExportError(FieldKitError):
    code = "export"


@dataclass
class ExportSummary:
    format: str
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)  # kind → file
    counts: dict[str, int] = field(default_factory=dict)  # kind → records written
    with_names: bool = False
    pseudonymised: int = 0  # interviews written under a pseudonym label


def columns(kind: str) -> list[str]:
    return [*ENVELOPE_COLUMNS, *KINDS[kind].fields]


def live_records(store: Store, kind: str) -> Iterator[dict[str, Any]]:
    """Every live record of a kind, oldest first, with the exported columns."""
    k = KINDS[kind]
    cursor = store.conn.execute(
        f"SELECT * FROM {k.table} WHERE deleted = 0 ORDER BY created_at, id"
    )
    wanted = columns(kind)
    for row in cursor:
        record = schema.from_db(k, dict(row))
        yield {c: record.get(c) for c in wanted}


def output_gate(store: Store, *, with_names: bool = False) -> OutputGate:
    """The export's gate over every live interview, in export order."""
    return OutputGate.for_store(
        store, with_names=with_names, interviews=live_records(store, "interview")
    )


def export(
    store: Store, fmt: str, folder: str | Path, *, with_names: bool = False
) -> ExportSummary:
    """Write one file per kind into ``folder``; returns what was written where.

    Names follow the consent rule (see the module's docstring): pseudonym labels for
    everyone unless ``with_names``, and even then never for people who did not consent.
    """
    if fmt not in FORMATS:
        raise ExportError(
            f"Unknown export format {fmt!r} (one of {', '.join(FORMATS)}).", code="bad_format"
        )
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(
            f"{folder} is a file; export writes one file per kind into a folder.",
            code="not_a_folder",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Cannot create {folder}: {exc.strerror}", code="unwritable") from None
    summary = ExportSummary(fmt, folder, with_names=with_names)
    gate = output_gate(store, with_names=with_names)
    for kind in EXPORTED_KINDS:
        records = (gate.record(kind, r) for r in live_records(store, kind))
        target = folder / f"{KINDS[kind].table}.{fmt}"
        partial = target.with_name(target.name + ".partial")
        try:
            with partial.open(
                "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline=""
            ) as f:
                if fmt == "csv":
                    count = _write_csv(f, kind, records)
                else:
                    count = _write_json(f, records)
            os.replace(partial, target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ExportError(f"Cannot write {target}: {exc.strerror}", code="unwritable") from None
        summary.files[kind] = target
        summary.counts[kind] = count
    summary.pseudonymised = sum(
        1 for r in live_records(store, "interview") if gate.names.is_hidden(r)
    )
    return summary


def _write_json(f: Any, records: Iterator[dict[str, Any]]) -> int:
    # Streamed record by record: a large mission never sits in memory as one string.
    count = 0
    f.write("[")
    for record in records:
        f.write(",\n  " if count else "\n  ")
        f.write(json.dumps(record, ensure_ascii=False, sort_keys=False))
        count += 1
    f.write("\n]\n" if count else "]\n")
    return count


def _write_csv(f: Any, kind: str, records: Iterator[dict[str, Any]]) -> int:
    writer = csv.writer(f, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(columns(kind))
    count = 0
    for record in records:
        writer.writerow([_cell(record[c]) for c in columns(kind)])
        count += 1
    return count


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
