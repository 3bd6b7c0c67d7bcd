"""One gate for every output: each CLI command and each exporter, run on the adversarial
missions, prints no hidden name (tests/privacy_missions.py).

The table RECIPES says how to run every command of the ``fieldkit`` group; the group is
walked recursively, so a command added later without a recipe fails
``test_every_command_has_a_recipe``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from fieldkit import photos, retention
from fieldkit.cli import main
from fieldkit.exporter import EXPORTED_KINDS, FORMATS
from fieldkit.paths import Home
from fieldkit.privacy import RETENTION_KEY
from fieldkit.store import Store
from tests.photo_factory import make_jpeg
from tests.privacy_missions import (
    Mission,
    build_common_words,
    build_one_word,
    leaks,
    texts_of,
)


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[str]:
    out = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            out += command_paths(command, (*prefix, name))
        else:
            out.append(" ".join((*prefix, name)))
    return out


@dataclass
class Env:
    home: Home
    tmp: Path
    mission: Mission
    outputs: list[tuple[str, str, bool]] = field(default_factory=list)  # what, text, hide_all
    hide_all: bool = False  # past the retention date: nobody may be named

    def run(self, *args: str, home: Home | None = None, input: str | None = None) -> Result:
        result = CliRunner().invoke(
            main, ["--home", str((home or self.home).root), *args], input=input
        )
        self.outputs.append((" ".join(args), result.output, self.hide_all))
        return result

    def copy(self, name: str) -> Home:
        target = self.tmp / name
        shutil.copytree(self.home.root, target)
        return Home.resolve(str(target))

    def read(self, what: str, path: Path, *, hide_all: bool = False) -> None:
        if path.suffix == ".pdf":
            text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        elif path.suffix == ".json":
            text = texts_of(json.loads(path.read_text(encoding="utf-8")))
        else:
            text = path.read_text(encoding="utf-8-sig")
        self.outputs.append((what, text, hide_all or self.hide_all))


def _server(env: Env, *args: str, input: str | None = None) -> None:
    env.run("server", args[0], "--data", str(env.tmp / "server"), *args[1:], input=input)


def r_search(env: Env) -> None:
    queries = [w for p in env.mission.people for w in p.name.replace("-", " ").split()]
    for q in [*{p.name for p in env.mission.people}, *queries, "Fontaine", "Dupont-Aignan"]:
        env.run("search", q)


def r_export(env: Env) -> None:
    for fmt in FORMATS:
        for with_names in (False, True):
            out = env.tmp / f"export-{fmt}-{with_names}"
            env.run("export", "--format", fmt, "-o", str(out), *(["--with-names"] * with_names))
            for kind in EXPORTED_KINDS:
                file = next(out.glob(f"{kind}s.{fmt}"))
                env.read(f"export {fmt} {kind}", file, hide_all=not with_names)


def r_report(env: Env) -> None:
    pdf = env.tmp / "rapport.pdf"
    env.run("report", "--region", "53", "-o", str(pdf), "--photo-quality", "screen")
    env.read("report pdf", pdf)
    out = env.tmp / "all"
    env.run("report", "--all", "--out-dir", str(out), "--no-photos")
    for file in out.glob("*.pdf"):
        env.read(f"report {file.name}", file)


def r_erase(env: Env) -> None:
    for person in env.mission.people:
        env.run("erase", "interview", env.mission.ids[person.name], input="n\n")
    env.run("erase", "visit", env.mission.ids["visit"], input="n\n")
    copy = env.copy("erase")
    env.run("erase", "place", env.mission.ids["place"], "--yes", home=copy)


def r_retention(env: Env) -> None:
    env.run("retention")
    env.run("retention", "2026-01-01", "--dry-run")
    copy = env.copy("retention")
    env.run("retention", "2026-01-01", home=copy)
    # After retention too (the name fields hold labels; the gate has the hashed forms).
    for query in ("Rose", "Martin", "Fontaine", "Violette", "Olive", "fondé"):
        env.run("search", query, home=copy)
    env.run("places", "list", home=copy)


def r_places_import(env: Env) -> None:
    csv = env.tmp / "places.csv"
    csv.write_text(
        "nom;code postal;commune;description\n"
        "Chez Rose Martin;29200;Brest;Tenu par Rose Martin\n;;;\n",
        encoding="utf-8",
    )
    env.run("places", "import", str(csv), "--dry-run")


def r_photos_import(env: Env) -> None:
    copy = env.copy("photos")
    jpeg = make_jpeg(env.tmp / "encore.jpg", seed=9)
    env.run(
        "photos",
        "import",
        env.mission.ids["visit"],
        str(jpeg),
        "--caption",
        "Rose Martin",
        home=copy,
    )


def r_encrypt(env: Env) -> None:
    copy = env.copy("encrypted")
    env.run("encrypt", home=copy)
    env.run("search", "Rose Martin", home=copy)
    env.run("decrypt", home=copy)


def r_places_merge(env: Env) -> None:
    copy = env.copy("merge")
    env.run("places", "merge", env.mission.ids["place"], env.mission.ids["other"], home=copy)


def r_demo(env: Env) -> None:
    copy = env.copy("demo")
    env.run(
        "demo", "--places", "2", "--visits", "3", "--interviews", "5", "--photos", "0", home=copy
    )
    env.run("search", "Rose", home=copy)


def r_login(env: Env) -> None:
    # No server listens on port 9 of loopback: the command's error is what it prints.
    env.run("login", "http://127.0.0.1:9", "--user", "Rose Martin", input="x\n")


def r_mission_file(env: Env) -> None:
    _server(env, "init")
    _server(env, "config", "--mission-name", "Mission Bretagne")
    file = env.tmp / "mission.fieldkit"
    _server(env, "mission-file", "--out", str(file), "--url", "https://127.0.0.1:9")
    env.run("mission", "show", str(file))
    env.run("mission", "open", str(file), "--no-sync", input="x\n")


RECIPES: dict[str, Callable[[Env], None]] = {
    "init": lambda env: env.run("init"),
    "copy-db": lambda env: env.run("copy-db", str(env.tmp / "copy.db")),
    "photos import": r_photos_import,
    # login, sync, logout: offline here (what they print is their error); against the
    # real server in tests/sync/test_retention_sync.py.
    "login": r_login,
    "sync": lambda env: env.run("sync"),
    "logout": lambda env: env.run("logout"),
    "devices list": lambda env: env.run("devices", "list"),
    "devices revoke": lambda env: env.run("devices", "revoke", "1"),
    "mission show": r_mission_file,
    "mission open": r_mission_file,
    "report": r_report,
    "demo": r_demo,
    "places import": r_places_import,
    "places list": lambda env: env.run("places", "list"),
    "places communes": lambda env: env.run("places", "communes"),
    "places settle": lambda env: env.run(
        "places", "settle", env.mission.ids["place"], "29019", home=env.copy("settle")
    ),
    "places duplicates": lambda env: env.run("places", "duplicates"),
    "places merge": r_places_merge,
    "places figures": lambda env: env.run("places", "figures"),
    "visits list": lambda env: env.run("visits", "list"),
    "search": r_search,
    "export": r_export,
    "encrypt": r_encrypt,
    "decrypt": r_encrypt,
    "erase": r_erase,
    "retention": r_retention,
    "server init": lambda env: _server(env, "init"),
    "server add-user": lambda env: _server(
        env,
        "add-user",
        "agent-bzh",
        "--role",
        "agent",
        "--regions",
        "53",
        input="un mot de passe long\n" * 2,
    ),
    "server revoke-tokens": lambda env: _server(env, "revoke-tokens", "agent-bzh"),
    # Serving blocks until stopped: its option check is what it prints here (the
    # server's own logs are the server's; fieldkit.server.logs).
    "server run": lambda env: _server(env, "run", "--port", "0", "--workers", "0"),
    "server backup": lambda env: _server(env, "backup", str(env.tmp / "backup")),
    "server restore": lambda env: _server(env, "restore", str(env.tmp / "nothing"), "--yes"),
    "server config": lambda env: _server(env, "config"),
    # After add-user and revoke-tokens above: the journal has lines to list.
    "server audit": lambda env: _server(env, "audit"),
    "server mission-file": r_mission_file,
}


def test_every_command_has_a_recipe():
    """A command added later must come with its run recipe here (and so be checked)."""
    assert sorted(command_paths(main)) == sorted(RECIPES)


@pytest.fixture(params=["common_words", "one_word", "common_words-retained", "one_word-retained"])
def adversarial(request: pytest.FixtureRequest, store: Store, home: Home, tmp_path: Path) -> Env:
    """Both missions, before the retention date and after it (retention applied)."""
    build = build_common_words if request.param.startswith("common") else build_one_word
    mission = build(store)
    jpeg = make_jpeg(tmp_path / "photo.jpg", seed=3)
    first = mission.people[0].name
    photos.import_photos(
        store, mission.ids["visit"], [jpeg], caption=f"{first} devant l'atelier ; {first} sourit."
    )
    retained = request.param.endswith("retained")
    if retained:
        store.set_setting(RETENTION_KEY, "2026-01-01")
        assert retention.apply_if_due(store) == len(mission.people)
    store.close()
    return Env(home, tmp_path / "work", mission, hide_all=retained)


def test_no_command_prints_a_hidden_name(adversarial: Env):
    env = adversarial
    env.tmp.mkdir()
    done = set()
    for recipe in RECIPES.values():
        if recipe in done:
            continue
        done.add(recipe)
        recipe(env)
    assert len(env.outputs) > len(RECIPES)
    found = {
        what: leaked
        for what, text, hide_all in env.outputs
        if (leaked := leaks(text, env.mission, hide_all=hide_all))
    }
    assert found == {}
    everything = "\n".join(text for _, text, _ in env.outputs)
    for phrase in env.mission.phrases:
        if phrase in "\n".join(env.mission.texts.values()):
            assert phrase in everything, phrase


def test_search_hits_of_every_name_query_are_gated(adversarial: Env):
    """The issue's case: 23 of 23 name queries printed a hidden name."""
    env = adversarial
    r_search(env)
    assert any("[" in text for _, text, _ in env.outputs)  # the query is still highlighted
    for what, text, _ in env.outputs:
        assert leaks(text, env.mission) == [], what


