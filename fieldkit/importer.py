"""``places import``: read the CSV files of places people actually have.

What it accepts, and the decisions taken:

- Encoding: UTF-16 with its BOM (Excel's "Texte Unicode", tab-separated); otherwise each
  line is read as UTF-8 (with or without BOM) or, when it is not valid UTF-8, as
  Windows-1252 (what French Excel writes with "CSV (séparateur : point-virgule)"). The file
  is in the encoding most of its non-ASCII lines are in; a line in the other one is read
  in its own and warned with its line number (one stray byte no longer turns the whole
  file into mojibake).
- Separator: the ``sep=;`` first line Excel writes, else semicolon, comma or tab, whichever
  appears most on the header line.
- A quote that opens a cell and is never closed (or closes only after lines that are rows
  of their own) would swallow the rest of the file into one cell: that line is a bad row,
  and reading resumes on the next line. A row with more filled cells than the header is a
  bad row naming the extra cells (its columns are probably shifted); empty extra cells
  (trailing separators) are ignored.
- Headers in French or English, matched without regard to case, accents, spaces or
  punctuation (``Code postal`` = ``code_postal`` = ``CP`` = ``postcode``); columns it does
  not know are ignored and listed in the summary. A ``name``/``nom`` column is required.
- Kinds of place in French or English are mapped to the store's kinds; a label it does
  not know becomes ``other`` and the label is kept as a tag, so nothing is lost
  (reported as a warning). An empty kind is ``other``.
- Coordinates may use a decimal comma; postcodes that lost their leading zero in a
  spreadsheet (``1000``) get it back.
- Every row with a postcode or a commune is placed in its commune: the INSEE code comes
  from the postcode and the commune name together (``fieldkit.communes.resolve``), and
  the département and région follow from it, not from the postcode (05160 Pontis is in
  04). An INSEE code column that contradicts the row's postcode and commune (INSEE 34172
  with 75001 Paris) is a bad row: which one is wrong is the person's call. A commune
  that is unknown or ambiguous is an error naming the candidate communes;
  a postcode of Saint-Barthélemy, Saint-Martin, Saint-Pierre-et-Miquelon, Wallis-et-Futuna,
  Polynesia, New Caledonia or Monaco is refused saying what the territory is. A
  département or région in the file that disagrees with the commune is a warning, and
  the commune's wins.
- Matching: a row whose ``id`` is the id of a place updates it; otherwise a live place
  with the same name (accents, case and spacing ignored) and the same postcode (or
  commune when there is no postcode) is updated. Anything else is created. Only the
  columns present in the file are changed; a row that changes nothing writes nothing
  (no outbox entry). Two rows of one file naming the same place: the second is an error.
- Bad rows are reported with their line number in the file (the header is line 1) and
  the store's message, and skipped. Good rows are imported together in ONE transaction,
  one action as far as the person is concerned; each row runs in its own savepoint, so a
  bad row never leaves half a record.
- ``dry_run`` does all of the above, then rolls the transaction back: the summary says
  exactly what a real import would do, and the database is unchanged.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldkit import communes, geo
from fieldkit.errors import FieldKitError, Problem, ValidationError
from fieldkit.store import PLACE_KINDS, Store


class ImportFileError(FieldKitError):
    """The file as a whole cannot be read as a CSV of places."""

    code = "import_file"


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # (line, reason): each reason an English sentence with a code the GUI translates
    errors: list[tuple[int, Problem]] = field(default_factory=list)
    warnings: list[tuple[int, Problem]] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = False
    place_ids: list[str] = field(default_factory=list)  # created or updated

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.errors)


def squash(text: str) -> str:
    """Lower-case ASCII letters and digits only: 'Code postal' → 'codepostal', 'Étiquettes' → 'etiquettes'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


