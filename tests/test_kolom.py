"""Indonesian formats everywhere: the one column dictionary, the table helper's display text (what
the grid draws), and the one export writer (XLSX cells, CSV formula neutralisation, the keterangan
sheet in words)."""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from analytics import audit, dimensions, explain, imports, ipasn, jp, kolom, overview, privacy, report, smart, whatif
from analytics.filters import Scope
from analytics.importer import REJECT_COLUMNS
from analytics.privacy import PENUH
from analytics.rules import load_rules

RULES = load_rules()
YEAR = 2026
INTERNAL = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")  # what an internal column name looks like
ANGKA_ID = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?%?|–")  # 1.234.567 · 87,5 · 43,2% · – (missing)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def shown(styler) -> pd.DataFrame:
    """The text st.dataframe draws for a Styler (Streamlit's own marshalling of display values)."""
    proto = ArrowData()
    marshall_styler(proto, styler, "uuid")
    return dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values)


def frames(con) -> dict[str, tuple[pd.DataFrame, str | None]]:
    """Every analytics frame a page table or an export shows, with its grouping level."""
    s = Scope(tahun=YEAR, akses=PENUH)
    ref = dimensions.reference_date(con)
    k = smart.per_kelompok(con, scope=s, by="unor")
    return {
        "jp.per_pegawai": (jp.per_pegawai(con, scope=s, rules=RULES, ref=ref, limit=50), None),
        "jp.per_kelompok": (jp.per_kelompok(con, scope=s, rules=RULES, by="provinsi"), "provinsi"),
        "ipasn.per_pegawai": (
            explain.per_pegawai(con, scope=s, limit=50, rules=RULES)[
                [*ipasn.PEGAWAI_COLUMNS, "nama", "unor", "jabatan", "pendidikan", *(f"ket_{d}" for d in ipasn.DIMENSI)]
            ],
            None,
        ),
        "ipasn.per_kelompok": (ipasn.per_kelompok(con, scope=s, by="unor"), "unor"),
        "whatif.simulasi": (whatif.simulasi(con, scope=s, rules=RULES, tuas="teknis", by="instansi"), "instansi"),
        "ipasn.alasan": (explain.kelengkapan(con, scope=s).assign(persen=12.5), None),
        "smart.per_pegawai": (smart.per_pegawai(con, scope=s, limit=50), None),
        "smart.per_kelompok": (k, "unor"),
        "smart.terlemah": (smart.terlemah(k, RULES), "unor"),
        "smart.rubrik": (smart.rubrik(RULES), None),
        "imports.riwayat": (imports.riwayat(con), None),
        "impor.rejects": (pd.DataFrame(columns=REJECT_COLUMNS), None),
        "impor.hasil": (
            pd.DataFrame(
                columns=["file", "kind", "import_id", "rows_read", "rows_loaded", "rows_rejected", "rows_unchanged"]
            ),
            None,
        ),
        "audit.entries": (audit.entries(con).rename(columns={"cakupan": "cakupan_akun"}), None),
        "jp.aturan": (jp.aturan_frame(RULES).rename(columns={"jenis": "jenis_diklat_id"}).drop(columns="grup"), None),
    }


def test_every_shown_or_exported_column_has_one_human_header(demo_con):
    for name, (df, tingkat) in frames(demo_con).items():
        headers = kolom.judul(df, tingkat)  # raises on a column missing from the dictionary
        assert len(set(headers)) == len(headers), name
        for h in headers:
            assert not INTERNAL.fullmatch(h) and "_" not in h, (name, h)
    # a unit table names its ids and units as the pages always did; an employee's name is "Nama"
    assert kolom.judul(jp.per_kelompok(demo_con, scope=Scope(tahun=YEAR, akses=PENUH), rules=RULES, by="unor"), "unor")[
        :2
    ] == ["ID", "Unit kerja"]
    assert kolom.kolom("nama").judul == "Nama" and kolom.kolom("nama", "provinsi").judul == "Provinsi"
    with pytest.raises(KeyError, match="analytics/kolom.py"):
        kolom.kolom("kolom_baru")


