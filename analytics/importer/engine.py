"""One file, one transaction: read, map, validate, merge, log. Nothing lost, nothing half-done.

Every row read ends in exactly one of: loaded (new or changed), unchanged (identical to what is
stored, or an exact repeat within the file), rejected (kept in import_reject with its reasons).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from analytics import accounts, audit, build, db, fmt, publish, reference
from analytics.dimensions import tanggal_impor
from analytics.gerbang import GERBANG
from analytics.importer import kinds as K
from analytics.importer import laporan, profil
from analytics.importer.batas import Batas
from analytics.importer.pekerja import baca
from analytics.importer.read import FileRefused, check_upload, normalise, read_bytes_as_file
from analytics.rules import Rules, load_rules
from analytics.settings import load_settings

MACROS = (Path(__file__).parent / "macros.sql").read_text(encoding="utf-8")
REJECT_COLUMNS = ["file", "row_number", "column", "value", "reason"]
# imp_raw's own columns beside the file's: the row number, and for a malformed text row why and its text
RAW_MARKS = ("_row", "_cacat", "_mentah")


@dataclass
class ImportResult:
    file: str
    kind: str
    import_id: int
    rows_read: int
    rows_loaded: int
    rows_rejected: int
    rows_unchanged: int
    rejects: pd.DataFrame
    demo_off: int = 0  # demo accounts this import switched off (the first real import does)
    kolom: dict[str, str] = field(default_factory=dict)  # our field -> the file's header (or a fixed value)
    tidak_ada: list[str] = field(default_factory=list)  # optional fields the file lacks
    catatan: list[str] = field(default_factory=list)  # derived, missing and what it costs (analytics.importer.laporan)
    profil: str | None = None  # the column-mapping profile used

    def summary(self) -> dict[str, object]:
        """The JSON line the CLI prints for this file."""
        return {
            k: getattr(self, k)
            for k in (
                "file",
                "kind",
                "import_id",
                "rows_read",
                "rows_loaded",
                "rows_rejected",
                "rows_unchanged",
                "kolom",
                "tidak_ada",
                "catatan",
                "profil",
            )
        }


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    if path.is_dir():  # a folder of responses: its files' names and contents, in order
        for p in sorted(q for q in path.rglob("*") if q.is_file()):
            h.update(str(p.relative_to(path)).encode() + b"\0" + p.read_bytes())
        return h.hexdigest()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _prepare(cur: duckdb.DuckDBPyConnection, rules: Rules) -> None:
    cur.execute("CREATE OR REPLACE TEMP TABLE imp_kk_lookup (kunci VARCHAR, kode VARCHAR)")
    cur.execute("CREATE OR REPLACE TEMP TABLE imp_lokasi (teks VARCHAR, kode VARCHAR)")
    K.load_jenis(cur)  # before the macros that read it
    cur.execute(MACROS)
    bounds = (
        "jp_maks_per_hari",
        "usia_min_saat_tmt",
        "usia_maks",
        "kegiatan_sebelum_tmt_tahun",
        "kegiatan_usia_min",
        "tanggal_awal",
        "tahun_ke_depan",
    )
    for name in bounds:
        cur.execute(f"SET VARIABLE {name} = ?", [getattr(rules.impor, name)])  # names from this list
    for p, v in rules.ipasn.kinerja.pita_nilai_skp.items():
        cur.execute(f"SET VARIABLE skp_pita_{int(p)} = ?", [v])
    cur.execute("SET VARIABLE skp_pakai_prestasi = ?", [rules.ipasn.kinerja.masukan_pp46 == "prestasi"])
    cur.execute("SET VARIABLE jenis_diklat_struktural = ?", [rules.siasn.jenis_diklat_struktural])
    # retirement ages (rules [bup]) and the date the data is as of, for the check of employees past theirs
    bup = rules.bup
    for name, values in (("bup_jenis", bup.jenis_jabatan), ("bup_frasa", bup.jabatan_fungsional.usia)):
        cur.execute(f"SET VARIABLE {name} = ?", [list(values)])  # names from this tuple
        cur.execute(f"SET VARIABLE {name}_usia = ?", [list(values.values())])
    cur.execute("SET VARIABLE bup_min = ?", [min([*bup.jenis_jabatan.values(), *bup.jabatan_fungsional.usia.values()])])
    cur.execute("SET VARIABLE tanggal_data = ?", [tanggal_impor(cur)])
    # code-list names for lookups by name (lists, so a row needs no join): eselon and golongan
    eselon: dict[str, int] = {}
    for i, (nama, _) in sorted(reference.ESELON.items()):
        eselon[nama.upper()] = i  # I.a: the highest id (JPT Madya) of the names SIASN shares
    lists = {
        "eselon": eselon,
        "gol_pns": {n.upper(): i for i, n in reference.GOLONGAN_PNS.items()},
        "gol_pppk": {n.upper(): i for i, n in reference.GOLONGAN_PPPK.items()},
    }
    for name, values in lists.items():  # names from this dict
        cur.execute(f"SET VARIABLE {name}_nama = ?", [list(values)])
        cur.execute(f"SET VARIABLE {name}_id = ?", [list(values.values())])
    cur.execute("""
        INSERT INTO imp_kk_lookup
        WITH k AS (SELECT kode, upper(jenis) AS jenis,
                          imp_kk_words(regexp_replace(nama, '^(Kabupaten|Kota Administrasi|Kota) ', '')) AS n
                   FROM kabkota)
        SELECT jenis || '|' || n AS kunci, kode FROM k
        UNION ALL
        SELECT '|' || n, any_value(kode) FROM k GROUP BY n HAVING count(*) = 1""")


_GUARD = re.compile(r"^(\w+) IS NOT NULL AND ")
TETAP = "__tetap_"  # imp_raw columns holding a constant the user gave for a field the file lacks


def _constants(cur, tetap: dict[str, str]) -> None:
    """Add the user's fixed values (a year for a totals file without one) as imp_raw columns."""
    for canon, value in tetap.items():
        if not canon.isidentifier():
            raise FileRefused(f"isian '{canon}' tidak dikenal")
        cur.execute(f'ALTER TABLE imp_raw ADD COLUMN "{TETAP}{canon}" VARCHAR')
        cur.execute(f'UPDATE imp_raw SET "{TETAP}{canon}" = ?', [str(value)])