# Header aliases → store field (keys are squashed).
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "identifiant", "uuid", "fieldkitid"),
    "name": ("name", "nom", "nomdulieu", "lieu", "placename", "raisonsociale", "intitule"),
    "kind": ("kind", "type", "typedelieu", "categorie", "category", "typologie"),
    "address": ("address", "adresse", "adressepostale", "rue", "street"),
    "postcode": ("postcode", "codepostal", "cp", "zip", "zipcode", "postalcode"),
    "commune": ("commune", "ville", "city", "town", "localite", "municipality"),
    "commune_insee": (
        "communeinsee",
        "codeinsee",
        "insee",
        "codecommune",
        "codecommuneinsee",
        "codegeo",
        "codgeo",
    ),
    "departement": ("departement", "department", "dept", "dep", "codedepartement"),
    "region": ("region", "coderegion"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lon", "lng", "long"),
    "website": ("website", "siteweb", "site", "siteinternet", "url", "web"),
    "contact": (
        "contact",
        "email",
        "mail",
        "courriel",
        "telephone",
        "tel",
        "phone",
        "adressemail",
        "emailcontact",
    ),
    "description": ("description", "presentation", "commentaire", "notes"),
    "tags": ("tags", "etiquettes", "motscles", "keywords", "thematiques"),
}
HEADER_FIELDS = {alias: f for f, aliases in _HEADER_ALIASES.items() for alias in aliases}

# Kind labels a spreadsheet may use → store kind (matched squashed, like headers).
_KIND_ALIASES: dict[str, tuple[str, ...]] = {
    "coworking": ("coworking", "espace de coworking", "cowork", "bureaux partagés"),
    "fablab": ("fablab", "fab lab", "makerspace", "hackerspace", "laboratoire de fabrication"),
    "rural_hub": (
        "rural hub",
        "tiers-lieu rural",
        "tiers-lieu en milieu rural",
        "rural",
        "campus rural",
    ),
    "shared_workshop": (
        "shared workshop",
        "atelier partagé",
        "ateliers partagés",
        "atelier",
        "menuiserie partagée",
    ),
    "living_lab": ("living lab", "laboratoire des usages", "lab citoyen"),
    "cultural": (
        "cultural",
        "culture",
        "lieu culturel",
        "tiers-lieu culturel",
        "friche",
        "friche culturelle",
    ),
    "other": ("other", "autre", "tiers-lieu", "third place", "divers", "mixte"),
}
KIND_LABELS = {squash(alias): kind for kind, aliases in _KIND_ALIASES.items() for alias in aliases}
KIND_LABELS.update({squash(k): k for k in PLACE_KINDS})

_TAG_SPLIT = re.compile(r"[,;|/]")
_DELIMITERS = (";", ",", "\t")


_LINE_ENDS = re.compile(rb"(?<=\n)|(?<=\r)(?!\n)")
_SEP_LINE = re.compile(r'"?sep=([;,\t|])"?')  # Excel's hint: the separator, on line 1
_ENCODING_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}


@dataclass
class DecodedFile:
    """A CSV file's physical lines (with their line ends), how it was read, and the lines
    read in another encoding than the file's (line number, warning)."""

    lines: list[str]
    encoding: str
    warnings: list[tuple[int, Problem]] = field(default_factory=list)


