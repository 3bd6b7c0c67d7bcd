"""Which language the interface speaks, and the translated names of codes and errors.

Source strings are English; ``resources/translations/fieldkit_<lang>.qm`` holds the
translations (French first). Switching language installs other translators; Qt then sends
every widget a ``LanguageChange`` event and each window re-reads its texts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QLibraryInfo,
    QLocale,
    QSettings,
    Qt,
    QTranslator,
)
from PySide6.QtGui import QKeySequence

from fieldkit.errors import FieldKitError
from fieldkit.resources import resource_path

#: The languages offered in Affichage → Langue, with their names in their own language.
LANGUAGES: dict[str, str] = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"
LOCALES = {"fr": "fr_FR", "en": "en_GB"}
SETTINGS_KEY = "ui/language"

_installed: list[QTranslator] = []
_current: str | None = None


def translations_dir() -> str:
    return str(resource_path("translations"))


def qt_translations_dirs() -> list[str]:
    """Where Qt's own catalogues (``qtbase_fr.qm``) may be: Qt's configured path, then the
    ``translations`` folder of the PySide6 package (where a PyInstaller bundle puts them
    when the configured path points elsewhere)."""
    import PySide6

    dirs = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(PySide6.__file__).resolve().parent / "Qt" / "translations"),
    ]
    return list(dict.fromkeys(d for d in dirs if d))


def loaded_catalogues() -> list[str]:
    """The .qm files of the translators installed now (the self-test checks them)."""
    return [Path(t.filePath()).name for t in _installed]


def system_language() -> str:
    """The language part of the system locale ("fr", "en", "de", "C"…)."""
    return QLocale.system().name().split("_")[0]


def preferred_language() -> str:
    """The saved choice, else the system's language if we have it, else French."""
    saved = QSettings().value(SETTINGS_KEY, "")
    if saved in LANGUAGES:
        return str(saved)
    system = system_language()
    return system if system in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str | None:
    return _current


def set_language(lang: str | None, *, save: bool = False) -> None:
    """Install the translators for ``lang`` (None: the English source text, no translator)."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang is not None:
        if lang not in LANGUAGES:
            raise ValueError(f"Unknown language {lang!r}")
        ours = QTranslator(app)
        if not ours.load(f"fieldkit_{lang}", translations_dir()):
            raise FileNotFoundError(f"No compiled translation fieldkit_{lang}.qm")
        app.installTranslator(ours)
        _installed.append(ours)
        # Qt's own strings (standard buttons, file dialogs) come from its shipped catalogue.
        qt_own = QTranslator(app)
        if any(qt_own.load(f"qtbase_{lang}", folder) for folder in qt_translations_dirs()):
            app.installTranslator(qt_own)
            _installed.append(qt_own)
    _current = lang
    # Dates and numbers: French, or British English (day/month/year, as the forms show).
    QLocale.setDefault(QLocale(LOCALES.get(lang or "en", "en_GB")))
    # Qt posts the LanguageChange; deliver it now so every window has its new texts
    # when this returns (menus switch at once, tests can check them).
    # (The application posts it on to each top-level window, hence twice.)
    for _ in range(2):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    if save and lang is not None:
        QSettings().setValue(SETTINGS_KEY, lang)


#: How every date field of the app shows a date (QDateEdit.displayFormat), in any language.
DATE_FORMAT = "dd/MM/yyyy"


def shown_date(iso_date: str | None) -> str:
    """An ISO date as the app's date fields show it (15/10/2026); other text as it is."""
    day = QDate.fromString(iso_date or "", Qt.DateFormat.ISODate)
    return day.toString(DATE_FORMAT) if day.isValid() else (iso_date or "")


def shown_keys(keys: QKeySequence) -> str:
    """A shortcut as the platform writes it, in the interface's language (« Ctrl+Maj+Z »)."""
    return keys.toString(QKeySequence.SequenceFormat.NativeText)