def _mapping(
    cur, kind_name: str | None, columns: dict[str, str] | None = None, profile: str | None = None
) -> tuple[K.Kind, dict[str, str], str | None]:
    """The kind, {canonical column: header in the file} and the profile used (if any). An explicit mapping
    (`columns`, with the kind) or a named profile decides; else a profile saved for exactly this header set;
    else our alias list."""
    cols = [r[0] for r in cur.execute("DESCRIBE imp_raw").fetchall() if r[0] not in RAW_MARKS]
    headers = [h for h in cols if not h.startswith(TETAP)]
    fixed = {h[len(TETAP) :]: h for h in cols if h.startswith(TETAP)}
    used = None
    if columns is None:
        prof = profil.get(cur, profile) if profile else profil.find(cur, headers)
        if prof is not None:
            if kind_name not in (None, prof.jenis):
                raise FileRefused(f"profil '{prof.nama}' untuk data {prof.jenis}, bukan {kind_name}")
            kind_name, columns, used = prof.jenis, dict(prof.kolom), prof.nama
            for canon, value in prof.tetap.items():
                if canon not in fixed:
                    _constants(cur, {canon: value})
                    fixed[canon] = TETAP + canon
    if columns is not None:
        if kind_name is None:
            raise FileRefused("pemetaan kolom perlu jenis data (--kind)")
        if kind_name not in K.KINDS:
            raise FileRefused(f"jenis data '{kind_name}' tidak dikenal; pilih: {', '.join(sorted(K.KINDS))}")
        own = {c for c, _ in profil.fields(kind_name)}  # a batch's --tahun means nothing to an employee file
        fixed = {c: h for c, h in fixed.items() if c in own and c not in columns}
        profil.check(kind_name, headers, columns, {c: "" for c in fixed})
        return K.KINDS[kind_name], {**columns, **fixed}, used
    if kind_name is None:
        kind_name, candidates = K.detect(headers + [c for c in fixed])
        if kind_name is None:
            seen = ", ".join(headers[:25])
            near = "" if candidates else K.nearest(headers + [c for c in fixed])
            hint = (
                " (rekap tanpa kolom tahun: sebutkan tahunnya, --tahun di baris perintah atau nilai tetap Tahun "
                "di halaman Impor)"
                if near.endswith("tahun")
                else ""
            )
            raise FileRefused(
                f"jenis data tidak bisa ditentukan dari judul kolom ({seen}); "
                + (f"bisa jadi: {', '.join(candidates)}; " if candidates else "")
                + (f"paling mirip {near}{hint}; " if near else "")
                + "sebutkan jenisnya (--kind di baris perintah) atau petakan kolomnya di halaman Impor"
            )
    if kind_name not in K.KINDS:
        raise FileRefused(f"jenis data '{kind_name}' tidak dikenal; pilih: {', '.join(sorted(K.KINDS))}")
    kind = K.KINDS[kind_name]
    amap = K.aliases()[kind.name]
    rank = {a: i for i, a in enumerate(amap)}  # a file with both ID and PNS_ID: the alias listed first wins
    mapping: dict[str, str] = {}
    for h in sorted((h for h in headers if normalise(h) in amap), key=lambda h: rank[normalise(h)]):
        mapping.setdefault(amap[normalise(h)], h)
    own = {c for c, _ in profil.fields(kind.name)}
    mapping.update({c: h for c, h in fixed.items() if c in own and c not in mapping})  # the file's own column wins
    missing = [" atau ".join(g) for g in kind.required if not any(c in mapping for c in g)]
    if missing:
        raise FileRefused(
            f"kolom wajib untuk {kind.name} tidak ada: {', '.join(missing)} "
            f"(judul kolom yang terbaca: {', '.join(headers[:25])})"
        )
    return kind, mapping, used


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _columns_needed(kind: K.Kind) -> list[str]:
    cols = {c for g in kind.required for c in g} | set(kind.extra)
    return sorted(cols | (set(K.PERSON) if kind.by_nip else set()))