def _utf16_order(data: bytes) -> str | None:
    """'utf-16' (BOM), 'utf-16-le' or 'utf-16-be' (no BOM, but every other byte of the
    start NUL: Latin text), or None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode_lines(data: bytes) -> DecodedFile:
    """Read a CSV file's bytes as text, line by line; see the module docstring."""
    utf16 = _utf16_order(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise ImportFileError(
                f"The file starts as UTF-16 text but is not (byte {exc.start}).",
                code="bad_encoding",
            ) from None
        return DecodedFile(list(io.StringIO(text, newline="")), "utf-16")
    has_bom = data.startswith(codecs.BOM_UTF8)
    raw_lines = [raw for raw in _LINE_ENDS.split(data[3:] if has_bom else data) if raw]
    read: list[tuple[str, str | None]] = []  # (text, encoding; None: plain ASCII)
    for number, raw in enumerate(raw_lines, start=1):
        if raw.isascii():
            read.append((raw.decode("ascii"), None))
            continue
        try:
            read.append((raw.decode("utf-8"), "utf-8"))
        except UnicodeDecodeError:
            try:
                read.append((raw.decode("cp1252"), "cp1252"))
            except UnicodeDecodeError as exc:
                # cp1252 leaves five bytes undefined: this is not a text file we know.
                raise ImportFileError(
                    f"Line {number} is neither UTF-8 nor Windows-1252 text "
                    f"(byte {exc.start + 1} of the line).",
                    code="bad_encoding",
                    line=number,
                ) from None
    votes = {enc: sum(1 for _, e in read if e == enc) for enc in ("utf-8", "cp1252")}
    encoding = "utf-8" if has_bom or votes["utf-8"] >= votes["cp1252"] else "cp1252"
    decoded = DecodedFile([text for text, _ in read], encoding)
    for number, (_, line_encoding) in enumerate(read, start=1):
        if line_encoding is not None and line_encoding != encoding:
            theirs, file_s = _ENCODING_NAMES[line_encoding], _ENCODING_NAMES[encoding]
            decoded.warnings.append(
                (
                    number,
                    Problem(
                        f"This line is in {theirs}, the rest of the file in {file_s}: "
                        f"read as {theirs}; check its accents.",
                        "mixed_encoding",
                        encoding=theirs,
                        file_encoding=file_s,
                    ),
                )
            )
    return decoded


def sniff_delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties keep the order above: ';' first
    return best if counts[best] else ","


def map_headers(headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Column index → store field (first column wins, except contact: all are kept) and unknown headers."""
    mapping: dict[int, str] = {}
    ignored: list[str] = []
    taken: set[str] = set()
    for index, header in enumerate(headers):
        target = HEADER_FIELDS.get(squash(header))
        if target is None or (target in taken and target != "contact"):
            if header.strip():
                ignored.append(header.strip())
            continue
        mapping[index] = target
        taken.add(target)
    return mapping, ignored


class _LineSource:
    """The file's lines for csv.reader, from a position that can be moved back (to resume
    after a line whose quote swallowed the lines after it)."""

    def __init__(self, lines: list[str], position: int) -> None:
        self.lines = lines
        self.position = position

    def __iter__(self) -> _LineSource:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        self.position += 1
        return self.lines[self.position - 1]


def _quoted_spans(lines: list[str], delimiter: str) -> tuple[bool, list[int]]:
    """How csv (not strict) reads the quotes of one record's lines: whether a quoted cell is
    still open after the last line, and for each line after the first, how many separators
    it holds inside a quoted cell."""
    in_quote, cell_start = False, True
    inside: list[int] = []
    for number, line in enumerate(lines):
        separators, i = 0, 0
        while i < len(line):
            char = line[i]
            if in_quote:
                if char == '"':
                    if line[i + 1 : i + 2] == '"':
                        i += 1  # a doubled quote is a quote in the cell
                    else:
                        in_quote, cell_start = False, False
                elif char == delimiter:
                    separators += 1
            elif char == delimiter or char in "\r\n":
                cell_start = True
            elif char == '"' and cell_start:
                in_quote = True
            else:
                cell_start = False
            i += 1
        if number:
            inside.append(separators)
    return in_quote, inside


class RecordReader:
    """The records of a CSV file as (line where it starts, cells), or (line, Problem) for a
    line that cannot be a record: see the module docstring for unbalanced quotes."""

    def __init__(self, lines: list[str], start: int, delimiter: str) -> None:
        self.lines = lines
        self.delimiter = delimiter
        self.width = 0  # cells of the header, once read
        self._source = _LineSource(lines, start)
        self._reader = csv.reader(self._source, delimiter=delimiter)

    def __iter__(self) -> Iterator[tuple[int, list[str] | Problem]]:
        source = self._source
        while source.position < len(self.lines):
            begin = source.position
            try:
                cells = next(self._reader)
            except StopIteration:
                return
            except csv.Error as exc:  # a runaway quoted cell past csv's size limit
                source.position = begin + 1
                yield begin + 1, Problem(f"Unreadable CSV: {exc}", "bad_csv_row", detail=str(exc))
                continue
            last = source.position == len(self.lines)  # a quote left open at the end stops there
            if (source.position - begin > 1 or last) and self._swallows_lines(
                begin, source.position
            ):
                end = source.position
                source.position = begin + 1
                yield (
                    begin + 1,
                    Problem(
                        f"A quote opened on this line is not closed before line {end}, "
                        "taking in the lines after it: line skipped, the next lines are "
                        "read as rows. Close or remove the quote.",
                        "unbalanced_quote",
                        end=end,
                    ),
                )
                continue
            yield begin + 1, cells

    def _swallows_lines(self, begin: int, end: int) -> bool:
        """True when a record of lines begin..end looks like an unclosed quote: still
        open at the end of the file, or a continuation line holding as many separators as a
        row of its own (a multi-line address or description holds few, if any)."""
        if not any('"' in line for line in self.lines[begin:end]):
            return False
        still_open, inside = _quoted_spans(self.lines[begin:end], self.delimiter)
        enough = max(1, self.width - 1)
        return still_open or any(count >= enough for count in inside)


def place_kind(label: str) -> str | None:
    """The store kind for a label in French or English, or None if it is not one we know."""
    if not label.strip():
        return "other"
    return KIND_LABELS.get(squash(label))


def natural_key(name: str, postcode: str, commune: str) -> tuple[str, str]:
    return squash(name), postcode.strip() or squash(commune)


def import_places(store: Store, path: str | Path, *, dry_run: bool = False) -> ImportSummary:
    """Import (or update) places from a CSV file; see the module docstring for the rules.

    Raises ImportFileError if the file cannot be read at all (missing, not text, no name
    column); bad rows go into ``summary.errors`` instead.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"No such file: {path}", code="missing_file") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a CSV file.", code="not_a_file") from None
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror}", code="unreadable") from None
    decoded = decode_lines(data)
    lines = decoded.lines
    if any("\x00" in line for line in lines):
        raise ImportFileError(f"{path.name} is not a CSV text file.", code="binary_file")
    start, delimiter = 0, ""
    if lines and (hint := _SEP_LINE.fullmatch(lines[0].rstrip("\r\n"))):
        start, delimiter = 1, hint.group(1)
    if start >= len(lines):
        raise ImportFileError(f"{path.name} is empty.", code="empty_file")
    delimiter = delimiter or sniff_delimiter(lines[start])
    reader = RecordReader(lines, start, delimiter)
    records = iter(reader)
    header_line, headers = next(records, (0, []))
    if isinstance(headers, Problem):
        raise ImportFileError(
            f"{path.name}, line {header_line} (the header): {headers}",
            code="bad_csv",
            line=header_line,
        )
    if not headers:
        raise ImportFileError(f"{path.name} is empty.", code="empty_file")
    reader.width = len(headers)
    mapping, ignored = map_headers(headers)
    if "name" not in mapping.values():
        raise ImportFileError(
            f"{path.name} has no name column (expected one of: nom, name). "
            f"Columns found: {', '.join(h.strip() for h in headers if h.strip()) or 'none'}.",
            code="no_name_column",
        )
    summary = ImportSummary(
        encoding=decoded.encoding, delimiter=delimiter, ignored_columns=ignored, dry_run=dry_run
    )
    try:
        with store.transaction():
            _import_rows(store, records, len(headers), mapping, summary)
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    # Lines read in another encoding come first in the file's order, with the rows' own.
    summary.warnings = sorted(decoded.warnings + summary.warnings, key=lambda w: w[0])
    return summary