def chart_frames(con) -> dict[str, tuple[pd.DataFrame, str | None]]:
    """The data each page hands ui.grafik with its chart (the same calls and columns), with its level."""
    s = Scope(tahun=YEAR, akses=PENUH)
    ref = dimensions.reference_date(con)
    komposisi = overview.komposisi(con, scope=s)
    ip = ipasn.per_kelompok(con, scope=s, by="nasional").iloc[0]
    sm = smart.per_kelompok(con, scope=s, by="nasional").iloc[0]
    out = {
        "kegiatan": (overview.kegiatan_tahunan(con, scope=s, sampai=YEAR)[overview.KEGIATAN_COLUMNS], None),
        "kelengkapan": (overview.kelengkapan_frame(overview.kelengkapan(con, scope=s, tahun=YEAR)), None),
        **{d: (overview.komposisi_frame(komposisi, d), None) for d in overview.ORDER},
        "jp.tren": (jp.tren(con, scope=s, rules=RULES)[jp.TREN_COLUMNS], None),
        "jp.sebaran": (jp.sebaran_frame(jp.distribusi(con, scope=s, batas=60), 60), None),
        "jp.progres": (jp.progres_bulanan(con, scope=s, rules=RULES, ref=ref), None),
        "jp.mix": (
            jp.per_kelompok(con, scope=s, rules=RULES, by="unor").head(12)[
                ["kode", "nama", "pegawai", "mix_10", "mix_20", "mix_70"]
            ],
            "unor",
        ),
        **{
            f"jp.{by}": (jp.per_kelompok(con, scope=s, rules=RULES, by=by)[jp.BATANG_COLUMNS], by)
            for by in ("provinsi", "jenis_kelamin", "golongan", "jenis_jabatan", "jenis_pegawai")
        },
        "ipasn.kategori": (ipasn.kategori_frame(ip), None),
        "ipasn.tren": (ipasn.tren(con, scope=s), None),
        "ipasn.kehilangan": (ipasn.kehilangan_frame(ipasn.per_kelompok(con, scope=s, by="unor"), 20), "unor"),
        "smart.tren": (smart.tren(con, scope=s, rules=RULES), None),
        "smart.profil": (smart.profil_frame([("Pilihan filter", sm), ("Nasional", sm)]), None),
        "smart.cakupan": (smart.atribut_frame(sm)[["atribut", "cakupan"]], None),
        "smart.peta": (smart.per_kelompok(con, scope=s, by="instansi").head(30)[smart.PETA_COLUMNS], "instansi"),
        "whatif.kategori": (
            whatif.kategori_frame(whatif.simulasi(con, scope=s, rules=RULES, tuas="teknis").iloc[0]),
            None,
        ),
    }
    return out


def test_every_chart_data_frame_has_headers_and_writes_numbers_as_numbers(demo_con):
    """Every chart's data (ui.grafik data=...) has one human header per column and writes as an xlsx
    whose numeric columns are number cells with a display format (a year '0': 2026, not 2.026)."""
    for name, (df, tingkat) in chart_frames(demo_con).items():
        assert not df.empty and "nip" not in df.columns, name
        headers = kolom.judul(df, tingkat)
        for h in headers:
            assert not INTERNAL.fullmatch(h) and "_" not in h, (name, h)
        _, sheet = read_xlsx(report.write(df, "xlsx", None, tingkat=tingkat))
        assert [c.value for c in sheet[1]] == headers, name
        for col, cells in zip(df.columns, sheet.iter_cols(min_row=2)):
            k = kolom.untuk(df, col, tingkat)
            for c in (c for c in cells if c.value is not None):
                if k.jenis in kolom.ANGKA:
                    assert c.data_type == "n" and c.number_format == k.format_excel_untuk(c.value), (name, col, c.value)
                else:
                    assert c.data_type == "s", (name, col, c.value)
        report.write(df, "csv", None, tingkat=tingkat, orang=True)
    frames = chart_frames(demo_con)
    assert kolom.judul(*frames["jenis_kelamin"]) == ["Jenis kelamin", "Pegawai", "% pegawai"]
    assert kolom.judul(*frames["jp.golongan"])[:2] == ["Kode", "Golongan"]
    assert list(frames["jp.sebaran"][0]["jp_bulat"])[-1] == "≥ 60"


def test_years_and_months_are_numbers_without_separators():
    df = pd.DataFrame({"tahun": [2026, 2025], "bulan": [9, 12], "pegawai": [12345, 7]})
    assert list(shown(kolom.tampilan(df))["Tahun"]) == ["2026", "2025"]
    _, sheet = read_xlsx(report.write(df, "xlsx", None))
    tahun, bulan, pegawai = (list(col)[1:] for col in sheet.iter_cols())
    assert [c.value for c in tahun] == [2026, 2025] and {c.number_format for c in tahun + bulan} == {"0"}
    assert pegawai[0].number_format == "#,##0"


