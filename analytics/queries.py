"""Named SQL files in analytics/sql/, run with the scope's condition and bound parameters."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from analytics.filters import Scope

SQL_DIR = Path(__file__).parent / "sql"


@cache
def sql_text(name: str) -> str:
    """The text of analytics/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, *, scope: Scope, **params: object) -> pd.DataFrame:
    """Run a named query on its own cursor; `{where}` becomes the scope's condition on `p`."""
    return run_sql(con, sql_text(name), scope, **params)


def run_sql(con: duckdb.DuckDBPyConnection, sql: str, scope: Scope, **params: object) -> pd.DataFrame:
    """Run SQL text on its own cursor; `{where}` becomes the scope's condition on `p`."""
    where, scope_params = scope.where("p")
    cur = con.cursor()
    try:
        return cur.execute(sql.replace("{where}", where), {**scope_params, **params}).df()
    finally:
        cur.close()
