"""Derived tables, rebuilt after every data change (demo build or import): the unit closure, the
roster's group table, the per-employee-year JP summary and, from it, the IP ASN and then the Smart ASN
summaries, each with its additive group table. meta
'aturan_jp' records the rule set the summaries were built with ('usang' when a large import left
them stale)."""

from __future__ import annotations

import duckdb

from analytics import db, dimensions
from analytics.build import ipasn, jp, pegawai, smart
from analytics.gerbang import GERBANG
from analytics.rules import Rules, load_rules
from analytics.settings import load_settings

UNOR_CLOSURE_SQL = """
INSERT INTO unor_closure
WITH RECURSIVE up(leluhur_id, keturunan_id, jarak) AS (
    SELECT id, id, 0 FROM unor
    UNION ALL
    SELECT u.induk_id, up.keturunan_id, up.jarak + 1
    FROM up JOIN unor u ON u.id = up.leluhur_id
    WHERE u.induk_id IS NOT NULL
)
SELECT leluhur_id, keturunan_id, jarak FROM up
"""


def _closure(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM unor_closure")
    con.execute(UNOR_CLOSURE_SQL)


def refresh(con: duckdb.DuckDBPyConnection, rules: Rules | None = None) -> None:
    """Rebuild unor_closure and the JP and IP ASN summaries, in one transaction."""
    con.execute("BEGIN")
    try:
        _closure(con)
        _summaries(con, rules or load_rules(load_settings().rules_path))
        with GERBANG.tulis():
            con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def _summaries(con: duckdb.DuckDBPyConnection, rules: Rules, keys: str = "pegawai", roster: bool = True) -> None:
    if roster:  # whole: one pass over the roster (an import of records leaves it as it was)
        pegawai.refresh(con)
    jp.refresh(con, rules, keys=keys)
    ipasn.refresh(con, rules, keys=keys)
    smart.refresh(con, rules, keys=keys)


def is_current(con: duckdb.DuckDBPyConnection, rules: Rules) -> bool:
    """Whether the summaries were built with this rule set, to the data's reference date, and are not stale."""
    return db.get_meta(con).get("aturan_jp") == jp.fingerprint(rules) and _same_date(con)


def _same_date(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the summaries count to the data's reference date (meta jp_batas): a new date moves the
    cut-off of every year's like-for-like figures and the running year's windows."""
    return db.get_meta(con).get("jp_batas") == dimensions.reference_date(con).isoformat()


def ensure_current(con: duckdb.DuckDBPyConnection, rules: Rules) -> bool:
    """Rebuild the JP and IP ASN summaries when they were built with another rule set or a large
    import left them stale; True when it did."""
    if is_current(con, rules):
        return False
    cur = con.cursor()
    try:
        cur.execute("BEGIN")
        _summaries(cur, rules)
        with GERBANG.tulis():
            cur.execute("COMMIT")
    finally:
        cur.close()
    return True


# above this many changed employees an import marks the JP summary stale instead of updating it
# row by row; the next dashboard run or report rebuilds it whole (faster than in pieces)
INCREMENTAL_LIMIT = 200_000


# the employees an import changed (imp_ok and imp_cmp: its rows and whether each was new, changed or the same)
IMPORT_KEYS = """CREATE OR REPLACE TEMP TABLE imp_keys AS
    SELECT DISTINCT o.pegawai_key FROM imp_ok o JOIN imp_cmp c USING (_row) WHERE c.status <> 'sama'"""
# a unit's IKM reaches the employees of its agency's units
IKM_KEYS = """CREATE OR REPLACE TEMP TABLE imp_keys AS
    SELECT g.pegawai_key FROM pegawai g WHERE g.instansi_id IN
        (SELECT u.instansi_id FROM unor u WHERE u.id IN
            (SELECT o.unor_id FROM imp_ok o JOIN imp_cmp c USING (_row) WHERE c.status <> 'sama'))"""


def refresh_after_import(con: duckdb.DuckDBPyConnection, table: str, rules: Rules) -> None:
    """Bring derived tables up to date inside an import's transaction (imp_ok and imp_cmp hold the
    rows and whether each was new, changed or the same)."""
    if table == "pegawai":
        _closure(con)  # units may have been added
    con.execute(IKM_KEYS if table == "ikm" else IMPORT_KEYS)
    if con.execute("SELECT count(*) FROM imp_keys").fetchall()[0][0] > INCREMENTAL_LIMIT:
        jp.mark_stale(con)
    elif not is_current(con, rules) and db.scalar(con, "SELECT count(*) FROM pegawai") <= INCREMENTAL_LIMIT:
        _summaries(con, rules)  # never built, stale, other rules or another date, and small: rebuild whole
    elif not _same_date(con):  # large, and the data's date moved: every row changes; the next run rebuilds whole
        jp.mark_stale(con)
    elif table in ("pegawai", "pengembangan", "jp_rekap"):
        _summaries(con, rules, keys="imp_keys", roster=table == "pegawai")
    elif table in ("skp", "hukdis"):  # feed IP ASN, and Smart ASN through it
        if table == "skp":  # and the SKP completeness of the JP group rows of the employees' units
            jp.refresh_groups(
                con,
                rules,
                "coalesce(unor_id, -1) IN (SELECT coalesce(unor_id, -1) FROM pegawai "
                "WHERE pegawai_key IN (SELECT pegawai_key FROM imp_keys))",
            )
        ipasn.refresh(con, rules, keys="imp_keys")
        smart.refresh(con, rules, keys="imp_keys")
    else:  # the Smart ASN indicator kinds
        smart.refresh(con, rules, keys="imp_keys")
