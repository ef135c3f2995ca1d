"""SQL text and how it is run: named SQL files in analytics/sql/ (each opening with its grain), the
scope's condition and bound parameters, and the one place where SQL is spliced.

Values always travel as bound parameters. What is spliced into SQL text is never a value: the
scope's condition (analytics.filters, whose values are parameters), a grouping level's key and
name lookup (analytics.dimensions), a table name from the allow-list below, or a fragment our code
composed from its own constants (column lists of the rubric's traits, the IP ASN categories, ...).
`splice` checks the first three and refuses a placeholder left unfilled.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from analytics import dimensions
from analytics.filters import Scope

SQL_DIR = Path(__file__).parent / "sql"
# tables a query may name by variable: the summaries and the key tables of a partial rebuild
TABLES = frozenset(
    {
        "pegawai", "imp_keys", "_jp_keys", "_sim_keys", "jp_pegawai_tahun", "ipasn_pegawai_tahun",
        "smart_pegawai_tahun", "ipasn_kelompok_tahun", "smart_kelompok_tahun", "jp_kelompok_tahun",
        "jp_sebaran_tahun", "pegawai_kelompok",
    }
)  # fmt: skip
_HOLE = re.compile(r"\{([a-z_]+)\}")
_HOLE_IN_COMMENT = re.compile(r"--[^\n]*\{[a-z_]+\}")  # a filled comment could spill SQL onto the next line


@cache
def sql_text(name: str) -> str:
    """The text of analytics/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def table(name: str) -> str:
    """`name` when it is one of TABLES (the only table names spliced into SQL), else ValueError."""
    if name not in TABLES:
        raise ValueError(f"nama tabel tidak sah: {name!r}")
    return name


def keys_filter(keys: str, alias: str = "p") -> str:
    """'' for every employee (keys='pegawai'), else the condition limiting `alias` to the employees
    listed in the key table `keys`."""
    if not alias.isidentifier():
        raise ValueError(f"alias tidak sah: {alias!r}")
    if table(keys) == "pegawai":
        return ""
    return f"AND {alias}.pegawai_key IN (SELECT pegawai_key FROM {keys})"  # noqa: S608 (the checked splice)


def splice(sql: str, *, by: str | None = None, levels: list[str] | None = None, what: str = "", **parts: str) -> str:
    """SQL text with its {placeholders} filled: {key} and {names} from the grouping level `by`
    (checked against `levels`, every level by default), the others from `parts` (table_* parts
    checked against TABLES). {where} is left for run_sql unless given (the condition of a Scope.where
    or a key filter, for SQL run on the caller's own cursor). An unfilled placeholder is an error."""
    if _HOLE_IN_COMMENT.search(sql):
        raise ValueError("isian {…} di dalam komentar SQL")
    if by is not None:
        level = dimensions.level(by, levels, what=what)
        parts = {"key": level.key, "names": level.names, **parts}
    for name, part in parts.items():
        if name.startswith("table_"):
            table(part)

    def fill(m: re.Match) -> str:
        name = m.group(1)
        if name == "where" and "where" not in parts:
            return m.group(0)
        if name not in parts:
            raise KeyError(f"SQL tanpa isian {{{name}}}")
        return parts[name]

    return _HOLE.sub(fill, sql)


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


def per_group(
    con: duckdb.DuckDBPyConnection,
    *,
    scope: Scope,
    by: str,
    table: str,
    cols: str,
    what: str,
    extra: str = "",
    levels: list[str] | None = None,
) -> pd.DataFrame:
    """kelompok.sql: one row per group at level `by` (one of `levels`, by default the levels every
    group table keeps) of the additive group table `table` for scope.tahun, with the sums `cols` and the
    derived columns `extra`."""
    sql = splice(
        sql_text("kelompok"),
        by=by,
        levels=levels or dimensions.KELOMPOK,
        what=what,
        cols=cols,
        table_kelompok=table,
        extra=extra,
    )
    return run_sql(con, sql, scope, tahun=scope.tahun)