def _cleaning(column: str) -> str:
    """The macro a column's text goes through (macros.sql): identifiers by their rule, everything else as text."""
    return "imp_nip" if column in K.DIGIT_IDS else "imp_id" if column in K.IDENTIFIERS else "imp_clean"


def _stage(cur, kind: K.Kind, mapping: dict[str, str], first_row: int | None) -> None:
    """imp_src (clean text; _dibersihkan: how many of the row's identifiers the cleaning changed), imp_rej (one row
    per failed check), imp_ok (typed good rows)."""
    cols = ", ".join(
        f"{_cleaning(c)}({_quote(mapping[c])}) AS {c}" if c in mapping else f"NULL::VARCHAR AS {c}"
        for c in _columns_needed(kind)
    )
    raw = [(c, _quote(mapping[c])) for c in _columns_needed(kind) if c in mapping and c in K.IDENTIFIERS]
    cleaned = " + ".join(f"({_cleaning(c)}({h}) IS DISTINCT FROM imp_clean({h}))::INT" for c, h in raw) or "0"
    row = "_row" if first_row is None else f"rowid + {int(first_row)} AS _row"
    raw_cols = {r[0] for r in cur.execute("DESCRIBE imp_raw").fetchall()}
    cacat = "_cacat" in raw_cols  # the text reader marked malformed rows: they are rejected as a whole
    marks = ", _cacat, _mentah" if cacat else ""
    # values several checks read are computed once (Kind.derived, SQL from kinds.py), in the same pass
    extra = "".join(f", {sql(set(mapping)) if callable(sql) else sql} AS {name}" for name, sql in kind.derived)
    cur.execute(
        f"CREATE OR REPLACE TEMP TABLE imp_src AS SELECT *{extra} FROM "
        f"(SELECT {row}{marks}, {cols}, {cleaned} AS _dibersihkan FROM imp_raw)"
    )
    if "lokasi_kerja" in _columns_needed(kind):  # match each distinct work-location text once
        cur.execute("""INSERT INTO imp_lokasi SELECT teks, (SELECT kode FROM imp_kk_lookup
                                                            WHERE kunci = imp_kk_key(teks))
                       FROM (SELECT DISTINCT lokasi_kerja AS teks FROM imp_src WHERE lokasi_kerja IS NOT NULL)""")
    # a check "c IS NOT NULL AND ..." on a column the file does not have can never fire: not run (a scan saved)
    checks = [
        c
        for c in kind.checks
        if not ((m := _GUARD.match(c[1])) and m.group(1) in _columns_needed(kind) and m.group(1) not in mapping)
    ]
    if first_row is None and not cacat:
        # a NUL byte is no text (a broken export). Text files never get here with one: DuckDB's strict read
        # is only used on files without NUL, and the row-by-row reader marks such rows itself
        cells = [c for c in _columns_needed(kind) if c in mapping]
        checks.insert(
            0,
            (
                "baris",
                f"contains(concat({', '.join(cells)}), chr(0))",
                "'sel berisi karakter NUL (bukan teks); ekspor ulang berkasnya'",
            ),
        )
    maks = Batas.dari().sel  # a cell no export holds (Excel's own limit): its row is rejected, kept whole
    checks += [
        (
            c,
            f"length({c}) > {int(maks)}",
            f"'sel berisi ' || length({c}) || ' karakter, melebihi batas {fmt.angka(maks)}'",
        )
        for c in _columns_needed(kind)
        if c in mapping
    ]
    if kind.by_nip:
        # the employee by NIP, else (SIASN history responses carry no NIP) by SIASN's person id; the birth
        # date and TMT come along for the plausibility of activity dates
        by_id = (  # only a file with a person-id column pays for the second look-up
            """LEFT JOIN (SELECT pns_id, min(pegawai_key) AS pegawai_key, any_value(tanggal_lahir) AS tanggal_lahir,
                                any_value(tmt_cpns) AS tmt_cpns
                         FROM pegawai WHERE pns_id IS NOT NULL GROUP BY 1) q
                     ON s.nip IS NULL AND q.pns_id = imp_pns_id(s.pns_id)"""
            if "pns_id" in mapping
            else "LEFT JOIN (SELECT NULL::INTEGER AS pegawai_key, NULL::DATE AS tanggal_lahir, "
            "NULL::DATE AS tmt_cpns) q ON FALSE"
        )
        cur.execute(f"""CREATE OR REPLACE TEMP TABLE imp_src AS
                       SELECT s.*, coalesce(p.pegawai_key, q.pegawai_key) AS pegawai_key,
                              coalesce(p.tanggal_lahir, q.tanggal_lahir) AS _lahir,
                              coalesce(p.tmt_cpns, q.tmt_cpns) AS _tmt
                       FROM imp_src s
                       LEFT JOIN (SELECT nip, pegawai_key, tanggal_lahir, tmt_cpns FROM pegawai) p ON p.nip = s.nip
                       {by_id}""")
        pns = "imp_nip_problem(nip, NULL::DATE, NULL::DATE, NULL::VARCHAR, 'PNS')"
        pppk = "imp_nip_problem(nip, NULL::DATE, NULL::DATE, NULL::VARCHAR, 'PPPK')"
        checks += [
            ("nip", "nip IS NULL AND pns_id IS NULL", "'NIP (atau ID PNS SIASN) wajib diisi'"),
            (
                "pns_id",
                "nip IS NULL AND pns_id IS NOT NULL AND pegawai_key IS NULL",
                "CASE WHEN imp_pns_id(pns_id) IS NULL THEN 'ID PNS harus 32 karakter heksadesimal' "
                "ELSE 'ID PNS tidak cocok dengan pegawai mana pun; impor data pegawai yang memuat PNS ID "
                "(data utama SIASN atau Export Data ASN) lebih dulu, lalu ulangi berkas ini' END",
            ),
            ("nip", f"nip IS NOT NULL AND pegawai_key IS NULL AND {pns} IS NOT NULL AND {pppk} IS NOT NULL", pns),
            (
                "nip",
                f"nip IS NOT NULL AND pegawai_key IS NULL AND ({pns} IS NULL OR {pppk} IS NULL)",
                "'NIP tidak ada di data pegawai; impor data pegawai lebih dulu, lalu ulangi berkas ini'",
            ),
        ]
    whole = " AND _cacat IS NULL" if cacat else ""
    parts = [
        f"SELECT _row, '{c}' AS kolom, {'NULL' if c == 'baris' else c} AS nilai, {reason} AS alasan "
        f"FROM imp_src WHERE ({cond}){whole}"
        for c, cond, reason in checks
    ]
    if cacat:
        parts.append("SELECT _row, 'baris', _mentah, _cacat FROM imp_src WHERE _cacat IS NOT NULL")
    cur.execute("CREATE OR REPLACE TEMP TABLE imp_rej AS " + " UNION ALL ".join(parts))
    # reasons name the column as the file's own header (bound, never pasted into SQL)
    cur.execute("CREATE OR REPLACE TEMP TABLE imp_colmap (kanon VARCHAR, judul VARCHAR)")
    cur.executemany("INSERT INTO imp_colmap VALUES (?, ?)", list(mapping.items()))
    cur.execute("""UPDATE imp_rej SET kolom = m.judul FROM imp_colmap m WHERE imp_rej.kolom = m.kanon""")
    key = "pegawai_key, " if kind.by_nip else ""
    cur.execute(f"""CREATE OR REPLACE TEMP TABLE imp_ok AS
        SELECT _row, {key}{kind.select} FROM imp_src WHERE _row NOT IN (SELECT _row FROM imp_rej)""")