class _RollBack(Exception):
    """Raised inside the transaction to undo a dry run."""


def _import_rows(
    store: Store,
    records: Iterator[tuple[int, list[str] | Problem]],
    width: int,
    mapping: dict[int, str],
    summary: ImportSummary,
) -> None:
    existing: dict[tuple[str, str], str] = {}
    for p in store.places():
        existing.setdefault(natural_key(p["name"], p["postcode"], p["commune"]), p["id"])
    seen: dict[str, int] = {}  # place id → line that named it
    new_rows: list[dict[str, Any]] = []  # places to create, checked, written at the end
    columns = set(mapping.values())
    for line, cells in records:
        if isinstance(cells, Problem):
            summary.errors.append((line, cells))
            continue
        if not any(c.strip() for c in cells):
            continue  # blank lines, often at the end of spreadsheet exports
        extra = [c.strip() for c in cells[width:] if c.strip()]
        if extra:
            summary.errors.append(
                (
                    line,
                    Problem(
                        f"This row has {len(cells)} cells, the header {width}: the extra "
                        f"cells ({', '.join(repr(c) for c in extra)}) have no column; row "
                        "skipped (a separator inside an unquoted cell shifts the columns).",
                        "extra_cells",
                        cells=len(cells),
                        width=width,
                        value=" | ".join(extra),
                    ),
                )
            )
            continue
        try:
            fields, record_id, warnings = _row_fields(cells, mapping, columns)
        except ValidationError as exc:
            summary.errors.append((line, Problem.of(exc)))
            continue
        key = natural_key(
            fields.get("name", ""), fields.get("postcode", ""), fields.get("commune", "")
        )
        target = None
        if record_id:
            found = store.get("place", record_id, include_deleted=True)
            if found is not None and found["deleted"]:
                summary.errors.append(
                    (
                        line,
                        Problem(
                            f"The place with id {record_id} was deleted; it is not re-created.",
                            "deleted_place",
                            id=record_id,
                        ),
                    )
                )
                continue
            target = record_id if found is not None or record_id in seen else None
        else:
            target = existing.get(key)
        if target is not None and target in seen:
            summary.errors.append(
                (
                    line,
                    Problem(
                        f"Same place as line {seen[target]} ({fields.get('name', '')}); "
                        "row skipped.",
                        "duplicate_row",
                        line=seen[target],
                        name=fields.get("name", ""),
                    ),
                )
            )
            continue
        try:
            _place_commune(
                fields, warnings, store.require("place", target) if target is not None else None
            )
        except ValidationError as exc:
            summary.errors.append((line, Problem.of(exc)))
            continue
        summary.warnings.extend((line, w) for w in warnings)
        if target is None:
            # New places are checked here, line by line, and written together at the end.
            try:
                row = store.new_row("place", fields, record_id=record_id)
            except FieldKitError as exc:
                summary.errors.append((line, Problem.of(exc)))
                continue
            new_rows.append(row)
            summary.created += 1
            existing.setdefault(key, row["id"])
            place_id = row["id"]
        else:
            # An update is written at once, in a savepoint: a refused one leaves nothing.
            try:
                with store.db.atomic():
                    before = store.require("place", target)
                    record = store.update("place", target, fields)
            except FieldKitError as exc:
                summary.errors.append((line, Problem.of(exc)))
                continue
            if any(record[f] != before[f] for f in fields):
                summary.updated += 1
            else:
                summary.unchanged += 1
            place_id = record["id"]
        seen[place_id] = line
        summary.place_ids.append(place_id)
    store.insert_new("place", new_rows)


