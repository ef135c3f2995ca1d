"""What every section shares: a measurement and its target, timing and statistics, the run's context
(options, the database, its copies, the rules) and the four scopes the pages are measured for."""

from __future__ import annotations

import shutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FULL_EMPLOYEES = 6_000_000  # scale 1.0: the national dataset the targets are set for
GB = 1024**3


# --- a measurement ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A number with its unit (None: not measured)."""

    value: float | None
    unit: str = ""

    def __str__(self) -> str:
        v, u = self.value, self.unit
        if v is None:
            return "–"
        if u == "ms":
            text = f"{v:.2f}" if v < 10 else f"{v:.1f}" if v < 100 else f"{v:,.0f}"
        elif u == "s":
            text = f"{v:.3f}" if v < 1 else f"{v:.2f}" if v < 100 else f"{v:,.0f}"
        elif u in ("GiB", "×", "pages/s", "%"):
            text = f"{v:,.2f}" if u == "GiB" else f"{v:,.1f}"
        elif u == "MB":
            text = f"{v:,.0f}"
        else:  # counts, rows, rows/s
            text = f"{v:,.0f}"
        return f"{text} {u}".strip() if u not in ("×", "%") else f"{text}{u}"


@dataclass(frozen=True)
class Target:
    """`< limit` or `>= limit`, in the figure's unit."""

    op: str
    limit: float
    unit: str = ""

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value < self.limit if self.op == "<" else value >= self.limit

    def __str__(self) -> str:
        op = "≥" if self.op == ">=" else self.op
        return f"{op} {self.limit:g}{self.unit}" if self.unit in ("×", "%", "") else f"{op} {self.limit:g} {self.unit}"


def below(limit: float, unit: str) -> Target:
    return Target("<", limit, unit)


def at_least(limit: float, unit: str) -> Target:
    return Target(">=", limit, unit)


@dataclass
class Measurement:
    """One row of a section's table: the figure, its target, more columns (`extra`, some with their own
    target in `extra_targets`), and in which table of the section it goes."""

    section: str
    name: str
    figure: Figure
    target: Target | None = None
    extra: dict[str, Figure | str] = field(default_factory=dict)
    extra_targets: dict[str, Target] = field(default_factory=dict)
    table: str = ""
    note: str = ""

    def checks(self) -> list[tuple[Figure, Target]]:
        out = [(self.figure, self.target)] if self.target else []
        return out + [
            (self.extra[k], t) for k, t in self.extra_targets.items() if isinstance(self.extra.get(k), Figure)
        ]

    @property
    def met(self) -> bool | None:
        results = [t.met(f.value) for f, t in self.checks()]
        if not results or any(r is None for r in results):
            return None
        return all(results)

    def target_text(self) -> str:
        parts = [str(self.target)] if self.target else []
        return "; ".join(parts + [f"{k} {t}" for k, t in self.extra_targets.items()]) or "–"

    def as_dict(self) -> dict[str, Any]:
        def fig(f):
            return {"value": f.value, "unit": f.unit} if isinstance(f, Figure) else f

        return {
            "name": self.name,
            "table": self.table,
            "figure": fig(self.figure),
            "target": str(self.target) if self.target else None,
            "extra": {k: fig(v) for k, v in self.extra.items()},
            "extra_targets": {k: str(t) for k, t in self.extra_targets.items()},
            "met": self.met,
            "note": self.note,
        }


# --- timing ------------------------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call."""
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def p95(xs: list[float]) -> float:
    """The 95th percentile (inclusive method); with one value, that value."""
    xs = sorted(xs)
    return xs[0] if len(xs) == 1 else statistics.quantiles(xs, n=20, method="inclusive")[-1]


def ms(seconds: float | None) -> Figure:
    return Figure(None if seconds is None else seconds * 1000, "ms")


def secs(seconds: float | None) -> Figure:
    return Figure(seconds, "s")


# --- the run -------------------------------------------------------------------------------------------


