"""Command line: `python -m analytics COMMAND ...` (see README)."""

from __future__ import annotations

import argparse
import json
import sys
import time

from analytics import build, db, dimensions
from analytics.dimensions import REPORT as LEVELS
from analytics.rules import RulesError, load_rules
from analytics.settings import load_settings

BARU = "buat basis data baru (beserta foldernya) bila berkas --db belum ada; tanpa ini berkas yang tidak ada ditolak"


def _parser() -> argparse.ArgumentParser:
    settings = load_settings()
    p = argparse.ArgumentParser(prog="python -m analytics", description="Dasbor Kesiapan Smart ASN: perintah baris.")
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="bangun basis data demo sintetis (menimpa berkas --db)")
    demo.add_argument("--employees", type=int, default=settings.demo_employees, help="jumlah pegawai")
    demo.add_argument("--seed", type=int, default=settings.demo_seed, help="seed acak")
    demo.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB")

    imp = sub.add_parser(
        "import", help="impor berkas SIASN/SIMPEG (CSV, XLSX, Parquet, JSON, ZIP atau folder jawaban JSON SIASN)"
    )
    imp.add_argument("files", nargs="+", metavar="FILE", help="berkas (atau folder jawaban JSON) yang diimpor")
    imp.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB")
    imp.add_argument("--baru", action="store_true", help=BARU)
    imp.add_argument(
        "--kind",
        default=None,
        help="jenis data (pegawai, pengembangan, skp, hukdis, ...); bawaan: dikenali dari judul kolom",
    )
    imp.add_argument("--json", action="store_true", help="satu objek JSON per berkas")
    imp.add_argument("--rejects-out", default=None, metavar="PATH.csv", help="tulis baris yang ditolak ke CSV")
    imp.add_argument("--user", default="cli", help="nama pengguna di import_log")
    imp.add_argument(
        "--tahun", type=int, default=None, help="tahun untuk berkas tanpa kolom tahun (mis. rekap JP per pegawai)"
    )
    imp.add_argument("--profile", default=None, metavar="NAMA", help="pakai profil pemetaan kolom yang disimpan")

    prof = sub.add_parser("profil", help="profil pemetaan kolom impor (list, hapus)")
    prof.add_argument("action", choices=["list", "hapus"])
    prof.add_argument("name", nargs="?", help="nama profil (untuk hapus)")
    prof.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB (harus sudah ada)")
    prof.add_argument("--user", default="cli", help="nama pengguna di log audit")

    rep = sub.add_parser("report", help="laporan (CSV, JSON, XLSX)")
    rep.add_argument(
        "topic",
        choices=["jp", "ipasn", "smart"],
        help="jp: kepatuhan 20 JP; ipasn: Indeks Profesionalitas ASN; smart: atribut Smart ASN",
    )
    rep.add_argument("--by", default="nasional", choices=LEVELS, help="tingkat pengelompokan")
    rep.add_argument("--format", default="csv", choices=["csv", "json", "xlsx"])
    rep.add_argument("--out", default=None, help="berkas keluaran (bawaan: layar; wajib untuk xlsx)")
    rep.add_argument(
        "--sampai-tanggal",
        action="store_true",
        help="jp per kelompok dihitung sampai tanggal dan bulan tanggal acuan data pada tahun itu (pembanding "
        "tahun berjalan yang setara)",
    )
    _cakupan(rep, settings, "jalankan")

    brief = sub.add_parser(
        "briefing", help="paket briefing (PDF, PPTX atau XLSX) untuk satu cakupan dan tahun, tanpa internet"
    )
    brief.add_argument(
        "--out", required=True, metavar="PATH.pdf|.pptx|.xlsx", help="berkas keluaran; formatnya dari akhiran"
    )
    _cakupan(brief, settings, "buat")

    pq = sub.add_parser(
        "export-parquet",
        help="ekspor tabel data dan ringkasan ke Parquet (per tahun) untuk data lake atau mesin terdistribusi",
    )
    pq.add_argument("folder", metavar="DIR", help="folder tujuan (ekspor sebelumnya di sana diganti utuh)")
    pq.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB (harus sudah ada)")

    snap = sub.add_parser(
        "publish-snapshot",
        help="terbitkan salinan basis data untuk replika dasbor hanya-baca (ditukar utuh, tanpa berkas setengah jadi)",
    )
    snap.add_argument("tujuan", metavar="BERKAS", help="berkas snapshot yang dibuka replika (SMARTASN_REPLIKA mereka)")
    snap.add_argument("--db", default=str(settings.db_path), help="basis data penulis (harus sudah ada)")

    user = sub.add_parser("user", help="kelola akun dasbor (add, list, disable, enable, passwd)")
    user.add_argument("action", choices=["add", "list", "disable", "enable", "passwd"])
    user.add_argument("name", nargs="?", help="nama pengguna")
    user.add_argument("--role", choices=["admin", "unit", "pimpinan"], help="peran (untuk add)")
    user.add_argument("--nasional", action="store_true", help="cakupan nasional (pimpinan)")
    user.add_argument("--provinsi", default=None, help="cakupan satu provinsi (kode)")
    user.add_argument("--instansi", type=int, action="append", default=[], help="cakupan instansi (id), boleh berulang")
    user.add_argument("--unor", type=int, action="append", default=[], help="cakupan unit beserta bawahannya (id)")
    user.add_argument(
        "--sso",
        default=None,
        metavar="EMAIL",
        help="alamat e-mail dari penyedia SSO (OIDC) untuk akun ini; tanpa --password-env akun SSO tidak punya "
        "kata sandi",
    )
    user.add_argument(
        "--password-env", default=None, metavar="VAR", help="baca kata sandi dari variabel lingkungan (bawaan: ditanya)"
    )
    user.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB")
    user.add_argument("--baru", action="store_true", help=BARU)

    info = sub.add_parser("info", help="ringkasan isi basis data")
    info.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB (harus sudah ada)")

    rules = sub.add_parser("rules", help="periksa berkas aturan")
    rules.add_argument("path", nargs="?", default=str(settings.rules_path), help="berkas aturan TOML")
    return p