def _row_fields(
    cells: list[str], mapping: dict[int, str], columns: set[str]
) -> tuple[dict[str, Any], str | None, list[Problem]]:
    """The store fields of one row, the id it names (if a valid one) and warnings."""
    raw: dict[str, str] = {}
    contacts: list[str] = []
    for index, target in mapping.items():
        value = cells[index] if index < len(cells) else ""
        if target != "description":  # free text keeps its whitespace, as in the store
            value = value.strip()
        if target == "contact":
            if value:
                contacts.append(value)
        else:
            raw[target] = value
    warnings: list[Problem] = []
    record_id = raw.pop("id", "") or None
    if record_id is not None:
        try:
            record_id = str(uuid.UUID(record_id))
        except ValueError:
            warnings.append(
                Problem(
                    f"id {record_id!r} is not a FieldKit id (a UUID); "
                    "matched by name and postcode instead.",
                    "bad_place_id",
                    value=record_id,
                )
            )
            record_id = None
    fields: dict[str, Any] = dict(raw)
    if "contact" in columns:
        fields["contact"] = ", ".join(contacts)
    if "kind" in fields:
        label = fields["kind"]
        kind = place_kind(label)
        if kind is None:
            warnings.append(
                Problem(
                    f"Unknown kind of place {label!r}: imported as 'other', kept as a tag.",
                    "unknown_kind_tag",
                    value=label,
                )
            )
            fields["kind"] = "other"
            fields["tags"] = [*_tags(raw.get("tags", "")), label]
        else:
            fields["kind"] = kind
    if "tags" in fields and isinstance(fields["tags"], str):
        fields["tags"] = _tags(fields["tags"])
    postcode = fields.get("postcode", "")
    if postcode.isdigit() and len(postcode) == 4:  # spreadsheets drop the leading zero
        fields["postcode"] = postcode = "0" + postcode
    if "departement" in fields:
        fields["departement"] = _departement_code(fields["departement"])
    if "region" in fields:
        fields["region"] = _region_code(fields["region"])
    # Postcode and commune give the codes later (_place_commune, once the row is matched to
    # a place); a row with only a département gets its région here.
    if fields.get("departement") and not fields.get("region"):
        dep = geo.departement(fields["departement"])
        if dep is not None:
            fields["region"] = dep.region
    for coord in ("latitude", "longitude"):
        if coord in fields:
            fields[coord] = fields[coord].replace(" ", "") or None
    return fields, record_id, warnings