@dataclass
class Context:
    """The options, the database measured, the temporary folder for copies and files, what the sections
    found (`results`, `notes`) and what one section leaves for another (`shared`)."""

    args: Any
    tmp: Path
    db_path: Path | None = None
    generated: bool = False
    results: list[Measurement] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)

    @property
    def scale(self) -> float:
        return self.args.scale

    @property
    def rules(self):
        if "rules" not in self.shared:
            from analytics.rules import load_rules
            from analytics.settings import load_settings

            self.shared["rules"] = load_rules(load_settings().rules_path)
        return self.shared["rules"]

    def add(self, m: Measurement) -> Measurement:
        self.results.append(m)
        print(
            f"  {m.section}: {m.name}: {m.figure}" + (f" (target {m.target_text()}, met {m.met})" if m.checks() else "")
        )
        return m

    def note(self, section: str, text: str) -> None:
        print(f"  {section}: {text}")
        self.notes.setdefault(section, []).append(text)

    def connect(self, path: Path | None = None, *, read_only: bool = True):
        """A connection with the app's memory limit (read-only by default: the measured DB stays as it is)."""
        from analytics import db
        from analytics.settings import load_settings

        return db.connect(path or self.db_path, read_only=read_only, memory_limit=load_settings().memory_limit)

    def copy_db(self, name: str) -> Path:
        """A copy of the measured database in the temporary folder, for a section that writes."""
        dest = self.tmp / f"{name}.duckdb"
        shutil.copy(self.db_path, dest)
        wal = Path(str(self.db_path) + ".wal")
        if wal.exists():
            shutil.copy(wal, str(dest) + ".wal")
        return dest

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """`make()` the first time `key` is asked for, the same value after."""
        if key not in self.shared:
            self.shared[key] = make()
        return self.shared[key]


# --- the scopes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cakupan:
    """One of the four scopes the pages are measured for: the Scope fields it sets and what it is."""

    label: str
    fields: dict[str, Any]
    what: str
    pegawai: int


def cakupan(ctx: Context) -> list[Cakupan]:
    """National, the largest province, the largest agency and one unit: the one whose subtree is
    closest to 3 000 employees at scale 1.0 (3 000 x scale here), not an agency's root unit."""
    return ctx.once("cakupan", lambda: _cakupan(ctx))


def _cakupan(ctx: Context) -> list[Cakupan]:
    con = ctx.connect()
    try:

        def one(sql: str, *params):
            return con.execute(sql, list(params)).fetchone()

        total = one("SELECT count(*) FROM pegawai")[0]
        prov, prov_nama, prov_n = one(
            """SELECT p.provinsi_kode, r.nama, count(*) FROM pegawai p JOIN provinsi r ON r.kode = p.provinsi_kode
               GROUP BY ALL ORDER BY 3 DESC, 1 LIMIT 1"""
        )
        inst, inst_nama, inst_n = one(
            """SELECT p.instansi_id, i.nama, count(*) FROM pegawai p JOIN instansi i ON i.id = p.instansi_id
               GROUP BY ALL ORDER BY 3 DESC, 1 LIMIT 1"""
        )
        unit, unit_inst, unit_nama, unit_n = one(
            """SELECT u.id, u.instansi_id, u.nama, count(*) AS n
               FROM unor u JOIN unor_closure c ON c.leluhur_id = u.id JOIN pegawai p ON p.unor_id = c.keturunan_id
               WHERE u.induk_id IS NOT NULL GROUP BY ALL ORDER BY abs(n - ?), n DESC, 1 LIMIT 1""",
            3000 * ctx.scale,
        )
    finally:
        con.close()
    return [
        Cakupan("nasional", {}, "all employees", total),
        Cakupan("provinsi", {"provinsi_kode": prov}, f"{prov} {prov_nama} (largest province)", prov_n),
        Cakupan("instansi", {"instansi_id": inst}, f"{inst} {inst_nama} (largest agency)", inst_n),
        Cakupan(
            "unit",
            {"instansi_id": unit_inst, "unor_id": unit},
            f"{unit} {unit_nama} (subtree nearest {3000 * ctx.scale:,.0f} employees)",
            unit_n,
        ),
    ]