def _cakupan(p: argparse.ArgumentParser, settings, kerja: str) -> None:
    """The scope arguments `_scope_of` reads (year, region and unit filters, database, --sebagai), the
    same for every command that exports figures for a scope."""
    p.add_argument("--year", type=int, required=True, help="tahun")
    p.add_argument("--provinsi", default=None, help="kode provinsi (mis. 35)")
    p.add_argument("--instansi", type=int, default=None, help="id instansi")
    p.add_argument("--unor", type=int, default=None, help="id unit kerja (beserta bawahannya)")
    p.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB (harus sudah ada)")
    p.add_argument(
        "--sebagai",
        default=None,
        metavar="PENGGUNA",
        help=f"{kerja} dengan peran dan cakupan akun ini (bawaan: admin di mesin, semua data)",
    )


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code. A database or disk problem (db.KNOWN_ERRORS) ends the
    command with exit code 2 and one Indonesian message on stderr, never a traceback."""
    args = _parser().parse_args(argv)
    settings = load_settings()
    try:
        return _run(args, settings)
    except db.KNOWN_ERRORS as exc:
        print(_pesan(exc, args), file=sys.stderr)
        return 2


def _pesan(exc: BaseException, args) -> str:
    """db.pesan_galat, and for a database that does not exist, how this command can make one."""
    text = db.pesan_galat(exc, getattr(args, "db", None))
    if isinstance(exc, db.DatabaseMissing):
        if args.command in ("import", "user"):
            text += " Periksa --db (atau SMARTASN_DB); untuk membuat basis data baru di sana, ulangi dengan --baru."
        else:
            text += (
                f" Periksa --db (atau SMARTASN_DB). Basis data baru dibuat dengan "
                f"`python -m analytics import BERKAS... --db {exc.path} --baru`, atau data demo dengan "
                f"`python -m analytics demo --db {exc.path}`."
            )
    return text


def _run(args, settings) -> int:
    if args.command == "demo":
        from analytics.demo import build_demo

        if args.employees < 1:
            print("--employees harus ≥ 1", file=sys.stderr)
            return 2
        t = time.perf_counter()
        timings = build_demo(
            args.db,
            employees=args.employees,
            seed=args.seed,
            memory_limit=settings.memory_limit,
            log=lambda m: print(m, file=sys.stderr),
        )
        print(
            json.dumps(
                {
                    "db": args.db,
                    "employees": args.employees,
                    "seed": args.seed,
                    "seconds": round(time.perf_counter() - t, 2),
                    "steps": {k: round(v, 2) for k, v in timings.items()},
                }
            )
        )
        return 0
    if args.command == "import":
        return _import(args, settings)
    if args.command == "report":
        return _report(args, settings)
    if args.command == "user":
        return _user(args, settings)
    if args.command == "briefing":
        return _briefing(args, settings)
    if args.command == "export-parquet":
        return _export_parquet(args, settings)
    if args.command == "publish-snapshot":
        from analytics import publish

        con = _open_current(args, settings)
        if con is None:
            return 2
        try:
            versi = publish.terbitkan(con, args.tujuan, oleh=_jalur())
            print(json.dumps({"snapshot": args.tujuan, "versi": versi}))
        finally:
            con.close()
        return 0
    if args.command == "profil":
        return _profil(args)
    if args.command == "info":
        con = db.connect(args.db, read_only=True, create=False)
        try:
            out = {
                t: db.scalar(con, f"SELECT count(*) FROM {t}")  # noqa: S608 (fixed names)
                for t in (
                    "pegawai",
                    "pengembangan",
                    "skp",
                    "hukdis",
                    "bahasa",
                    "tik",
                    "perilaku",
                    "inovasi",
                    "ikm",
                    "unor",
                    "instansi",
                )
            }
            out["meta"] = db.get_meta(con)
        finally:
            con.close()
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if args.command == "rules":
        try:
            rules = load_rules(args.path)
        except RulesError as exc:
            print(exc, file=sys.stderr)
            return 2
        print(f"OK: {rules.label} ({rules.path})")
        return 0
    return 2


def _import(args, settings) -> int:
    """Import each file in its own transaction. A refused file is reported and the next one imported; a
    database or disk error stops the run there (that file wrote nothing; the next ones would fail the
    same way), and the rejects of the files imported before it still go to --rejects-out. Exit 2 if any."""
    import pandas as pd

    from analytics.importer import REJECT_COLUMNS, FileRefused, import_file

    opened = _open_writable(args.db, settings, create=args.baru)
    if opened is None:
        return 2
    con, rules = opened
    code, rejects = 0, []
    try:
        for i, f in enumerate(args.files):
            try:
                result = import_file(
                    con,
                    f,
                    kind=args.kind,
                    user=args.user,
                    rules=rules,
                    tetap={"tahun": str(args.tahun)} if args.tahun else None,
                    profile=args.profile,
                )
            except FileRefused as exc:
                code = 2
                print(f"{f}: DITOLAK, tidak ada yang ditulis: {exc}", file=sys.stderr)
                continue
            except db.KNOWN_ERRORS as exc:
                code = 2
                pesan = db.pesan_galat(exc, args.db)
                print(f"{f}: GAGAL, tidak ada yang ditulis dari berkas ini. {pesan}", file=sys.stderr)
                if rest := args.files[i + 1 :]:
                    print(
                        f"Impor dihentikan karena galat basis data; tidak diproses: {', '.join(rest)}", file=sys.stderr
                    )
                break
            rejects.append(result.rejects)
            if result.demo_off:
                from analytics import accounts

                lagi = (
                    ""
                    if accounts.real_admins(con)
                    else "; belum ada admin lain: python -m analytics user add NAMA --role admin"
                )
                print(
                    f"PERHATIAN: {result.demo_off} akun demo dinonaktifkan karena data nyata diimpor{lagi}.",
                    file=sys.stderr,
                )
            if args.json:
                print(json.dumps(result.summary(), ensure_ascii=False))
            else:
                print(
                    f"{result.file}: {result.kind}: dibaca {result.rows_read}, dimuat {result.rows_loaded}, "
                    f"ditolak {result.rows_rejected}, tidak berubah {result.rows_unchanged}"
                    + (f" (profil {result.profil})" if result.profil else "")
                )
                for note in result.catatan:
                    print(f"  - {note}")
    finally:
        con.close()
    if args.rejects_out:
        frame = pd.concat(rejects) if rejects else pd.DataFrame(columns=REJECT_COLUMNS)
        from analytics.report import write

        write(frame[REJECT_COLUMNS], "csv", args.rejects_out)  # the one writer: values that look like formulas quoted
    return code


def _profil(args) -> int:
    """List or remove column-mapping profiles (made on the Impor page)."""
    from analytics.importer import profil

    con = db.connect(args.db, create=False)
    try:
        if args.action == "list":
            df = profil.listing(con)
            if df.empty:
                print("Belum ada profil pemetaan kolom (buat di halaman Impor).")
            for r in df.itertuples():
                when = f"{r.dibuat:%d-%m-%Y}"
                print(f"{r.nama}\t{r.jenis}\t{r.kolom_berkas} kolom berkas\tdibuat {when} oleh {r.dibuat_oleh}")
            return 0
        if not args.name:
            print("sebutkan nama profil yang dihapus", file=sys.stderr)
            return 2
        if not profil.delete(con, args.name, user=args.user):
            print(f"profil '{args.name}' tidak ada", file=sys.stderr)
            return 2
        print(f"Profil '{args.name}' dihapus.")
        return 0
    finally:
        con.close()


def _report(args, settings) -> int:
    if args.format == "xlsx" and not args.out:
        print("--out wajib untuk --format xlsx", file=sys.stderr)
        return 2
    opened = _open_writable(args.db, settings, create=False)
    if opened is None:
        return 2
    con, rules = opened
    try:
        return _report_on(con, rules, args)
    finally:
        con.close()  # again, after a database error (closing twice is harmless)


def _scope_of(con, rules, args):
    """The scope of a report or briefing command: its filters (--year, --provinsi, --instansi, --unor)
    with the access of --sebagai (without it: admin on the machine, all data), after bringing the
    summaries up to date; None after printing why the account cannot be used."""
    from analytics import accounts
    from analytics.filters import Scope

    try:
        akses = accounts.akses_of(con, args.sebagai) if args.sebagai else _mesin()
    except accounts.AuthError as exc:
        print(exc, file=sys.stderr)
        return None
    build.ensure_current(con, rules)
    return Scope(
        tahun=args.year, provinsi_kode=args.provinsi, instansi_id=args.instansi, unor_id=args.unor, akses=akses
    )


def _jalur() -> str:
    """The command line as an export's route, with the machine's user who ran it ('cli:budi')."""
    import getpass

    from analytics import ekspor

    return f"{ekspor.CLI}:{getpass.getuser()}"


def _mesin():
    """The machine's user as an admin with the full scope (a command without --sebagai)."""
    from dataclasses import replace

    from analytics import privacy

    return replace(privacy.PENUH, pengguna=_jalur())


