"""Migration 0005 (person lists and judgements) goes up and down on SQLite and PostgreSQL, and a registry
made before it gets the tables when opened."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from extrashield.adapters.registry import forget_registries, open_registry
from extrashield.adapters.registry.config import resolve_url
from extrashield.adapters.registry.migrate import MIGRATIONS
from extrashield.adapters.registry.person_lists import save_list

TABLES = {"person_lists", "person_list_rows", "judgements"}


def _migrate(url: str, revision: str, down: bool = False) -> set[str]:
    """Run Alembic to `revision`; the tables there afterwards."""
    engine = sa.create_engine(resolve_url(url))
    with engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, revision)
    tables = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    return tables


def test_migration_0005_goes_up_and_down_and_up_again(db_url: str) -> None:
    assert not TABLES & _migrate(db_url, "0004")
    assert TABLES <= _migrate(db_url, "0005")
    reg = open_registry(db_url)
    save_list(reg, "recruits", ["id", "name"], [{"id": "r1", "name": "Рам Тапа"}], "t")
    forget_registries()
    assert not TABLES & _migrate(db_url, "0004", down=True)
    assert TABLES <= _migrate(db_url, "0005")
    reg = open_registry(db_url)
    assert reg.count(sa.table("person_lists")) == 0


def test_a_registry_made_at_0004_gets_the_tables_when_opened(db_url: str) -> None:
    _migrate(db_url, "0004")
    reg = open_registry(db_url)
    assert save_list(reg, "w", ["name"], [{"name": "Ram"}], "t")["version"] == 1
    assert reg.verify().ok
