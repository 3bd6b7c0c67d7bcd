"""The server's log output: plain text (uvicorn's) or one JSON object per line.

``fieldkit server run --log-format json`` gives JSON lines on stderr, for journald or a
log shipper: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, and for access
lines ``client``, ``method``, ``path``, ``status``; ``exception`` holds a traceback.
Request bodies are never logged, and SQL parameters are hidden by the database engines.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

FORMATS = ("text", "json")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # uvicorn's access lines: '%s - "%s %s HTTP/%s" %d'
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            if len(record.args) == 5:
                client, method, path, _version, status = record.args
                out.update(client=client, method=method, path=path, status=status)
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def log_config(fmt: str, level: str = "INFO") -> dict[str, Any]:
    """A logging.config dict for uvicorn's ``log_config`` covering uvicorn's loggers and
    the server's own (``fieldkit.server``)."""
    if fmt not in FORMATS:
        raise ValueError(f"log format {fmt!r} is not one of {', '.join(FORMATS)}")
    formatter: dict[str, Any] = (
        {"()": JsonFormatter}
        if fmt == "json"
        else {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    )
    handler = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stderr"}
    logger = {"handlers": ["stderr"], "level": level, "propagate": False}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"stderr": handler},
        "loggers": {
            "uvicorn": logger,
            "uvicorn.error": {**logger, "handlers": []} | {"propagate": True},
            "uvicorn.access": logger,
            "fieldkit.server": logger,
        },
    }