def _oleh(args) -> str:
    return args.sebagai or _jalur()


def _report_on(con, rules, args) -> int:
    from analytics import ekspor, privacy
    from analytics.report import report_ipasn, report_jp, report_smart, stamp, write

    scope = _scope_of(con, rules, args)
    if scope is None:
        return 2
    try:
        if args.topic == "ipasn":
            df = report_ipasn(con, scope=scope, by=args.by, rules=rules)
        elif args.topic == "smart":
            df = report_smart(con, scope=scope, by=args.by)
        else:
            ref = dimensions.reference_date(con)
            df = report_jp(con, scope=scope, by=args.by, rules=rules, ref=ref, sampai=args.sampai_tanggal)
    except privacy.Forbidden as exc:
        print(f"{args.sebagai}: {exc}", file=sys.stderr)
        return 2
    ekspor.catat(con, scope, laporan=f"{args.topic}:{args.by}", baris=len(df), format=args.format, jalur=_jalur())
    # xlsx is for people: stamped in words, human headers (csv and json keep the column names)
    info = (
        stamp(con, scope.akses, scope, args.topic, len(df), tingkat=args.by, oleh=_oleh(args))
        if args.format == "xlsx"
        else None
    )
    con.close()
    data = write(df, args.format, args.out, info, tingkat=args.by)
    if data is not None:
        sys.stdout.write(data.decode("utf-8"))
    return 0


