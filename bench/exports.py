"""Exports: the briefing pack (every query and figure, the PNGs drawn by kaleido with the system
Chromium started once, the PDF, PPTX and XLSX writers) for the nation and the largest province, for the
last whole year; and the XLSX download of the Kepatuhan 20 JP follow-up list at its page limit (20 000
employees) against the naive openpyxl cell-by-cell writer, with the cost of the page's table (Streamlit's
conversion of ui.tabel's Styler, 1 000 rows) per rerun."""

from __future__ import annotations

import io
import statistics
import time

from bench.common import Context, Figure, Measurement, below, cakupan, secs, timed

LIST_LIMIT = 20_000  # the follow-up list's limit on the Kepatuhan 20 JP page


def pack(con, scope, rules, ref) -> dict[str, float]:
    from analytics import briefing, gambar

    t0 = time.perf_counter()
    paket = briefing.isi(con, scope=scope, rules=rules, ref=ref, oleh="bench")
    t1 = time.perf_counter()
    png = {g.nomor: gambar.gambar(g.fig, "png") for g in paket.gambar}
    t2 = time.perf_counter()
    for f in briefing.FORMAT:
        briefing.tulis(paket, f, png=(png, None))
    t3 = time.perf_counter()
    return {"total": t3 - t0, "isi": t1 - t0, "png": t2 - t1, "tulis": t3 - t2, "figures": len(paket.gambar)}


def briefing_packs(ctx: Context, con, ref) -> None:
    from dataclasses import replace

    import plotly.graph_objects as go

    from analytics import gambar
    from analytics.filters import Scope
    from analytics.privacy import PENUH

    if gambar.browser() is None:
        ctx.note("exports", "**briefing packs skipped: no Chromium for the figures**")
        return
    year = ref.year - 1
    gambar.gambar(go.Figure())  # kaleido's browser starts once per process (the app's too): not in the packs' times
    prov = next(c for c in cakupan(ctx) if c.label == "provinsi")
    for label, scope, limit in (
        ("national", Scope(tahun=year, akses=PENUH), 30),
        (f"province {prov.what}", replace(Scope(tahun=year, akses=PENUH), **prov.fields), 20),
    ):
        r = pack(con, scope, ctx.rules, ref)
        ctx.add(
            Measurement(
                "exports",
                f"briefing pack {year}, {label}: content, {r['figures']} figures, PDF + PPTX + XLSX",
                secs(r["total"]),
                below(limit, "s"),
                extra={"content (briefing.isi)": secs(r["isi"]), "PNGs": secs(r["png"]), "writers": secs(r["tulis"])},
                table="briefing",
            )
        )


def openpyxl_baseline(df) -> bytes:
    """The naive writer: the same cells one by one with openpyxl, with the same number formats."""
    from openpyxl import Workbook

    from analytics import kolom, report

    book = Workbook()
    sheet = book.active
    kinds = [kolom.untuk(df, c) for c in df.columns]
    for col, head in enumerate(kolom.judul(df), start=1):
        sheet.cell(row=1, column=col, value=head)
    for col, (name, k) in enumerate(zip(df.columns, kinds), start=1):
        for row, value in enumerate(df[name].tolist(), start=2):
            cell = report._value(value, k)
            if cell is not None:
                c = sheet.cell(row=row, column=col, value=cell[1])
                if k.format_excel_untuk(cell[1]):
                    c.number_format = k.format_excel_untuk(cell[1])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def styler_to_proto(df, cols) -> None:
    """What st.dataframe does with ui.tabel's Styler on every rerun (display values into the proto)."""
    from streamlit.elements.lib.pandas_styler_utils import marshall_styler
    from streamlit.proto.ArrowData_pb2 import ArrowData

    from analytics import kolom

    marshall_styler(ArrowData(), kolom.tampilan(df, cols), "bench")


def follow_up_list(ctx: Context, con, ref) -> None:
    from analytics import jp, report
    from analytics.filters import Scope
    from analytics.privacy import PENUH

    daftar = jp.per_pegawai(
        con,
        scope=Scope(tahun=ref.year, akses=PENUH),
        rules=ctx.rules,
        ref=ref,
        status=("tertinggal", "belum mulai"),
        limit=LIST_LIMIT,
    )
    runs = min(3, ctx.args.repeat)

    def median(fn, n=runs):
        return statistics.median(timed(fn)[0] for _ in range(n))

    ours = median(lambda: report.write(daftar, "xlsx", None, stamp={"Laporan": "bench"}))
    naive = median(lambda: openpyxl_baseline(daftar), 1)
    cols = ["nip", "nama", "unor", "jp_total", "kekurangan_jp", "status"]
    ctx.add(
        Measurement(
            "exports",
            f"XLSX of the follow-up list, {len(daftar):,} employees (report.write, XlsxWriter)",
            secs(ours),
            extra={"naive: openpyxl cell by cell": secs(naive), "naive / ours": Figure(naive / ours, "×")},
            table="downloads",
        )
    )
    ctx.add(
        Measurement(
            "exports",
            f"the page's table: Styler to Streamlit's proto, {min(1000, len(daftar)):,} rows, per rerun",
            secs(median(lambda: styler_to_proto(daftar.head(1000), cols))),
            table="downloads",
        )
    )


def section_exports(ctx: Context) -> None:
    from analytics import dimensions

    con = ctx.connect()
    try:
        ref = dimensions.reference_date(con)
        follow_up_list(ctx, con, ref)
        briefing_packs(ctx, con, ref)
    finally:
        con.close()
