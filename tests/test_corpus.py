"""The standing corpus (tests/corpus.py) through the import CLI: every row read is loaded, rejected or
unchanged; exit 0 or 2; a reason in Indonesian and no Python or DuckDB text; a refused file changes
nothing in the database and is in the audit log."""

from __future__ import annotations

import csv
import json
import re

import duckdb
import pytest

from analytics.cli import main
from tests.corpus import CASES, Case
from tests.importdata import PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv

# what must never reach a clerk: library and interpreter text
FOREIGN = re.compile(
    r"Traceback|Error|Exception|duckdb|SELECT|Invalid|parser|sniff|No such file|Errno|calamine|"
    r"zipfile|pyarrow|line \d+ column|Expecting"
)
TABLES = ["pegawai", "pengembangan", "unor", "instansi", "import_log", "import_reject"]


@pytest.fixture(scope="module")
def bases(tmp_path_factory):
    """Two database files: empty, and with the three employees."""
    d = tmp_path_factory.mktemp("corpus")
    kosong, pegawai = d / "kosong.duckdb", d / "pegawai.duckdb"
    assert main(["user", "list", "--db", str(kosong), "--baru"]) == 0
    peg = write_csv(d / "peg.csv", PEGAWAI_HEADER, PEGAWAI_ROWS)
    assert main(["import", str(peg), "--db", str(pegawai), "--baru"]) == 0
    return {"kosong": kosong.read_bytes(), "pegawai": pegawai.read_bytes()}


def fingerprint(path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            t: con.execute(
                f"SELECT count(*), md5(coalesce(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR), '')) FROM {t} x"  # noqa: S608
            ).fetchall()[0]
            for t in TABLES
        }
    finally:
        con.close()


def refusals_audited(path, name: str) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT count(*) FROM audit WHERE aksi = 'impor_ditolak' AND rincian::JSON->>'berkas' = ?", [name]
        ).fetchall()[0][0]
    finally:
        con.close()