def _briefing(args, settings) -> int:
    """A briefing pack for one scope and year, as the dashboard's button makes it (same content,
    same writers), audited like every export."""
    from pathlib import Path

    from analytics import briefing, ekspor, privacy

    format = Path(args.out).suffix.lower().lstrip(".")
    if format not in briefing.FORMAT:
        print("--out harus berakhiran .pdf, .pptx atau .xlsx", file=sys.stderr)
        return 2
    opened = _open_writable(args.db, settings, create=False)
    if opened is None:
        return 2
    con, rules = opened
    try:
        scope = _scope_of(con, rules, args)
        if scope is None:
            return 2

        def kemajuan(bagian: float, teks: str) -> None:
            print(f"[{bagian * 100:3.0f}%] {teks}", file=sys.stderr)

        try:
            paket = briefing.isi(
                con, scope=scope, rules=rules, ref=dimensions.reference_date(con), oleh=_oleh(args), kemajuan=kemajuan
            )
        except privacy.Forbidden as exc:
            print(f"{args.sebagai}: {exc}", file=sys.stderr)
            return 2
        data = briefing.tulis(paket, format, kemajuan=kemajuan)
        ekspor.catat(con, scope, laporan="briefing", baris=paket.baris, format=format, jalur=_jalur())
    finally:
        con.close()
    Path(args.out).write_bytes(data)
    print(json.dumps({"out": args.out, "format": format, "bytes": len(data), "gambar": len(paket.gambar)}))
    return 0