def test_table_helper_shows_indonesian_text_and_keeps_numbers_sortable():
    df = pd.DataFrame(
        {
            "nip": ["198609262015051001", "19860926*******001", None],
            "pegawai": [9002, 1234567, 5],
            "rata_jp": [87.5, 43.15, np.nan],
            "persen_memenuhi": [43.15, 0.4, 100.0],
            "memenuhi": [True, False, None],
            "lengkap": [True, False, True],
            "status": ["tertinggal", None, "memenuhi"],
            "waktu": pd.to_datetime(["2026-11-28 14:05", None, "2026-01-02 08:00"]),
        }
    )
    sty = kolom.tampilan(df, ["nip", "pegawai", "rata_jp", "persen_memenuhi", "memenuhi", "lengkap", "status", "waktu"])
    text = shown(sty)
    assert list(text.columns) == [
        "NIP",
        "Pegawai",
        "Rata-rata JP",
        "% memenuhi 20 JP",
        "Memenuhi 20 JP",
        "Berdata lengkap",
        "Status",
        "Waktu",
    ]
    assert list(text["Pegawai"]) == ["9.002", "1.234.567", "5"]
    assert list(text["Rata-rata JP"]) == ["87,5", "43,2", "–"]  # half up, like every figure (analytics.fmt)
    assert list(text["% memenuhi 20 JP"]) == ["43,2%", "0,4%", "100,0%"]
    assert list(text["Memenuhi 20 JP"])[:2] == ["Ya", "Tidak"] and list(text["Berdata lengkap"]) == [
        "Ya",
        "Tidak",
        "Ya",
    ]
    assert list(text["NIP"])[:2] == ["198609262015051001", "19860926*******001"]
    assert list(text["Waktu"])[0] == "28 Nov 2026 14:05"
    # the values under the text stay numbers: the grid sorts 5 < 9.002 < 1.234.567, not as text
    data = sty.data
    assert data["Pegawai"].dtype.kind == "i" and data["% memenuhi 20 JP"].dtype.kind == "f"
    assert data["Memenuhi 20 JP"].tolist()[:2] == ["Ya", "Tidak"]  # flags are text, never checkboxes
    assert pd.isna(data["Memenuhi 20 JP"].iloc[2]) and pd.isna(data["Rata-rata JP"].iloc[2])  # → placeholder '–'
    for v in text.to_numpy().ravel():
        assert v not in {"None", "nan", "NaN", "<NA>", "NaT", "True", "False"}


@pytest.mark.db_read_only
def test_table_helper_in_streamlit(app_env):
    from streamlit.testing.v1 import AppTest

    def app():
        import pandas as pd

        import ui

        ui.tabel(pd.DataFrame({"kode": ["7"], "nama": ["Dinas"], "persen_memenuhi": [79.17]}), tingkat="unor")

    at = AppTest.from_function(app).run()
    assert not at.exception
    d = at.dataframe[0]
    assert list(d.value.columns) == ["ID", "Unit kerja", "% memenuhi 20 JP"]
    assert d.proto.placeholder == "–"  # missing values never show 'None'
    text = dataframe_util.convert_arrow_bytes_to_pandas_df(d.proto.arrow_data.styler.display_values)
    assert text.iloc[0].tolist() == ["7", "Dinas", "79,2%"]