def shown_percent(share: float) -> str:
    """0.463 as « 46 % » in French (narrow no-break space), « 46% » in English."""
    number = QLocale().toString(round(share * 100))
    return QCoreApplication.translate("Numbers", "%1%").replace("%1", number)


def shown_moment(iso: str | None) -> str:
    """A date and time (ISO, as stored) in the locale's short format; other text as is."""
    moment = QDateTime.fromString(iso or "", Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso or ""
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def place_kind_label(kind: str) -> str:
    labels = {
        "coworking": QCoreApplication.translate("Labels", "Coworking space"),
        "fablab": QCoreApplication.translate("Labels", "Fablab"),
        "rural_hub": QCoreApplication.translate("Labels", "Rural hub"),
        "shared_workshop": QCoreApplication.translate("Labels", "Shared workshop"),
        "living_lab": QCoreApplication.translate("Labels", "Living lab"),
        "cultural": QCoreApplication.translate("Labels", "Cultural third place"),
        "other": QCoreApplication.translate("Labels", "Other"),
    }
    return labels.get(kind, kind)


def visit_status_label(status: str) -> str:
    labels = {
        "draft": QCoreApplication.translate("Labels", "Draft"),
        "final": QCoreApplication.translate("Labels", "Final"),
    }
    return labels.get(status, status)


def field_label(field: str) -> str:
    labels = {
        "name": QCoreApplication.translate("Labels", "Name"),
        "kind": QCoreApplication.translate("Labels", "Kind"),
        "address": QCoreApplication.translate("Labels", "Address"),
        "postcode": QCoreApplication.translate("Labels", "Postcode"),
        "commune": QCoreApplication.translate("Labels", "Commune"),
        "departement": QCoreApplication.translate("Labels", "Département"),
        "region": QCoreApplication.translate("Labels", "Région"),
        "latitude": QCoreApplication.translate("Labels", "Latitude"),
        "longitude": QCoreApplication.translate("Labels", "Longitude"),
        "website": QCoreApplication.translate("Labels", "Website"),
        "contact": QCoreApplication.translate("Labels", "Contact"),
        "description": QCoreApplication.translate("Labels", "Description"),
        "visited_on": QCoreApplication.translate("Labels", "Visit date"),
        "status": QCoreApplication.translate("Labels", "Status"),
        "place_id": QCoreApplication.translate("Labels", "Place"),
        "visit_id": QCoreApplication.translate("Labels", "Visit"),
    }
    return labels.get(field, field)


def _error_texts(p: dict[str, str]) -> dict[str, str]:
    """Every core and server error code, in the current language, with ``p`` filled in.

    ``%1``/``%2`` are filled after translation (the French text may put them elsewhere).
    A test reads the codes of ``fieldkit/`` and fails when one is missing here.
    """
    value = p.get("value", "")
    field = field_label(p.get("field", ""))
    return {
        # -- records (fieldkit.store.schema) --------------------------------------------
        "empty_name": QCoreApplication.translate("Errors", "A place needs a name."),
        "bad_place_kind": QCoreApplication.translate(
            "Errors", "“%1” is not a known kind of place."
        ).replace("%1", value),
        "bad_postcode": QCoreApplication.translate(
            "Errors", "“%1” is not a French postcode (five digits)."
        ).replace("%1", value),
        "unknown_departement": QCoreApplication.translate(
            "Errors", "“%1” is not a known département code."
        ).replace("%1", value),
        "unknown_region": QCoreApplication.translate(
            "Errors", "“%1” is not a known région code."
        ).replace("%1", value),
        "region_mismatch": QCoreApplication.translate(
            "Errors", "The département does not belong to the région “%1”."
        ).replace("%1", value),
        "bad_coordinates": QCoreApplication.translate("Errors", "%1 is out of range.").replace(
            "%1", field
        ),
        "bad_number": QCoreApplication.translate("Errors", "%1 must be a number.").replace(
            "%1", field
        ),
        "bad_date": QCoreApplication.translate(
            "Errors", "%1: “%2” is not a valid date (YYYY-MM-DD)."
        )
        .replace("%1", field)
        .replace("%2", value),
        "implausible_date": QCoreApplication.translate(
            "Errors", "%1: %2 is not a plausible visit date."
        )
        .replace("%1", field)
        .replace("%2", value),
        "bad_status": QCoreApplication.translate("Errors", "Unknown visit status."),
        "bad_role": QCoreApplication.translate("Errors", "“%1” is not a known role.").replace(
            "%1", value
        ),
        "bad_consent": QCoreApplication.translate(
            "Errors", "“%1” is not a known consent state."
        ).replace("%1", value),
        "bad_blob": QCoreApplication.translate("Errors", "A photo must name a stored photo file."),
        "unknown_kind": QCoreApplication.translate("Errors", "Unknown kind of record."),
        "unknown_field": QCoreApplication.translate(
            "Errors", "This record has no field “%1”."
        ).replace("%1", p.get("field", "")),
        "missing_parent": QCoreApplication.translate(
            "Errors", "The record it belongs to no longer exists."
        ),
        "not_found": QCoreApplication.translate("Errors", "This record no longer exists."),
        "duplicate_id": QCoreApplication.translate("Errors", "This record already exists."),
        "invalid": QCoreApplication.translate("Errors", "A value is not valid."),
        "out_of_range": QCoreApplication.translate(
            "Errors", "A number is out of the range this field accepts."
        ),
        "error": QCoreApplication.translate("Errors", "Something went wrong."),
        "missing_resource": QCoreApplication.translate(
            "Errors", "A file FieldKit ships is missing from this installation: reinstall FieldKit."
        ),
        # -- the data folder ------------------------------------------------------------
        "schema": QCoreApplication.translate("Errors", "FieldKit cannot open this database."),
        "schema_too_new": QCoreApplication.translate(
            "Errors",
            "This data was written by a newer FieldKit (schema %1; this one reads up to %2). "
            "Update FieldKit to open it.",
        )
        .replace("%1", p.get("found", ""))
        .replace("%2", p.get("supported", "")),
        "unknown_commune": QCoreApplication.translate(
            "Errors", "“%1” is not the INSEE code of a commune."
        ).replace("%1", value),
        "outside_departements": QCoreApplication.translate(
            "Errors",
            "Postcode %1 is in %2, which is not a département: FieldKit files places in the "
            "départements and régions of France only.",
        )
        .replace("%1", value)
        .replace("%2", p.get("territory", "")),
        "self_merge": QCoreApplication.translate("Errors", "A place cannot be merged with itself."),
        "commune_ambiguous": QCoreApplication.translate(
            "Errors", "Several communes match this postcode and name: %1."
        ).replace("%1", p.get("candidates", "")),
        "commune_unknown": QCoreApplication.translate(
            "Errors", "No commune matches this postcode and name."
        ),
        "commune_outside": QCoreApplication.translate(
            "Errors", "This postcode is not in a French département or région."
        ),
        "commune_not_settled": QCoreApplication.translate(
            "Errors", "The commune of “%1” is not settled: it is listed to settle."
        ).replace("%1", value),
        "commune_elsewhere": QCoreApplication.translate(
            "Errors", "The file says %1, but %2 is in %3: filed in %3."
        )
        .replace("%1", value)
        .replace("%2", p.get("commune", ""))
        .replace("%3", p.get("right", "")),
        # -- CSV import of places (fieldkit.importer) -----------------------------------
        "import_file": QCoreApplication.translate("Errors", "This file cannot be imported."),
        "missing_file": QCoreApplication.translate("Errors", "This file does not exist."),
        "not_a_file": QCoreApplication.translate("Errors", "This is a folder, not a CSV file."),
        "unreadable": QCoreApplication.translate("Errors", "This file cannot be read."),
        "binary_file": QCoreApplication.translate("Errors", "This is not a CSV text file."),
        "empty_file": QCoreApplication.translate("Errors", "This file is empty."),
        "bad_csv": QCoreApplication.translate("Errors", "This file is not a valid CSV file."),
        "bad_csv_row": QCoreApplication.translate(
            "Errors", "This line is not valid CSV (%1)."
        ).replace("%1", p.get("detail", "")),
        "bad_encoding": QCoreApplication.translate(
            "Errors", "This file is neither UTF-8 nor Windows-1252 text."
        ),
        "no_name_column": QCoreApplication.translate(
            "Errors", "The file has no name column (expected “nom” or “name”)."
        ),
        "deleted_place": QCoreApplication.translate(
            "Errors", "This place was deleted; it is not re-created."
        ),
        "duplicate_row": QCoreApplication.translate(
            "Errors", "Same place as line %1 (%2); line skipped."
        )
        .replace("%1", p.get("line", ""))
        .replace("%2", p.get("name", "")),
        "bad_place_id": QCoreApplication.translate(
            "Errors", "“%1” is not a FieldKit id; the place was matched by name and postcode."
        ).replace("%1", value),
        "unknown_kind_tag": QCoreApplication.translate(
            "Errors", "Unknown kind of place “%1”: imported as “Other”, kept as a tag."
        ).replace("%1", value),
        "unbalanced_quote": QCoreApplication.translate(
            "Errors",
            "A quote opened on this line is not closed before line %1: line skipped, the "
            "next lines are read as lines of their own. Close or remove the quote.",
        ).replace("%1", p.get("end", "")),
        "extra_cells": QCoreApplication.translate(
            "Errors",
            "This line has %1 cells, the header %2: the extra cells (%3) have no column; "
            "line skipped (a separator inside an unquoted cell shifts the columns).",
        )
        .replace("%1", p.get("cells", ""))
        .replace("%2", p.get("width", ""))
        .replace("%3", value),
        "mixed_encoding": QCoreApplication.translate(
            "Errors",
            "This line is in %1, the rest of the file in %2: read as %1; check its accents.",
        )
        .replace("%1", p.get("encoding", ""))
        .replace("%2", p.get("file_encoding", "")),
        "insee_contradicts": QCoreApplication.translate(
            "Errors",
            "INSEE code %1 is %2 (%3), but %4 is %5: line skipped; correct the code, or the "
            "postcode and commune.",
        )
        .replace("%1", value)
        .replace("%2", p.get("commune", ""))
        .replace("%3", p.get("departement", ""))
        .replace("%4", p.get("given", ""))
        .replace("%5", p.get("found", "")),
        "conversion_blocked": QCoreApplication.translate(
            "Errors",
            "Nothing was changed: these items of the data folder cannot be copied (not a "
            "regular file or folder, or unreadable): %1. Move them out of the folder, or make "
            "them readable, and try again.",
        ).replace("%1", value),
        # -- demo, export, reports, photos ----------------------------------------------
        "demo": QCoreApplication.translate("Errors", "The demo mission could not be built."),
        "stale_base": QCoreApplication.translate(
            "Errors",
            "Not saved: this record was changed elsewhere meanwhile (a sync, another "
            "program). What is shown now is the latest; make your change again.",
        ),
        "demo_present": QCoreApplication.translate(
            "Errors", "The demo mission is already in this database."
        ),
        "cancelled": QCoreApplication.translate("Errors", "Cancelled; nothing was changed."),
        "export": QCoreApplication.translate("Errors", "The export failed."),
        "bad_format": QCoreApplication.translate("Errors", "Unknown export format."),
        "not_a_folder": QCoreApplication.translate(
            "Errors", "This is a file; the export needs a folder."
        ),
        "unwritable": QCoreApplication.translate(
            "Errors", "The files cannot be written there (check the folder and the disk)."
        ),
        "bad_period": QCoreApplication.translate("Errors", "The period ends before it starts."),
        "bad_photo_quality": QCoreApplication.translate("Errors", "Unknown photo quality."),
        "photo": QCoreApplication.translate("Errors", "This photo could not be imported."),
        "bad_derivative_kind": QCoreApplication.translate("Errors", "Unknown kind of photo copy."),
        "blob_missing": QCoreApplication.translate(
            "Errors", "The original of this photo is not on this computer yet; sync to fetch it."
        ),
        "no_photo_store": QCoreApplication.translate(
            "Errors", "This data folder cannot hold photos."
        ),
        "no_home": QCoreApplication.translate("Errors", "This data folder cannot hold photos."),
        # -- sync (fieldkit.sync) ----------------------------------------------------------
        "sync": QCoreApplication.translate(
            "Errors", "The synchronisation failed; your changes stay on this computer."
        ),
        "offline": QCoreApplication.translate(
            "Errors",
            "The sync server cannot be reached. Nothing was lost: your changes stay on this "
            "computer; sync again later.",
        ),
        "server_changed": QCoreApplication.translate(
            "Errors",
            "The sync server keeps changing identity (restored from backups); nothing was "
            "lost here, sync again later.",
        ),
        "sync_cancelled": QCoreApplication.translate(
            "Errors", "Sync cancelled; what was done so far is kept."
        ),
        "not_logged_in": QCoreApplication.translate(
            "Errors", "You are not signed in to a sync server."
        ),
        "demo_never_syncs": QCoreApplication.translate(
            "Errors",
            "This is the demo mission: it never signs in nor synchronises. Open your "
            "mission file (File → Open a mission…) to work with your team's server.",
        ),
        "bad_url": QCoreApplication.translate(
            "Errors", "“%1” is not a server address; it should look like https://host:port."
        ).replace("%1", p.get("url", "") or value),
        "invalid_credentials": QCoreApplication.translate(
            "Errors", "Login refused: wrong user name or password."
        ),
        "token_expired": QCoreApplication.translate(
            "Errors",
            "Your login to the server has expired (unused too long, or too old): sign in "
            "again. Nothing on this computer is lost.",
        ),
        "long_password": QCoreApplication.translate(
            "Errors", "This password is too long (1,000 characters at most)."
        ),
        "common_password": QCoreApplication.translate(
            "Errors", "This password is among the most common ones; choose another."
        ),
        "blob_erased": QCoreApplication.translate(
            "Errors",
            "This photo was erased for privacy: the server does not take it again. "
            "It stays on this computer only.",
        ),
        "disk_full": QCoreApplication.translate(
            "Errors",
            "The server's disk is full; nothing was lost here. Sync again later and tell "
            "your coordinator.",
        ),
        "quota_exceeded": QCoreApplication.translate(
            "Errors",
            "Your photos on the server have reached your quota; the rest stays on this "
            "computer. Ask the administrator for more room.",
        ),
        "too_many_attempts": QCoreApplication.translate(
            "Errors", "Too many failed logins; wait a few minutes and try again."
        ),
        "no_password": QCoreApplication.translate("Errors", "No password was given."),
        "bad_answer": QCoreApplication.translate(
            "Errors", "The server did not answer for every change sent; sync again."
        ),
        "bad_page": QCoreApplication.translate(
            "Errors",
            "A page sent by the server could not be read; nothing of it was applied. "
            "Sync again; if it happens again, report it.",
        ),
        "bad_blob_hash": QCoreApplication.translate(
            "Errors",
            "The server named a photo file in a form that is not a photo's fingerprint; "
            "that record was set aside and nothing was written for it. Report it.",
        ),
        "hash_mismatch": QCoreApplication.translate(
            "Errors", "A photo arrived damaged; it was discarded, sync again."
        ),
        "http_error": QCoreApplication.translate(
            "Errors", "The server answered with an error; sync again later."
        ),
        "conflict_resolved": QCoreApplication.translate(
            "Errors", "This conflict is already resolved."
        ),
        "conflict_record_deleted": QCoreApplication.translate(
            "Errors", "The record is deleted; choose to keep it before editing it."
        ),
        # -- the server's answers (fieldkit.server) ---------------------------------------
        "forbidden": QCoreApplication.translate(
            "Errors", "The server refused: this is outside your régions or rights."
        ),
        "invalid_request": QCoreApplication.translate(
            "Errors", "The server refused a request it could not read."
        ),
        "invalid_token": QCoreApplication.translate(
            "Errors", "Your sign-in has expired; sign in again."
        ),
        "missing_token": QCoreApplication.translate(
            "Errors", "You are not signed in to the server; sign in again."
        ),
        "too_large": QCoreApplication.translate("Errors", "This is over the server's size limit."),
        "bad_hash": QCoreApplication.translate(
            "Errors", "A photo sent to the server was refused (wrong fingerprint)."
        ),
        "bad_header": QCoreApplication.translate(
            "Errors", "The server refused a malformed request."
        ),
        "missing_header": QCoreApplication.translate(
            "Errors", "The server refused an incomplete request."
        ),
        "length_mismatch": QCoreApplication.translate(
            "Errors", "A photo upload was cut short; sync again to resume it."
        ),
        "offset_mismatch": QCoreApplication.translate(
            "Errors", "A photo upload got out of step; sync again to resume it."
        ),
        "checksum_mismatch": QCoreApplication.translate(
            "Errors", "Part of a photo arrived damaged; sync again to send it again."
        ),
        "unsupported_media_type": QCoreApplication.translate(
            "Errors", "The server refused an upload sent in the wrong format."
        ),
        "unsupported_version": QCoreApplication.translate(
            "Errors", "The server speaks another version of the upload protocol."
        ),
        "upload_busy": QCoreApplication.translate(
            "Errors", "Someone else is sending the same photo right now; sync again shortly."
        ),
        "bad_proxy": QCoreApplication.translate(
            "Errors", "A trusted proxy must be an IP address or network, e.g. 10.0.0.5."
        ),
        # -- server accounts (fieldkit.server.auth) ---------------------------------------
        "bad_user_name": QCoreApplication.translate(
            "Errors", "A user name is 1–100 characters without spaces."
        ),
        "short_password": QCoreApplication.translate(
            "Errors", "A password needs at least 8 characters."
        ),
        "no_regions": QCoreApplication.translate("Errors", "An agent needs at least one région."),
        "duplicate_user": QCoreApplication.translate("Errors", "This user already exists."),
        "unknown_user": QCoreApplication.translate("Errors", "There is no such user."),
        "wrong_passphrase": QCoreApplication.translate(
            "Errors", "Wrong passphrase for this data: nothing was opened or changed."
        ),
        "passphrase_required": QCoreApplication.translate(
            "Errors", "This data is encrypted: its passphrase is needed to open it."
        ),
        "passphrase_too_short": QCoreApplication.translate(
            "Errors", "The passphrase must have at least 8 characters."
        ),
        "key_missing": QCoreApplication.translate(
            "Errors",
            "The key of this encrypted data is not in this computer's keyring, so it cannot "
            "be read. What was synced can be recovered by signing in again in a new data "
            "folder.",
        ),
        "keyring_failed": QCoreApplication.translate(
            "Errors", "The key could not be saved in the system keyring: use a passphrase."
        ),
        "database_key_mismatch": QCoreApplication.translate(
            "Errors", "The database does not match this data's key, or it is damaged."
        ),
        "encryption_config_damaged": QCoreApplication.translate(
            "Errors", "The encryption settings of this data folder cannot be read."
        ),
        "encrypted_file_damaged": QCoreApplication.translate(
            "Errors", "An encrypted photo file is damaged or was sealed with another key."
        ),
        "already_encrypted": QCoreApplication.translate(
            "Errors", "This data is already encrypted."
        ),
        "not_encrypted": QCoreApplication.translate("Errors", "This data is not encrypted."),
        "encryption": QCoreApplication.translate(
            "Errors", "The encrypted data of this laptop cannot be opened."
        ),
        "erasure_refused": QCoreApplication.translate(
            "Errors",
            "Only coordinators and admins can erase records already synced or made by someone "
            "else. You can delete it instead, or ask a coordinator.",
        ),
        "sqlcipher_missing": QCoreApplication.translate(
            "Errors", "This FieldKit cannot open encrypted data (SQLCipher is missing)."
        ),
        "sqlcipher_no_fts5": QCoreApplication.translate(
            "Errors",
            "This FieldKit's SQLCipher has no full-text search (FTS5): encrypted data cannot "
            "be opened.",
        ),
        "sqlcipher_version": QCoreApplication.translate(
            "Errors", "This FieldKit's SQLCipher is not version 4."
        ),
        # Mission files, server mission settings (fieldkit/sync/mission_file.py, tls.py,
        # fieldkit/server/mission.py).
        "mission_file": QCoreApplication.translate("Errors", "This mission file cannot be used."),
        "not_a_mission_file": QCoreApplication.translate(
            "Errors", "This is not a FieldKit mission file."
        ),
        "mission_file_tampered": QCoreApplication.translate(
            "Errors",
            "This mission file was changed after the server issued it (its signature does "
            "not match). Ask the coordinator for a new mission file.",
        ),
        "mission_file_foreign": QCoreApplication.translate(
            "Errors",
            "This mission file was not issued by the server at %1. Nothing was sent to it. "
            "Ask the coordinator for a mission file from the mission's own server.",
        ).replace("%1", p.get("url", "")),
        "mission_file_too_new": QCoreApplication.translate(
            "Errors", "This mission file was made for a newer FieldKit: update FieldKit."
        ),
        "certificate_mismatch": QCoreApplication.translate(
            "Errors",
            "The server presents another certificate than the one in the mission file. "
            "Nothing was sent to it. Ask the coordinator whether its certificate changed.",
        ),
        "no_user": QCoreApplication.translate("Errors", "Give your user name."),
        "not_fieldkit_server": QCoreApplication.translate(
            "Errors", "This address does not answer as a FieldKit server."
        ),
        "mission_config": QCoreApplication.translate(
            "Errors", "The server's mission settings cannot be read."
        ),
        "bad_version": QCoreApplication.translate(
            "Errors", "“%1” is not a version number like 0.2.0."
        ).replace("%1", value),
        "no_mission_name": QCoreApplication.translate(
            "Errors", "The mission has no name: give one."
        ),
    }


def known_error_codes() -> set[str]:
    return set(_error_texts({}))


def error_message(exc: BaseException | str) -> str:
    """A translated, one-sentence explanation of a core error (by its ``code``).

    Takes a :class:`FieldKitError`, or a :class:`fieldkit.errors.Problem` (a reason kept
    in a list, such as a bad row of a CSV import).
    """
    code = getattr(exc, "code", None)
    params = getattr(exc, "params", None)
    if not isinstance(code, str) or not isinstance(params, dict):
        if isinstance(exc, str):
            return exc
        return QCoreApplication.translate("Errors", "Unexpected error: %1").replace("%1", str(exc))
    p = {k: "" if v is None else str(v) for k, v in params.items()}
    candidates = params.get("candidates")
    if isinstance(candidates, list):  # (postcode, INSEE code, name) of each commune
        p["candidates"] = ", ".join(f"{c[2]} ({c[1]})" for c in candidates if len(c) == 3)
    if isinstance(exc, FieldKitError) and isinstance(getattr(exc, "field", None), str):
        p.setdefault("field", exc.field)  # type: ignore[attr-defined]
    messages = _error_texts(p)
    if code in messages:
        return messages[code]
    # A code this table does not know yet: the core's English message is still clear.
    return str(getattr(exc, "message", exc))