def _export_parquet(args, settings) -> int:
    """Every curated and derived table as Parquet (accounts and the audit log never), audited."""
    from analytics import ekspor, publish
    from analytics.filters import Scope

    con = _open_current(args, settings)
    if con is None:
        return 2
    try:
        t = time.perf_counter()
        manifest = publish.export_parquet(con, args.folder)
        baris = sum(v["baris"] for v in manifest["tabel"].values())
        ekspor.catat(con, Scope(akses=_mesin()), laporan="parquet", baris=baris, format="parquet", jalur=_jalur())
    finally:
        con.close()
    print(
        json.dumps(
            {
                "folder": args.folder,
                "tabel": {k: v["baris"] for k, v in manifest["tabel"].items()},
                "detik": round(time.perf_counter() - t, 2),
            },
            ensure_ascii=False,
        )
    )
    return 0


def _user(args, settings) -> int:
    import getpass
    import os

    from analytics import accounts

    if args.action != "list" and not args.name:
        print("nama pengguna wajib", file=sys.stderr)
        return 2
    con = db.connect(args.db, memory_limit=settings.memory_limit, create=args.baru)

    def password() -> str:
        if args.password_env:
            return os.environ.get(args.password_env, "")
        first = getpass.getpass("Kata sandi: ")
        if getpass.getpass("Ulangi kata sandi: ") != first:
            raise accounts.AuthError("Kata sandi tidak sama.")
        return first

    try:
        if args.action == "list":
            print(accounts.users(con).to_string(index=False))
        elif args.action == "add":
            if not args.role:
                raise accounts.AuthError("--role wajib untuk add")
            accounts.add_user(
                con,
                args.name,
                None if args.sso and not args.password_env else password(),
                args.role,
                nasional=args.nasional,
                provinsi_kode=args.provinsi,
                instansi_ids=tuple(args.instansi),
                unor_ids=tuple(args.unor),
                sso=args.sso,
                oleh=f"cli:{getpass.getuser()}",
            )
            print(f"Pengguna {args.name} ({args.role}) dibuat.")
        elif args.action == "passwd":
            accounts.set_password(con, args.name, password(), oleh=f"cli:{getpass.getuser()}")
            print(f"Kata sandi {args.name} diganti.")
        else:
            accounts.set_active(con, args.name, args.action == "enable", oleh=f"cli:{getpass.getuser()}")
            print(f"Pengguna {args.name} {'diaktifkan' if args.action == 'enable' else 'dinonaktifkan'}.")
    except accounts.AuthError as exc:
        print(exc, file=sys.stderr)
        return 2
    finally:
        con.close()
    return 0


def _open_current(args, settings):
    """The existing database of --db with its summaries brought up to date (what an export publishes),
    or None after printing why the rules are unusable."""
    opened = _open_writable(args.db, settings, create=False)
    if opened is None:
        return None
    con, rules = opened
    try:
        build.ensure_current(con, rules)
    except BaseException:
        con.close()
        raise
    return con


def _open_writable(path: str, settings, *, create: bool):
    """(connection, rules) for a command that writes, or None after printing why the rules are unusable;
    database errors (db.KNOWN_ERRORS) propagate to main. `create`: make the database if it does not exist."""
    try:
        rules = load_rules(settings.rules_path)  # first: a broken rules file leaves no connection open
    except RulesError as exc:
        print(exc, file=sys.stderr)
        return None
    return db.connect(path, memory_limit=settings.memory_limit, create=create), rules