def _place_commune(
    fields: dict[str, Any], warnings: list[Problem], existing: dict[str, Any] | None
) -> None:
    """Resolve the row's commune (its INSEE code), and file it in that commune's
    département and région. The name of an existing place's commune is used when the
    file has no commune column. Raises ValidationError naming the candidates."""
    given = {f: fields.get(f, "") for f in ("departement", "region")}
    code = str(fields.get("commune_insee", "")).strip().upper()
    if code:
        # The file names the commune by its code (FieldKit's own export, INSEE lists).
        named = communes.commune(code)
        if named is None:
            outside = communes.territory_of_insee(code)
            raise ValidationError(
                "commune_insee",
                f"INSEE code {code} is in {outside}."
                if outside
                else f"{code!r} is not the INSEE code of a commune.",
                code="unknown_commune",
            )
        postcode, commune_name = fields.get("postcode", ""), fields.get("commune", "")
        contrary = _contradicted_by(named, postcode, commune_name)
        if contrary:
            given_text = " ".join(v for v in (postcode, commune_name) if v)
            raise ValidationError(
                "commune_insee",
                f"INSEE code {code} is {named.name} ({named.departement}), but {given_text} "
                f"is {contrary}: row skipped; correct the code or the postcode and commune.",
                code="insee_contradicts",
                value=code,
                commune=named.name,
                departement=named.departement,
                given=given_text,
                found=contrary,
            )
        _file_in(fields, warnings, named, given)
        return
    if "postcode" not in fields and "commune" not in fields:
        return
    postcode = fields.get("postcode", existing["postcode"] if existing else "")
    commune_name = fields.get("commune", existing["commune"] if existing else "")
    if not (postcode or commune_name):
        return
    found = communes.resolve(postcode, commune_name, given["departement"])
    if (found.status in ("ambiguous", "unknown")) and "commune_insee" in fields:
        # An empty INSEE code column: the place was not settled where the file comes
        # from (a FieldKit export); it stays so, to be settled here.
        warnings.append(
            Problem(
                f"Commune not settled, listed to settle: {found.message}",
                "commune_not_settled",
                value=commune_name or postcode,
            )
        )
        return
    if found.status != "ok" or found.commune is None:
        raise ValidationError(
            "commune",
            found.message,
            code=found.code or f"commune_{found.status}",
            candidates=[(pc, c.insee, c.name) for pc, c in found.candidates[:20]],
            **found.params,
        )
    if not commune_name and existing is None:
        # A new place gets the official name; an existing one keeps what it has.
        fields["commune"] = found.commune.name
    _file_in(fields, warnings, found.commune, given)