def _dedupe(cur, kind: K.Kind) -> tuple[int, list[str]]:
    """Drop exact repeats within the file (counted unchanged) and reject key conflicts."""
    cols = [r[0] for r in cur.execute("DESCRIBE imp_ok").fetchall() if r[0] != "_row"]
    all_cols = ", ".join(cols)
    keys = ", ".join(kind.key)
    cur.execute(f"""CREATE OR REPLACE TEMP TABLE imp_ok AS
        SELECT * EXCLUDE (_n), row_number() OVER (PARTITION BY {keys} ORDER BY _row) AS _k,
               min(_row) OVER (PARTITION BY {keys}) AS _first
        FROM (SELECT *, row_number() OVER (PARTITION BY {all_cols} ORDER BY _row) AS _n FROM imp_ok)
        WHERE _n = 1""")
    repeats = (
        db.scalar(cur, "SELECT count(*) FROM imp_raw")
        - db.scalar(cur, "SELECT count(*) FROM imp_ok")
        - db.scalar(cur, "SELECT count(DISTINCT _row) FROM imp_rej")
    )
    cur.execute("""INSERT INTO imp_rej SELECT _row, 'baris', NULL,
        'data ganda dalam berkas: kunci sama dengan baris ' || _first || ' tetapi isinya berbeda'
        FROM imp_ok WHERE _k > 1""")
    cur.execute("DELETE FROM imp_ok WHERE _k > 1")
    cur.execute("ALTER TABLE imp_ok DROP COLUMN _k")
    cur.execute("ALTER TABLE imp_ok DROP COLUMN _first")
    return repeats, cols


