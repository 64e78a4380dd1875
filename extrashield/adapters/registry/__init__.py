"""The registry: persons, service records, extradition requests, sources and decisions in a database
(SQLite by default, PostgreSQL by URL), with an append-only, hash-chained audit log.

    >>> from extrashield.adapters.registry import open_registry
    >>> reg = open_registry()            # $EXTRASHIELD_DATABASE_URL, or ./.extrashield/registry.sqlite3
    >>> reg.verify().ok
"""

from extrashield.adapters.registry.store import Conflict, NotFound, Registry, forget_registries, open_registry

__all__ = ["Conflict", "NotFound", "Registry", "forget_registries", "open_registry"]