def read_xlsx(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return book, book["laporan"]


def test_xlsx_cells_have_human_headers_numbers_with_formats_and_no_formulas():
    df = pd.DataFrame(
        {
            "nip": ["198609262015051001", "=1+2"],
            "nama": ["@SUM(A1)", "Budi"],
            "pegawai": [1234, np.nan],
            "rata_jp": [12.345, -3.0],
            "persen_memenuhi": [43.15, None],
            "memenuhi": [True, False],
            "status": ["-tertinggal", "\tx"],
        }
    )
    book, sheet = read_xlsx(report.write(df, "xlsx", None))
    assert [c.value for c in sheet[1]] == [
        "NIP",
        "Nama",
        "Pegawai",
        "Rata-rata JP",
        "% memenuhi 20 JP",
        "Memenuhi 20 JP",
        "Status",
    ]
    assert sheet.freeze_panes == "A2"
    nip, nama, pegawai, rata, persen, memenuhi, status = (list(col)[1:] for col in sheet.iter_cols())
    assert [c.value for c in nip] == ["198609262015051001", "'=1+2"] and {c.number_format for c in nip} == {"@"}
    assert all(c.data_type == "s" for c in nip + nama + status + memenuhi)  # text, never a formula
    assert [c.value for c in nama] == ["'@SUM(A1)", "Budi"]
    assert [c.value for c in status] == ["'-tertinggal", "'\tx"]
    assert pegawai[0].value == 1234 and pegawai[0].data_type == "n" and pegawai[0].number_format == "#,##0"
    assert pegawai[1].value is None  # missing: an empty cell
    # JP: one decimal where a fraction remains, else whole (fmt.jp)
    assert [c.value for c in rata] == [12.345, -3.0] and [c.number_format for c in rata] == ["#,##0.0", "#,##0"]
    assert persen[0].value == 43.15 and persen[0].number_format == '0.0"%"' and persen[1].value is None
    assert [c.value for c in memenuhi] == ["Ya", "Tidak"]
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFG"]
    assert all(8 <= w <= 60 for w in widths) and widths[0] >= 18  # a NIP fits its column


def test_csv_for_machines_keeps_names_and_neutralises_formulas():
    df = pd.DataFrame(
        {
            "nip": ["198609262015051001", "+62811"],
            "nama": ['=HYPERLINK("http://x")', "Budi"],
            "selisih": [-1.5, 2.25],
            "memenuhi": [True, False],
        }
    )
    back = pd.read_csv(io.BytesIO(report.write(df, "csv", None)), dtype={"nip": str})
    assert list(back.columns) == ["nip", "nama", "selisih", "memenuhi"]  # the CLI's documented contract
    assert back["nip"].tolist() == ["198609262015051001", "'+62811"]
    assert back["nama"].tolist() == ['\'=HYPERLINK("http://x")', "Budi"]
    assert back["selisih"].tolist() == [-1.5, 2.25]  # numbers stay numbers, dot decimals
    # the same frame for people (the Impor page's rejects): human headers, Ya/Tidak, still no formulas
    text = report.write(df, "csv", None, orang=True).decode("utf-8-sig")
    people = pd.read_csv(io.StringIO(text), dtype=str)
    assert list(people.columns) == ["NIP", "Nama", "Selisih rata-rata", "Memenuhi 20 JP"]
    assert people["Memenuhi 20 JP"].tolist() == ["Ya", "Tidak"] and people["Nama"][0].startswith("'=")
    # json stays machine data
    assert report.write(df, "json", None).decode().count('"nip"') == 2


def test_keterangan_sheet_in_words(demo_con):
    inst = demo_con.execute("SELECT id, nama FROM instansi WHERE id = 1").fetchall()[0]
    unit = demo_con.execute("SELECT id, nama FROM unor WHERE instansi_id = 1 LIMIT 1").fetchall()[0]
    boss = privacy.Akses(peran="unit", instansi_ids=(inst[0],), pengguna="op.kemenag")
    scope = Scope(
        tahun=2025, provinsi_kode="35", instansi_id=inst[0], unor_id=unit[0], jenis_jabatan="fungsional", akses=PENUH
    )
    st_ = report.stamp(demo_con, boss, scope, "tindak_lanjut_20jp", 1234)
    book, _ = read_xlsx(report.write(pd.DataFrame({"pegawai": [1]}), "xlsx", None, stamp=st_))
    info = {r[0].value: r[1] for r in book["keterangan"].iter_rows(min_row=2)}
    assert list(info) == [
        "Laporan", "Jumlah baris", "Diekspor oleh", "Peran", "Cakupan akun", "Filter", "Waktu",
        "Yang dihitung dalam 20 JP",
    ]  # fmt: skip
    assert info["Laporan"].value == "Pegawai yang perlu ditindaklanjuti (20 JP)"
    assert info["Jumlah baris"].value == 1234 and info["Jumlah baris"].number_format == "#,##0"
    assert info["Diekspor oleh"].value == "op.kemenag" and info["Peran"].value == "Operator unit"
    assert info["Cakupan akun"].value == inst[1]
    assert info["Filter"].value == (
        f"Tahun 2025; Provinsi Jawa Timur; Instansi {inst[1]}; Unit kerja {unit[1]} (beserta bawahannya); "
        "Jenis jabatan Fungsional"
    )
    assert re.fullmatch(r"\d{1,2} \w{3} \d{4} \d\d:\d\d", info["Waktu"].value)
    for cell in info.values():
        text = str(cell.value)
        assert "{" not in text and not re.search(r"\b(instansi|provinsi|unit|unor) \d", text), text
    # a national account, no filter beyond the year
    nas = report.stamp(
        demo_con, privacy.PENUH, Scope(tahun=2025, akses=PENUH), "ipasn_unit", 3, tingkat="unor", oleh="cli:budi"
    )
    assert nas["Cakupan akun"] == "Nasional" and nas["Filter"] == "Tahun 2025" and nas["Diekspor oleh"] == "cli:budi"
    assert nas["Laporan"] == "IP ASN per unit kerja" and nas["Peran"] == "Admin (Biro SDM)"
