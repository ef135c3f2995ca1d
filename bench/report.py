"""The results: RESULTS.md (one table per section, with the machine, the code and the scale) and the same
measurements as JSON."""

from __future__ import annotations

import json
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bench.common import FULL_EMPLOYEES, ROOT, Context, Figure, Measurement

DETAILS_ROWS = 40  # a table longer than this is folded (<details>)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    run: object  # Callable[[Context], None]
    what: str


def _first(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def machine() -> dict[str, object]:
    import duckdb
    import streamlit

    mem = _first("/proc/meminfo", "MemTotal")
    return {
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem.split()[0]) / 1024**2, 1) if mem else None,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "streamlit": streamlit.__version__,
        "platform": platform.platform(),
    }


def git_state() -> dict[str, object]:
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    changed = [line for line in git("status", "--porcelain").splitlines() if line.strip()]
    return {"commit": git("rev-parse", "--short", "HEAD"), "dirty": bool(changed), "changed_files": len(changed)}


def meta(ctx: Context, argv: list[str]) -> dict[str, object]:
    employees = ctx.shared.get("employees")
    return {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "git": git_state(),
        "scale": ctx.scale,
        "employees": employees,
        "database": "generated in this run" if ctx.generated else str(ctx.db_path),
        "repeat": ctx.args.repeat,
        "load_average": {"start": ctx.shared.get("load_start"), "end": round(os.getloadavg()[0], 2)},
        "command": "python -m bench " + " ".join(argv),
    }


def _cell(v) -> str:
    return str(v).replace("|", "\\|").replace("\n", " ")


def _met(m: Measurement) -> str:
    return {True: "met", False: "**not met**", None: "–"}[m.met]


def table(rows: list[Measurement]) -> list[str]:
    extras = list(dict.fromkeys(k for m in rows for k in m.extra))
    notes = any(m.note for m in rows)
    head = ["Measurement", "Figure", "Target", "Met", *extras] + (["Note"] if notes else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for m in rows:
        cells = [m.name, m.figure, m.target_text(), _met(m), *(m.extra.get(k, "") for k in extras)]
        lines.append("| " + " | ".join(_cell(c) for c in cells + ([m.note] if notes else [])) + " |")
    if len(rows) > DETAILS_ROWS:
        missed = sum(m.met is False for m in rows)
        return ["<details>", f"<summary>{len(rows)} rows, {missed} not met</summary>", "", *lines, "", "</details>"]
    return lines


def markdown(ctx: Context, sections: list[Section], info: dict) -> str:
    mc, g, load = info["machine"], info["git"], info["load_average"]
    employees = info["employees"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{info['command']}` on {info['date']}. Suite and options: [README.md](README.md).",
        "",
        f"- **Machine**: {mc['cpu']}, {mc['cores']} cores, {mc['ram_gb']} GB RAM; {mc['platform']}",
        f"- **Software**: Python {mc['python']}, DuckDB {mc['duckdb']}, Streamlit {mc['streamlit']}",
        f"- **Code**: commit `{g['commit']}`"
        + (f", **working tree dirty** ({g['changed_files']} files changed or new)" if g["dirty"] else ", clean tree"),
        f"- **Scale**: {info['scale']} = {employees:,} employees" if employees else f"- **Scale**: {info['scale']}",
        f"- **Database**: {info['database']}; warm repeats: {info['repeat']}",
        f"- **Load average** (1 min): {load['start']} at the start, {load['end']} at the end, on {mc['cores']} cores "
        "(other work on the machine slows every figure)",
    ]
    if info["scale"] < 1:
        lines += [
            "",
            f"> **Measured at scale {info['scale']}, not at full scale.** Every target is set for the national "
            f"dataset of {FULL_EMPLOYEES:,} employees (scale 1.0); at this scale a figure that meets its target says "
            "nothing about full scale, and fixed costs weigh more (ratios against the naive way are smaller).",
        ]
    lines += ["", "| Section | Seconds |", "|---|---|"]
    lines += [f"| {s.title} | {Figure(ctx.seconds[s.key], 's')} |" for s in sections if s.key in ctx.seconds]
    for n, s in enumerate(sections, start=1):
        if s.key not in ctx.seconds:
            continue
        lines += ["", f"## {n}. {s.title}", "", f"{s.what} Measured at scale {info['scale']}.", ""]
        lines += [f"- {t}" for t in ctx.notes.get(s.key, [])]
        rows = [m for m in ctx.results if m.section == s.key]
        for name in dict.fromkeys(m.table for m in rows):
            lines += ["", f"### {name}", ""] if name else [""]
            lines += table([m for m in rows if m.table == name])
    return "\n".join(line for line in _squeeze(lines)) + "\n"


def _squeeze(lines: list[str]):
    """No two blank lines in a row."""
    blank = False
    for line in lines:
        if line == "" and blank:
            continue
        blank = line == ""
        yield line


def write(ctx: Context, sections: list[Section], argv: list[str], md: Path, js: Path) -> None:
    info = meta(ctx, argv)
    md.parent.mkdir(parents=True, exist_ok=True)
    md.write_text(markdown(ctx, sections, info), encoding="utf-8")
    data = {
        "meta": info,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "seconds": ctx.seconds[s.key],
                "notes": ctx.notes.get(s.key, []),
                "measurements": [m.as_dict() for m in ctx.results if m.section == s.key],
            }
            for s in sections
            if s.key in ctx.seconds
        ],
    }
    js.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {md} and {js}")
