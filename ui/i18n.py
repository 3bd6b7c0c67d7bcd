"""Which language the interface speaks, and the translated names of codes and errors.

Source strings are English; ``resources/translations/fieldkit_<lang>.qm`` holds the
translations (French first). Switching language installs other translators; Qt then sends
every widget a ``LanguageChange`` event and each window re-reads its texts.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator

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
        if qt_own.load(
            f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
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


def error_message(exc: BaseException) -> str:
    """A translated, one-sentence explanation of a core error (by its ``code``)."""
    if not isinstance(exc, FieldKitError):
        return QCoreApplication.translate("Errors", "Unexpected error: %1").replace("%1", str(exc))
    p = {k: "" if v is None else str(v) for k, v in exc.params.items()}
    value = p.get("value", "")
    field = field_label(p.get("field", ""))
    messages = {
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
        "missing_parent": QCoreApplication.translate(
            "Errors", "The record it belongs to no longer exists."
        ),
        "not_found": QCoreApplication.translate("Errors", "This record no longer exists."),
        "duplicate_id": QCoreApplication.translate("Errors", "This record already exists."),
        "missing_file": QCoreApplication.translate("Errors", "This file does not exist."),
        "not_a_file": QCoreApplication.translate("Errors", "This is a folder, not a CSV file."),
        "unreadable": QCoreApplication.translate("Errors", "This file cannot be read."),
        "binary_file": QCoreApplication.translate("Errors", "This is not a CSV text file."),
        "empty_file": QCoreApplication.translate("Errors", "This file is empty."),
        "bad_csv": QCoreApplication.translate("Errors", "This file is not a valid CSV file."),
        "bad_encoding": QCoreApplication.translate(
            "Errors", "This file is neither UTF-8 nor Windows-1252 text."
        ),
        "no_name_column": QCoreApplication.translate(
            "Errors", "The file has no name column (expected “nom” or “name”)."
        ),
        "schema_too_new": QCoreApplication.translate(
            "Errors",
            "This data was written by a newer FieldKit (schema %1; this one reads up to %2). "
            "Update FieldKit to open it.",
        )
        .replace("%1", p.get("found", ""))
        .replace("%2", p.get("supported", "")),
        "stale_base": QCoreApplication.translate(
            "Errors",
            "Not saved: this record was changed elsewhere meanwhile (a sync, another "
            "program). What is shown now is the latest; make your change again.",
        ),
        "demo_present": QCoreApplication.translate(
            "Errors", "The demo mission is already in this database."
        ),
    }
    if exc.code in messages:
        return messages[exc.code]
    # A code this table does not know yet: the core's English message is still clear.
    return exc.message