def test_the_corpus_is_large_and_named_once():
    assert len(CASES) >= 60
    assert len({c.name for c in CASES}) == len(CASES)
    assert sum(c.refused is not None for c in CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_corpus_case(case: Case, bases, tmp_path, capsys):
    path = tmp_path / "data.duckdb"
    path.write_bytes(bases["pegawai" if case.name.startswith(("kursus", "hukdis")) else "kosong"])
    before = fingerprint(path)
    f = tmp_path / case.name
    case.make(f)
    rej = tmp_path / "ditolak.csv"
    code = main(["import", str(f), "--db", str(path), "--json", "--rejects-out", str(rej)])
    out, err = capsys.readouterr()
    assert not FOREIGN.search(err), err
    if case.refused:
        assert code == 2, (out, err)
        assert f"{case.name}: DITOLAK, tidak ada yang ditulis" in err
        assert re.search(case.refused, err), err
        assert out == ""
        assert fingerprint(path) == before  # nothing written
        assert refusals_audited(path, case.name) == 1
        return
    assert code == 0, err
    (r,) = [json.loads(line) for line in out.splitlines()]
    assert r["rows_read"] == r["rows_loaded"] + r["rows_rejected"] + r["rows_unchanged"]
    assert (r["rows_loaded"], r["rows_rejected"], r["rows_unchanged"]) == (case.loaded, case.rejected, case.unchanged)
    with rej.open(newline="", encoding="utf-8") as fh:
        rejects = list(csv.DictReader(fh))
    assert len({x["row_number"] for x in rejects}) == case.rejected
    for row, words in case.reasons.items():
        said = [x["reason"] for x in rejects if x["row_number"] == str(row)]
        assert any(words in s for s in said), (row, said)
        assert not any(FOREIGN.search(s) for s in said), said
    for x in rejects:  # a value a spreadsheet would run is quoted
        assert not x["value"].startswith(("=", "+", "-", "@")), x
    if case.catatan:
        assert any(case.catatan in c for c in r["catatan"]), r["catatan"]
    if case.stored:
        sql, params, expected = case.stored
        con = duckdb.connect(str(path), read_only=True)
        try:
            assert con.execute(sql, list(params)).fetchall() == [expected]
        finally:
            con.close()


def test_hostile_names_leave_every_export_as_text(tmp_path, capsys):
    """Unit and agency names that a spreadsheet would run (=, +, -, @) come out of `report` csv and
    xlsx and `--rejects-out` quoted with ' and as text cells, never as formulas."""
    import openpyxl

    from tests.corpus import HOSTILE, peg, peg_csv

    path = tmp_path / "h.duckdb"
    rows = peg(
        r0={"UNOR NAMA": HOSTILE[0], "INSTANSI KERJA NAMA": HOSTILE[3]},
        r1={"UNOR NAMA": HOSTILE[1]},
        r2={"UNOR NAMA": HOSTILE[2], "NIP BARU": "=1+1"},  # this row is rejected: its NIP is a formula
    )
    f = tmp_path / "p.csv"
    f.write_text(peg_csv(rows), encoding="utf-8")
    rej = tmp_path / "rej.csv"
    assert main(["import", str(f), "--db", str(path), "--baru", "--rejects-out", str(rej)]) == 0
    with rej.open(newline="", encoding="utf-8") as fh:
        values = [r["value"] for r in csv.DictReader(fh)]
    assert "'=1+1" in values
    capsys.readouterr()
    assert main(["report", "jp", "--year", "2025", "--by", "unor", "--format", "csv", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    cells = [c for row in csv.reader(out.splitlines()) for c in row]
    assert "'" + HOSTILE[0] in cells and "'" + HOSTILE[1] in cells
    assert not [c for c in cells if c.startswith(("=", "+", "@")) or (c.startswith("-") and not _number(c))]
    xlsx = tmp_path / "r.xlsx"
    assert (
        main(
            [
                "report",
                "jp",
                "--year",
                "2025",
                "--by",
                "unor",
                "--format",
                "xlsx",
                "--out",
                str(xlsx),
                "--db",
                str(path),
            ]
        )
        == 0
    )
    book = openpyxl.load_workbook(xlsx)
    texts = [c for ws in book for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in texts)  # a text cell, never a formula cell ('f')
    assert "'" + HOSTILE[0] in [c.value for c in texts]
    assert not [c.value for c in texts if c.value.startswith(("=", "+", "-", "@"))]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_cli_batch_goes_on_past_broken_files(tmp_path, capsys):
    """Broken files among good ones: each refused with its reason, the others imported, exit 2, and
    --rejects-out written with the rejects of the files that were read."""
    from tests.corpus import CASES

    by_name = {c.name: c for c in CASES}
    names = [
        "terpotong.xlsx",
        "baris_terlalu_panjang.csv",
        "rusak.parquet",
        "ole_rusak.xls",
        "kursus_nilai_berbahaya.csv",
    ]
    for n in names:
        by_name[n].make(tmp_path / n)
    path, rej = tmp_path / "b.duckdb", tmp_path / "rej.csv"
    code = main(
        [
            "import",
            *(str(tmp_path / n) for n in names),
            "--db",
            str(path),
            "--baru",
            "--json",
            "--rejects-out",
            str(rej),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 2
    assert not FOREIGN.search(err), err
    assert [json.loads(line)["file"] for line in out.splitlines()] == [
        "baris_terlalu_panjang.csv",
        "kursus_nilai_berbahaya.csv",
    ]
    assert all(f"{n}: DITOLAK" in err for n in ("terpotong.xlsx", "rusak.parquet", "ole_rusak.xls"))
    with rej.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted({r["file"] for r in rows}) == ["baris_terlalu_panjang.csv", "kursus_nilai_berbahaya.csv"]
