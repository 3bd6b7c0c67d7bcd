"""The Alembic migrations build exactly the schema the code queries, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from fieldkit.server.db import MIGRATIONS_DIR, Database, metadata


def head_revision() -> str:
    """The last revision shipped (several branches add theirs; the integrator chains them)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head is not None
    return head


def test_fresh_database_is_at_head_and_matches_the_tables(tmp_path, backend, request):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'server.db'}"
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.url(cluster.create_database())  # empty: no template
    database = Database(url)
    database.migrate()
    database.migrate()  # a second run changes nothing
    assert database.current_revision() == head_revision()
    with database.reader.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    database.dispose()