def _merge(cur, kind: K.Kind, cols: list[str], import_id: int) -> tuple[int, int]:
    """Compare with the stored rows by key: (loaded, unchanged). Key parts may be expressions."""
    table = kind.table
    keyed = ", ".join(f"{k} AS _k{i}" for i, k in enumerate(kind.key))
    on = " AND ".join(f"t._k{i} IS NOT DISTINCT FROM n._k{i}" for i in range(len(kind.key)))
    same = " AND ".join(f"t.{c} IS NOT DISTINCT FROM n.{c}" for c in cols)
    narrow = "WHERE pegawai_key IN (SELECT pegawai_key FROM imp_ok)" if kind.by_nip else ""
    stored = f"(SELECT rowid AS _rid, *, {keyed} FROM {table} {narrow})"
    cur.execute(f"CREATE OR REPLACE TEMP TABLE imp_keyed AS SELECT *, {keyed} FROM imp_ok")
    cur.execute(f"""CREATE OR REPLACE TEMP TABLE imp_cmp AS
        SELECT n._row, CASE WHEN count(t._rid) = 0 THEN 'baru'
                            WHEN count(t._rid) = 1 AND bool_or({same}) THEN 'sama' ELSE 'ubah' END AS status
        FROM imp_keyed n LEFT JOIN {stored} t ON {on}
        GROUP BY n._row""")
    cur.execute(f"""DELETE FROM {table} WHERE rowid IN (
        SELECT t._rid FROM {stored} t JOIN imp_keyed n ON {on} JOIN imp_cmp c ON c._row = n._row
        WHERE c.status = 'ubah')""")
    cur.execute(
        f"""INSERT INTO {table} BY NAME
        SELECT n.* EXCLUDE (_row), $import_id AS import_id FROM imp_ok n JOIN imp_cmp c USING (_row)
        WHERE c.status <> 'sama'""",
        {"import_id": import_id},
    )
    counts = dict(cur.execute("SELECT status, count(*) FROM imp_cmp GROUP BY 1").fetchall())
    return counts.get("baru", 0) + counts.get("ubah", 0), counts.get("sama", 0)


