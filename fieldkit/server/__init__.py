"""The central FieldKit server: accounts, push/pull sync, blobs (DESIGN §5–§6).

``create_app(data_dir)`` in :mod:`fieldkit.server.app` builds the FastAPI application;
``fieldkit server …`` (:mod:`fieldkit.server.cli`) creates, fills and runs it. The wire
contract is ``docs/sync-protocol.md``.
"""
