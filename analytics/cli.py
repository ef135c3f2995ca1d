"""Command line: `python -m analytics COMMAND ...` (see README)."""

from __future__ import annotations

import argparse
import json
import sys
import time

from analytics import db
from analytics.rules import RulesError, load_rules
from analytics.settings import load_settings


def _parser() -> argparse.ArgumentParser:
    settings = load_settings()
    p = argparse.ArgumentParser(prog="python -m analytics", description="Dasbor Kesiapan Smart ASN: perintah baris.")
    sub = p.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="bangun basis data demo sintetis (menimpa berkas --db)")
    demo.add_argument("--employees", type=int, default=settings.demo_employees, help="jumlah pegawai")
    demo.add_argument("--seed", type=int, default=settings.demo_seed, help="seed acak")
    demo.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB")

    info = sub.add_parser("info", help="ringkasan isi basis data")
    info.add_argument("--db", default=str(settings.db_path), help="berkas DuckDB")

    rules = sub.add_parser("rules", help="periksa berkas aturan")
    rules.add_argument("path", nargs="?", default=str(settings.rules_path), help="berkas aturan TOML")
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    args = _parser().parse_args(argv)
    settings = load_settings()
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
    if args.command == "info":
        try:
            con = db.connect(args.db, read_only=True)
        except db.DatabaseLocked as exc:
            print(exc, file=sys.stderr)
            return 2
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
