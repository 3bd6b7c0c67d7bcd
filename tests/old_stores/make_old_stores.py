"""Make the committed databases of earlier schema versions (tests/test_store_upgrade.py).

Run once, from the code of the version being frozen (these files were made from main at
commit 0829e36, schema version 8, before the store moved onto sqlite-utils):

    python -m tests.old_stores.make_old_stores

It builds one small, realistic mission in the current schema (places with accents,
visits, interviews with names, photos with their blob and derivative rows, records
pulled from a "server", a tombstone, unsent outbox entries, an open and a resolved
conflict, settings, sync state, an erasure and a journal), then writes it as
``v<N>.db`` for each version N in VERSIONS: a database migrated up to N only, with the
rows and columns N knew, indexed by N's own triggers. Never regenerate the files from
newer code: they stand for what older FieldKits left on people's disks.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from fieldkit import encryption
from fieldkit.paths import Home
from fieldkit.photos import import_photos
from fieldkit.store import Store, migrate
from fieldkit.sync import local
from tests.photo_factory import make_jpeg

HERE = Path(__file__).resolve().parent
VERSIONS = (3, 5, 8)


class SteppingClock:
    """Each reading a second after the last: reproducible, ordered timestamps."""

    def __init__(self) -> None:
        self.moment = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        self.moment += dt.timedelta(seconds=1)
        return self.moment


def build_mission(home: Home) -> None:
    store = Store.open(home, user="agathe", clock=SteppingClock())
    store.set_setting("user", "agathe")
    beziers = store.create_place(
        name="La Fabrique à Béziers",
        kind="fablab",
        address="12 rue de l'Église",
        postcode="34500",
        commune="Béziers",
        description="Atelier partagé, équipe bénévole très présente.",
        tags=["numérique", "réemploi"],
        website="https://fabrique.example.fr",
    )
    lyon = store.create_place(
        name="Tiers-lieu L'Établi",
        kind="coworking",
        postcode="69007",
        commune="Lyon",
        latitude=45.75,
        longitude=4.84,
        contact="Hélène Dupré",
    )
    rural = store.create_place(
        name="Café-atelier des Cévennes",
        kind="rural_hub",
        postcode="30270",
        commune="Saint-Jean-du-Gard",
        description="Un café, une épicerie et un atelier de réparation.",
    )
    v1 = store.create_visit(
        beziers["id"],
        visited_on="2026-02-10",
        visitors="Agathe Roux, Bruno Lefèvre",
        summary="Première visite de l'équipe",
        notes="L'équipe accueille une quarantaine d'usagers par semaine. Été très chargé.",
        tags=["suivi"],
    )
    v2 = store.create_visit(
        lyon["id"], visited_on="2026-02-12", status="final", summary="Réunion élus"
    )
    v3 = store.create_visit(rural["id"], visited_on="2026-02-14", summary="À revoir")
    store.create_interview(
        v1["id"],
        person_name="Claire Lefèvre",
        role="manager",
        organisation="Association La Fabrique",
        consent="given",
        consent_on="2026-02-10",
        notes="Parle du financement régional et des bénévoles.",
        quotes="« On répare plus qu'on ne jette. »",
    )
    store.create_interview(
        v1["id"],
        person_name="Éric Müller",
        role="user",
        consent="refused",
        notes="Vient chaque mardi pour l'atelier vélo.",
    )
    store.create_interview(
        v2["id"],
        person_name="Zoé Nguyễn",
        role="elected_official",
        organisation="Mairie du 7e",
        consent="given",
        pseudonymise=True,
        notes="Soutien au projet d'extension.",
    )
    photo_dir = Path(tempfile.mkdtemp(prefix="fk-old-stores-"))
    paths = [
        make_jpeg(photo_dir / f"atelier-{i}.jpg", seed=i, taken_at=f"2026-02-10T10:1{i}:00")
        for i in range(3)
    ]
    report = import_photos(store, v1["id"], paths, workers=1, caption="Atelier")
    assert len(report.imported) == 3, report
    store.update("photo", report.imported[0]["id"], {"caption": "L'atelier vélo, côté rue"})
    # A tombstone with its outbox entries.
    store.delete("visit", v3["id"])
    # Records a colleague wrote, pulled from the server: clean rows with versions.
    remote_place = "7c1e0c56-1f0e-4d53-9d0f-5b2f8d0e0a01"
    remote_visit = "7c1e0c56-1f0e-4d53-9d0f-5b2f8d0e0a02"
    remote_interview = "7c1e0c56-1f0e-4d53-9d0f-5b2f8d0e0a03"
    envelope = {
        "created_at": "2026-01-20T08:00:00.000Z",
        "updated_at": "2026-01-21T08:00:00.000Z",
        "created_by": "bruno",
        "updated_by": "bruno",
    }
    local.apply_page(
        store,
        [
            (
                "place",
                {
                    "id": remote_place,
                    "version": 3,
                    "deleted": False,
                    "name": "Le Hangar numérique",
                    "kind": "fablab",
                    "postcode": "29200",
                    "commune": "Brest",
                    "commune_insee": "29019",
                    "departement": "29",
                    "region": "53",
                    "description": "Découpe laser, impression 3D, médiation.",
                    "tags": [],
                    **envelope,
                },
            ),
            (
                "visit",
                {
                    "id": remote_visit,
                    "version": 2,
                    "deleted": False,
                    "place_id": remote_place,
                    "visited_on": "2026-01-20",
                    "visitors": "Bruno Lefèvre",
                    "status": "final",
                    "summary": "Visite du hangar",
                    "notes": "Très bonne fréquentation des collégiens.",
                    "tags": ["jeunesse"],
                    **envelope,
                },
            ),
            (
                "interview",
                {
                    "id": remote_interview,
                    "version": 1,
                    "deleted": False,
                    "visit_id": remote_visit,
                    "person_name": "Jean-Noël Kerhervé",
                    "role": "partner",
                    "organisation": "Brest Métropole",
                    "consent": "not_asked",
                    "notes": "Partenariat avec la médiathèque.",
                    **envelope,
                },
            ),
        ],
        next_cursor=41,
    )
    local.remember_server_id(store, "server-aa11")
    # An edit of a pulled record: unsent, so dirty, with its base in the outbox.
    store.update(
        "visit", remote_visit, {"notes": "Très bonne fréquentation des collégiens (mardi)."}
    )
    with store.transaction():
        local._insert_conflict(
            store,
            local.ConflictInfo(
                id="c0ffee00-0000-4000-8000-000000000001",
                kind="place",
                record_id=remote_place,
                server_version=3,
                mine={"description": "Découpe laser et couture."},
                theirs={"description": "Découpe laser, impression 3D, médiation."},
                base={"description": "Découpe laser."},
                op_id="0a0a0a0a-0000-4000-8000-000000000001",
                created_at="2026-01-22T10:00:00.000Z",
            ),
        )
        local._insert_conflict(
            store,
            local.ConflictInfo(
                id="c0ffee00-0000-4000-8000-000000000002",
                kind="visit",
                record_id=remote_visit,
                server_version=2,
                mine={"summary": "Hangar"},
                theirs={"summary": "Visite du hangar"},
                base={"summary": ""},
                created_at="2026-01-22T10:05:00.000Z",
                resolved_at="2026-01-23T09:00:00.000Z",
            ),
        )
        store.conn.execute(
            "INSERT INTO erasures(kind, record_id, erased_by, erased_at, origin, requested, "
            "sent, status) VALUES ('interview', '5e5e5e5e-0000-4000-8000-000000000009', "
            "'coord', '2026-01-25T12:00:00.000Z', 'server', 0, 1, 'done')"
        )
        store.conn.execute(
            "INSERT INTO record_journal(kind, record_id, fetched_at, body) VALUES (?, ?, ?, ?)",
            (
                "place",
                remote_place,
                "2026-01-24T12:00:00.000Z",
                json.dumps({"entries": [{"version": 3, "by": "bruno"}]}),
            ),
        )
    store.close()
    shutil.rmtree(photo_dir)


def rows_of(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[tuple]]:
    cur = conn.execute(f"SELECT * FROM [{table}]")  # rowid order, or key order (WITHOUT ROWID)
    return [d[0] for d in cur.description], cur.fetchall()


# Tables the store writes itself (the search tables are filled by each version's triggers).
DATA_TABLES = (
    "places",
    "visits",
    "interviews",
    "photos",
    "blobs",
    "derivatives",
    "outbox",
    "sync_state",
    "conflicts",
    "settings",
    "erasures",
    "record_journal",
)


def write_version(source: Path, target: Path, version: int) -> None:
    """``source``'s rows in a database migrated to ``version`` only."""
    target.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(conn, target=version)
    conn.execute("BEGIN")
    for table in DATA_TABLES:
        if not conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone():
            continue
        known = {r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")}
        names, rows = rows_of(src, table)
        keep = [i for i, n in enumerate(names) if n in known]
        cols = ", ".join(f"[{names[i]}]" for i in keep)
        conn.executemany(
            f"INSERT INTO [{table}] ({cols}) VALUES ({', '.join('?' * len(keep))})",
            [[row[i] for i in keep] for row in rows],
        )
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    conn.close()
    src.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def main() -> None:
    os.environ[encryption.NEW_HOME_ENV] = "off"  # a clear database, whatever the keyring
    root = Path(tempfile.mkdtemp(prefix="fk-old-stores-home-"))
    home = Home(root).ensure()
    build_mission(home)
    for version in VERSIONS:
        write_version(home.db_path, HERE / f"v{version}.db", version)
        print(f"written: {HERE / f'v{version}.db'}")
    shutil.rmtree(root)


if __name__ == "__main__":
    main()