def test_log_lines_and_the_diagnostic_report_pass_the_gate(
    adversarial: Env, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    import logging

    from fieldkit import support
    from fieldkit.gate import OutputGate

    monkeypatch.setenv("FIELDKIT_LOG_DIR", str(tmp_path / "logs"))
    path = support.setup_logging()
    try:
        with Store.open(adversarial.home) as store:
            OutputGate.for_store(store)
        hidden = next(p for p in adversarial.mission.people if p.hidden)
        logging.getLogger("fieldkit.test").warning("sync refused the interview of %s", hidden.name)
        report = support.diagnostic_report(
            adversarial.home, settings={"mission_title": f"Mission de {hidden.name}"}
        )
    finally:
        support.stop_logging()
    assert leaks(path.read_text(encoding="utf-8"), adversarial.mission) == []
    assert "sync refused the interview of" in path.read_text(encoding="utf-8")
    assert leaks(report, adversarial.mission) == []


def test_a_command_added_later_prints_through_the_gate(store: Store, home: Home, tmp_path: Path):
    """A new command that forgets the rule and echoes a stored name raw is still gated
    (full names: a one-word name is only recognised in its own visit's texts, which the
    command must give the gate itself)."""
    adversarial = Env(home, tmp_path, build_common_words(store))
    store.close()
    from fieldkit.cli_support import Context, friendly_errors, pass_ctx
    from fieldkit.errors import ValidationError

    @click.command("leaky")
    @pass_ctx
    def leaky(ctx: Context) -> None:
        for row in ctx.store.conn.execute("SELECT person_name FROM interviews"):
            click.echo(f"interview of {row[0]}")
            click.echo(f"warning about {row[0]}", err=True)

    @click.command("failing")
    @pass_ctx
    @friendly_errors
    def failing(ctx: Context) -> None:
        (name,) = ctx.store.conn.execute("SELECT person_name FROM interviews").fetchone()
        raise ValidationError("person_name", f"{name} cannot be used here.")

    main.add_command(leaky)
    main.add_command(failing)
    try:
        result = adversarial.run("leaky")
        failed = adversarial.run("failing")
    finally:
        main.commands.pop("leaky")
        main.commands.pop("failing")
    # Click prints an error after the command's context has closed: gated all the same.
    assert failed.exit_code == 1 and "cannot be used here" in failed.output
    assert "Usager·ère n°1 cannot" in failed.output
    assert result.exit_code == 0, result.output
    assert "interview of" in result.output and "n°1" in result.output
    full_names = [p for p in adversarial.mission.people if p.hidden and " " in p.name]
    for person in full_names:
        assert person.name not in result.output