def _same_commune(a: communes.Commune, b: communes.Commune) -> bool:
    """One commune, or a city and one of its arrondissements (75056 and 75101)."""
    return a.insee == b.insee or a.parent == b.insee or b.parent == a.insee or a.parent == b.parent


def _name_keys(commune: communes.Commune) -> set[str]:
    """The comparison keys of a commune's name and, for an arrondissement, its city's."""
    city = communes.commune(commune.parent) if commune.parent != commune.insee else None
    return {communes.commune_key(c.name) for c in (commune, city) if c is not None}


def _contradicted_by(named: communes.Commune, postcode: str, commune_name: str) -> str:
    """What the row's postcode and commune name say instead of the commune its INSEE code
    names ('' when they agree with it, or say nothing one way or the other)."""
    if not (postcode or commune_name):
        return ""
    found = communes.resolve(postcode, commune_name)
    if found.status == "outside":
        return found.params.get("territory", found.message)
    if found.status == "ok" and found.commune is not None:
        others = [found.commune]
    elif found.status == "ambiguous":
        others = [c for _, c in found.candidates]
    elif commune_name and communes.commune_key(commune_name) in _name_keys(named):
        # The name is the code's commune and the postcode is not one of its own: a place
        # settled by hand (a FieldKit export), its postcode left as the person typed it.
        return ""
    elif postcode:
        # The name is not one of the postcode's communes (a spelling?): the postcode alone.
        others = communes.communes_of_postcode(postcode)
    else:
        return ""
    if not others or any(_same_commune(named, other) for other in others):
        return ""
    return "; ".join(f"{c.name} (INSEE {c.insee}, {c.departement})" for c in others[:5])


def _file_in(
    fields: dict[str, Any],
    warnings: list[Problem],
    commune: communes.Commune,
    given: dict[str, str],
) -> None:
    """Set the commune's code, département and région; a file that disagrees is warned."""
    fields["commune_insee"] = commune.insee
    for code_field, right, label in (
        ("departement", commune.departement, "département"),
        ("region", commune.region, "région"),
    ):
        if given[code_field] and given[code_field] != right:
            warnings.append(
                Problem(
                    f"The file says {label} {given[code_field]}, but {commune.name} "
                    f"(INSEE {commune.insee}) is in {right}: filed in {right}.",
                    "commune_elsewhere",
                    value=given[code_field],
                    commune=commune.name,
                    right=right,
                )
            )
        fields[code_field] = right


def _tags(text: str) -> list[str]:
    return [t.strip() for t in _TAG_SPLIT.split(text) if t.strip()]


def _departement_code(value: str) -> str:
    """A département given as a code ('34', '2a', '1'), a name ('Hérault') or '34 - Hérault'."""
    value = value.strip()
    if not value:
        return ""
    head = re.split(r"\s*[-–—:]\s+|\s+", value, maxsplit=1)[0]
    if geo.departement(head) is not None:
        return geo.normalise_departement_code(head)
    wanted = squash(value)
    for dep in geo.departements():
        if squash(dep.name) == wanted:
            return dep.code
    return value  # the store reports it as an unknown code


def _region_code(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    head = re.split(r"\s*[-–—:]\s+|\s+", value, maxsplit=1)[0]
    if geo.region(head) is not None:
        return geo.normalise_region_code(head)
    wanted = squash(value)
    for reg in geo.regions():
        if squash(reg.name) == wanted:
            return reg.code
    return value
