"""Every way data leaves (a page's download, a chart's image or data, a briefing pack, a CLI report, the
Parquet export, the rejected rows of an import) is written to the audit log as one "ekspor" entry of
one shape, so the log reads the same whatever the route."""

from __future__ import annotations

import duckdb

from analytics import audit, report
from analytics.filters import Scope
from analytics.privacy import cakupan_nama

# the routes by which data leaves: the dashboard's buttons, or the command line on the machine
DASBOR = "dasbor"
CLI = "cli"


def lingkup(con: duckdb.DuckDBPyConnection, scope: Scope) -> str:
    """The scope in words: 'Cakupan akun: Provinsi Jawa Timur · Filter: Tahun 2026; Jenis jabatan Pelaksana'."""
    akun = cakupan_nama(con, scope.akses)
    return f"Cakupan akun: {akun[:1].upper() + akun[1:]} · Filter: {report.filter_kata(con, scope)}"


def catat(
    con: duckdb.DuckDBPyConnection, scope: Scope, *, laporan: str, baris: int | None, format: str, jalur: str
) -> None:
    """Audit one export by scope.akses: who (the entry's pengguna), and in `rincian` always the same keys:
    laporan (what: a report's key, 'grafik:<chart>', 'grafik_data:<chart>', 'briefing', 'parquet'),
    peran, lingkup (the scope in words), filter (its ids and codes, which outlive renamed units), baris
    (rows of data in the file; None for an image drawn without its table), format and jalur ('dasbor', or
    'cli:<the machine's user>'). The entry's cakupan keeps the account's scope as ids."""
    akses = scope.akses
    rincian = {
        "laporan": laporan,
        "peran": akses.peran,
        "lingkup": lingkup(con, scope),
        "filter": report.filter_ids(scope),
        "baris": baris,
        "format": format,
        "jalur": jalur,
    }
    audit.record(con, akses.pengguna, "ekspor", rincian, cakupan=akses.label())
