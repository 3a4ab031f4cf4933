"""Storage: the SQLAlchemy models of every module (chat, digests, admin), sessions, migrations.

Importing this package imports every model module in it, so `Base.metadata` is complete
(Alembic's env.py relies on that). A new table module needs no change here.
"""

from __future__ import annotations

import importlib
import pkgutil

from bot.storage.base import Base, make_engine, make_sessionmaker, migrate

for _mod in pkgutil.iter_modules(__path__):
    if _mod.name != "base":
        importlib.import_module(f"{__name__}.{_mod.name}")

__all__ = ["Base", "make_engine", "make_sessionmaker", "migrate"]