def _pause(step: str) -> None:
    """Test hook: SMARTASN_IMPORT_PAUSE=<step> sleeps there, so a test can kill the process. Steps in
    order: baca (file read, nothing written yet), tahap (staged and checked, inside the transaction),
    merge (new agencies and units written, rows not yet merged), ringkasan (rows merged, summaries not
    yet refreshed), commit (everything written, not yet committed)."""
    if os.environ.get("SMARTASN_IMPORT_PAUSE") == step:
        print(f"paused at {step}", flush=True)
        time.sleep(60)


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    kind: str | None = None,
    user: str = "cli",
    rules: Rules | None = None,
    name: str | None = None,
    columns: dict[str, str] | None = None,
    tetap: dict[str, str] | None = None,
    profile: str | None = None,
) -> ImportResult:
    """Import one file in one transaction; raise FileRefused (nothing written, audited) when it cannot be read.
    `columns` ({field: header}, with `kind`) or `profile` (a saved one's name) say which column holds which
    field when our aliases do not know the layout; `tetap` gives fixed values for fields the file lacks (e.g.
    {"tahun": "2025"} for annual totals); every row is still checked."""
    path = Path(path)
    name = name or path.name  # an upload arrives as a temporary file: keep the user's file name
    rules = rules or load_rules()
    cur = con.cursor()
    try:
        result = _import(cur, path, name, kind, user, rules, Pemetaan(columns, tetap or {}, profile))
        _terbitkan(cur, result, user)
        return result
    except FileRefused:
        # nothing written; the reason stays out of the log (a reader's message may quote a line)
        audit.record(cur, user, "impor_ditolak", {"berkas": name})
        raise
    except Exception as exc:
        _audit_quietly(cur, user, name, type(exc).__name__)  # e.g. the disk filled up: still on record
        raise
    finally:
        cur.close()


def _terbitkan(cur: duckdb.DuckDBPyConnection, result: ImportResult, user: str) -> None:
    """With SMARTASN_TERBITKAN set, publish the new data version as the snapshot the read-only replicas
    serve (analytics.publish.terbitkan), with no page run of this process in progress. The import has
    committed: a failed publication is said in the result's notes, the previous snapshot stays whole."""
    tujuan = load_settings().terbitkan
    if not tujuan:
        return
    try:
        with GERBANG.tulis():
            publish.terbitkan(cur, tujuan, oleh=user)
    except (OSError, duckdb.Error, ValueError) as exc:
        result.catatan.append(
            f"Snapshot untuk replika gagal diterbitkan ({type(exc).__name__}); jalankan "
            "`python -m analytics publish-snapshot` lagi. Data impor sudah tersimpan."
        )
    else:
        result.catatan.append("Snapshot untuk replika diterbitkan; replika memakainya mulai halaman berikutnya.")


