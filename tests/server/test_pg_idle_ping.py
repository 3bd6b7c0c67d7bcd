"""PostgreSQL connections are pinged only after sitting idle in the pool.

SQLAlchemy's ``pool_pre_ping`` sent a ping on every checkout: a round trip per transaction,
about 1.2 ms of server CPU per request under load. Now a connection unused for
``PG_IDLE_PING_SECONDS`` is pinged before it is handed out, and one that no longer answers
(a restarted database, a dropped connection) is replaced without the request noticing.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from fieldkit.server import db as server_db
from tests.pg_cluster import wanted_backends

pytestmark = pytest.mark.skipif(
    "postgres" not in wanted_backends(), reason="PostgreSQL backend not selected"
)


@pytest.fixture
def database(pg_cluster):
    name = pg_cluster.create_database()
    database = server_db.Database(pg_cluster.url(name))
    database.migrate()
    yield database, pg_cluster, name
    database.dispose()
    pg_cluster.drop_database(name)


def _drop_server_connections(cluster, name: str) -> None:
    cluster._admin(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


def _use(database) -> int:
    with database.read() as conn:
        return int(conn.execute(text("SELECT 1")).scalar_one())


def test_an_idle_connection_that_was_dropped_is_replaced(database, monkeypatch):
    db, cluster, name = database
    assert _use(db) == 1  # a connection now waits in the pool
    _drop_server_connections(cluster, name)
    monkeypatch.setattr(server_db, "PG_IDLE_PING_SECONDS", 0.0)  # idle long enough
    assert _use(db) == 1


def test_a_connection_in_steady_use_is_not_pinged(database, monkeypatch):
    db, cluster, name = database
    assert _use(db) == 1
    monkeypatch.setattr(server_db, "PG_IDLE_PING_SECONDS", 3600.0)  # just used
    # Not pinged: a connection dropped under it fails the one transaction that meets it
    # (its client retries; sync is idempotent), and the pool is renewed behind it.
    _drop_server_connections(cluster, name)
    with pytest.raises(OperationalError):
        _use(db)
    assert _use(db) == 1
