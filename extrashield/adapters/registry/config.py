"""Where the registry lives: an explicit URL, else $EXTRASHIELD_DATABASE_URL, else a SQLite file.

The SQLite file is ``$EXTRASHIELD_HOME/registry.sqlite3`` when EXTRASHIELD_HOME is set, otherwise
``./.extrashield/registry.sqlite3`` (relative to the working directory). It is created on first use,
with its directory readable by the owner only, because it holds personal data.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_URL = "EXTRASHIELD_DATABASE_URL"
ENV_HOME = "EXTRASHIELD_HOME"
SQLITE_NAME = "registry.sqlite3"


def default_sqlite_path() -> Path:
    home = os.environ.get(ENV_HOME)
    base = Path(home) if home else Path.cwd() / ".extrashield"
    return base / SQLITE_NAME


def resolve_url(url: str | None = None) -> str:
    """The SQLAlchemy URL to use. PostgreSQL URLs are pointed at psycopg 3 (our only PG driver)."""
    chosen = url or os.environ.get(ENV_URL) or ""
    if not chosen:
        return f"sqlite:///{default_sqlite_path()}"
    for prefix in ("postgres://", "postgresql://"):
        if chosen.startswith(prefix):
            return "postgresql+psycopg://" + chosen[len(prefix) :]
    return chosen


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparseable database URL>"
