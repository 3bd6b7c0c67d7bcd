"""Keep the translation files in step with the code: ``python -m ui.i18n_tools``.

1. ``pyside6-lupdate`` collects every tr()/translate() string of ``ui/`` into
   ``resources/translations/fieldkit_{fr,en}.ts`` (dropping strings no longer used);
2. :func:`fill` writes the French texts of :mod:`ui.i18n_fr` into the French file, and
   the English file gets the source text itself (with proper English plurals);
3. ``pyside6-lrelease`` compiles both to ``.qm`` (committed, loaded at run time).

``python -m ui.i18n_tools --check`` lists the strings with no French translation and
exits 1 if there are any (the test suite does the same check).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from fieldkit.resources import resource_path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
TS_DIR = resource_path("translations")
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    numerus: bool
    finished: bool


def ts_path(lang: str) -> Path:
    return TS_DIR / f"fieldkit_{lang}.ts"


def lupdate(ts_files: list[Path], source_dir: Path = UI_DIR) -> None:
    """Collect the strings of ``source_dir`` (recursively, .py files) into ``ts_files``."""
    cmd = [str(BIN / "pyside6-lupdate"), "-extensions", "py", "-no-obsolete", "-locations"]
    cmd += ["relative", str(source_dir), "-ts", *map(str, ts_files)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)


def lrelease(ts_files: list[Path]) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), *map(str, ts_files)],
        check=True,
        capture_output=True,
        text=True,
    )


def read_messages(ts_file: Path) -> list[Message]:
    root = ET.parse(ts_file).getroot()
    out = []
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type", "") if tr is not None else "unfinished"
            numerus = msg.get("numerus") == "yes"
            if numerus and tr is not None:
                has_text = all((f.text or "").strip() for f in tr.iter("numerusform"))
            else:
                has_text = tr is not None and bool((tr.text or "").strip())
            out.append(
                Message(
                    name,
                    msg.findtext("source") or "",
                    numerus,
                    kind not in ("unfinished", "vanished", "obsolete") and has_text,
                )
            )
    return out


def english_plurals(source: str) -> tuple[str, str]:
    """'%n visit(s)' → ('%n visit', '%n visits'); good enough for our English sources."""
    singular = source.replace("(s)", "").replace("(es)", "")
    plural = source.replace("(s)", "s").replace("(es)", "es")
    return singular, plural


def lookup(lang: str, context: str, source: str) -> str | tuple[str, ...] | None:
    if lang == "en":
        return english_plurals(source) if "%n" in source else source
    from ui.i18n_fr import FRENCH, FRENCH_IN_CONTEXT

    text = FRENCH_IN_CONTEXT.get((context, source), FRENCH.get(source))
    if text is None:
        return None
    return french_spacing(text) if isinstance(text, str) else tuple(map(french_spacing, text))


def french_spacing(text: str) -> str:
    """Non-breaking spaces where French typography wants them (« x », a : b)."""
    for mark in (":", ";", "!", "?", "»"):
        text = text.replace(f" {mark}", f"\u00a0{mark}")
    return text.replace("« ", "«\u00a0")


def fill(ts_file: Path, lang: str) -> list[tuple[str, str]]:
    """Write the known translations into ``ts_file``; returns the (context, source) left."""
    tree = ET.parse(ts_file)
    root = tree.getroot()
    missing = []
    for ctx in root.iter("context"):
        context = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            source = msg.findtext("source") or ""
            tr = msg.find("translation")
            if tr is None:
                tr = ET.SubElement(msg, "translation")
            text = lookup(lang, context, source)
            if text is None:
                missing.append((context, source))
                continue
            if msg.get("numerus") == "yes":
                forms = (text,) if isinstance(text, str) else text
                for f in list(tr):
                    tr.remove(f)
                tr.text = None
                for form in forms:
                    ET.SubElement(tr, "numerusform").text = form
            else:
                if not isinstance(text, str):
                    raise TypeError(f"{source!r} is not a plural: give one translation")
                tr.text = text
            tr.attrib.pop("type", None)
    body = ET.tostring(root, encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return missing


def current_sources(source_dir: Path = UI_DIR) -> list[Message]:
    """Every translatable string in the code right now (lupdate into a scratch file)."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "scan_fr.ts"
        lupdate([scratch], source_dir)
        return read_messages(scratch)


def untranslated(lang: str = "fr") -> list[tuple[str, str]]:
    """Strings of the code with no finished translation in the committed ``.ts`` file."""
    done = {(m.context, m.source) for m in read_messages(ts_path(lang)) if m.finished}
    return [(m.context, m.source) for m in current_sources() if (m.context, m.source) not in done]


def main(argv: list[str]) -> int:
    if "--check" in argv:
        left = untranslated("fr")
        for context, source in left:
            print(f"{context}: {source!r}")
        return 1 if left else 0
    files = [ts_path("fr"), ts_path("en")]
    TS_DIR.mkdir(parents=True, exist_ok=True)
    lupdate(files)
    left = []
    for lang, path in (("fr", files[0]), ("en", files[1])):
        left += [(lang, c, s) for c, s in fill(path, lang)]
    lrelease(files)
    for lang, context, source in left:
        print(f"no {lang} translation: {context}: {source!r}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