def _audit_quietly(cur, user: str, name: str, sebab: str) -> None:
    """Record a failed import when the database still takes a write (after a disk or I/O error it may not)."""
    try:
        audit.record(cur, user, "impor_ditolak", {"berkas": name, "galat": sebab})
    except duckdb.Error:
        pass


def import_upload(
    con: duckdb.DuckDBPyConnection,
    name: str,
    data: bytes,
    *,
    max_mb: int,
    kind: str | None = None,
    user: str,
    rules: Rules | None = None,
    columns: dict[str, str] | None = None,
    tetap: dict[str, str] | None = None,
    profile: str | None = None,
) -> ImportResult:
    """An uploaded file (the Impor page): refused before it is written anywhere when of a wrong type,
    too large, empty or not what its name says, else imported like import_file (with its mapping options).
    Every refusal, early or late, is in the audit log."""
    try:
        check_upload(name, data, max_mb=max_mb)
    except FileRefused:
        with contextlib.closing(con.cursor()) as cur:
            audit.record(cur, user, "impor_ditolak", {"berkas": name})
        raise
    path = read_bytes_as_file(data, name)
    try:
        return import_file(
            con, path, kind=kind, user=user, rules=rules, name=name, columns=columns, tetap=tetap, profile=profile
        )
    finally:
        path.unlink(missing_ok=True)


@dataclass
class Pratinjau:
    """A file read but not imported: its columns with sample values, and (with a mapping) its first rows as
    they would load, with the row-level checks applied."""

    headers: list[str]
    contoh: pd.DataFrame  # the file's first rows, as text, under its own headers
    kind: str | None = None
    kolom: dict[str, str] = field(default_factory=dict)
    baris: pd.DataFrame | None = None  # the first rows as they would load (our column names)
    ditolak: pd.DataFrame | None = None  # their rejects: row_number, column, value, reason


def preview(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    kind: str | None = None,
    columns: dict[str, str] | None = None,
    tetap: dict[str, str] | None = None,
    rules: Rules | None = None,
    n: int = 20,
) -> Pratinjau:
    """Read a file and, when a kind and mapping are given (or our aliases know the layout), stage its first
    `n` rows through every check inside a transaction that is rolled back: nothing is written. Raises
    FileRefused like import_file when the file cannot be read or the mapping is not usable."""
    rules = rules or load_rules()
    cur = con.cursor()
    try:
        _prepare(cur, rules)
        first_row = baca(cur, Path(path))
        headers = [r[0] for r in cur.execute("DESCRIBE imp_raw").fetchall() if r[0] not in RAW_MARKS]
        contoh = cur.execute(
            "SELECT " + ", ".join(_quote(h) for h in headers) + " FROM imp_raw LIMIT 5"  # noqa: S608 (quoted)
        ).df()
        out = Pratinjau(headers, contoh)
        if kind is None and columns is None:
            return out
        cur.execute(f"CREATE OR REPLACE TEMP TABLE imp_raw AS SELECT * FROM imp_raw LIMIT {int(n)}")  # noqa: S608
        _constants(cur, tetap or {})
        k, mapping, _ = _mapping(cur, kind, columns)
        cur.execute("BEGIN")
        try:
            _stage(cur, k, mapping, first_row)
            if k.name == "pegawai":
                from analytics.importer import pegawai as pegawai_merge

                pegawai_merge.resolve(cur, set(mapping))
            shown = [r[0] for r in cur.execute("DESCRIBE imp_ok").fetchall() if r[0] not in ("_jj", "pegawai_key")]
            out.kind, out.kolom = k.name, {c: h for c, h in mapping.items() if not h.startswith(TETAP)}
            out.baris = (
                cur.execute(
                    "SELECT " + ", ".join(_quote(c) for c in shown) + " FROM imp_ok ORDER BY _row"  # noqa: S608
                )
                .df()
                .rename(columns={"_row": "baris"})
            )
            out.ditolak = cur.execute(
                """SELECT _row AS row_number, kolom AS "column", nilai AS value, alasan AS reason
                   FROM imp_rej ORDER BY _row, kolom"""
            ).df()
        finally:
            cur.execute("ROLLBACK")
        return out
    finally:
        cur.close()


