"""Alembic migrations of the server database (run by ``Database.migrate``)."""
