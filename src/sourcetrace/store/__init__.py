"""The corpus store: many analyzed articles in one DuckDB file, and the queries users ask of them."""

from sourcetrace.store.db import SCHEMA_VERSION, TABLES, Store, StoreError, StoreLockedError

__all__ = ["SCHEMA_VERSION", "TABLES", "Store", "StoreError", "StoreLockedError"]