@dataclass(frozen=True)
class Pemetaan:
    """How the user said to read a file: explicit columns, fixed values, a named profile (all optional)."""

    columns: dict[str, str] | None = None
    tetap: dict[str, str] = field(default_factory=dict)
    profile: str | None = None


def _import(cur, path: Path, name: str, kind: str | None, user: str, rules: Rules, how: Pemetaan) -> ImportResult:
    from analytics.importer import pegawai as pegawai_merge

    _prepare(cur, rules)
    first_row = baca(cur, path)
    _constants(cur, how.tetap)
    k, mapping, used = _mapping(cur, kind, how.columns, how.profile)
    _pause("baca")
    cur.execute("BEGIN")
    try:
        import_id = db.scalar(cur, "SELECT nextval('import_id_seq')")
        _stage(cur, k, mapping, first_row)
        _pause("tahap")
        if k.name == "pegawai":
            pegawai_merge.resolve(cur, set(mapping))
        catatan, tidak_ada = laporan.notes(cur, k, mapping)
        if "_jj" in {r[0] for r in cur.execute("DESCRIBE imp_ok").fetchall()}:
            cur.execute("ALTER TABLE imp_ok DROP COLUMN _jj")
        repeats, cols = _dedupe(cur, k)
        _pause("merge")
        loaded, same = _merge(cur, k, cols, import_id)
        rejects = cur.execute(
            """SELECT ? AS file, _row AS row_number, kolom AS "column",
                                        nilai AS value, alasan AS reason
                                 FROM imp_rej ORDER BY _row, kolom""",
            [name],
        ).df()
        cur.execute("INSERT INTO import_reject SELECT ?, _row, kolom, nilai, alasan FROM imp_rej", [import_id])
        read = db.scalar(cur, "SELECT count(*) FROM imp_raw")
        rejected = rejects["row_number"].nunique()
        kolom = {c: (h if not h.startswith(TETAP) else f"= {how.tetap.get(c, '')}") for c, h in mapping.items()}
        result = ImportResult(
            name,
            k.name,
            import_id,
            read,
            loaded,
            rejected,
            same + repeats,
            rejects,
            kolom=kolom,
            tidak_ada=tidak_ada,
            catatan=catatan,
            profil=used,
        )
        cur.execute(
            "INSERT INTO import_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'selesai')",
            [import_id, name, _sha256(path), k.name, read, loaded, rejected, same + repeats, user, datetime.now()],
        )
        # the data is now as of today (analytics.dimensions.reference_date, unless a data_per is recorded):
        # set before the summaries, which count to that date
        db.set_meta(cur, impor_terakhir=datetime.now().isoformat(timespec="seconds"))
        _pause("ringkasan")
        build.refresh_after_import(cur, k.table, rules)
        result.demo_off = accounts.disable_demo_accounts(cur, oleh=user)
        # the stamp follows the data: demo plus real rows now
        cur.execute("UPDATE meta SET nilai = 'campuran' WHERE kunci = 'sumber' AND nilai = 'demo'")
        audit.record(cur, user, "impor", {"berkas": name, "jenis": k.name, "dimuat": loaded, "ditolak": rejected})
        _pause("commit")
        with GERBANG.tulis():  # no page run straddles the new version (analytics.gerbang)
            cur.execute("COMMIT")
    except BaseException:
        try:
            cur.execute("ROLLBACK")
        except duckdb.Error:
            pass  # DuckDB already ended the transaction (e.g. it could not write its WAL): keep the first error
        raise
    assert result.rows_read == result.rows_loaded + result.rows_rejected + result.rows_unchanged
    return result
