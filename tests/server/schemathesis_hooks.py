"""Loaded by schemathesis (SCHEMATHESIS_HOOKS) in tests/server/test_schema.py: tus PATCH
bodies are raw bytes, sent like application/octet-stream."""

import schemathesis

schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")
