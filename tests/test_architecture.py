"""The layers of ARCHITECTURE.md, enforced on the imports of every module (read with ast, so a lazy
import inside a function counts too)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# analytics modules that only read (query functions, rules-derived constants, charts, words):
# they never reach up into building, importing, the demo or the CLI
READ = [
    "accounts", "audit", "charts", "charts_ipasn", "charts_jp", "charts_smart", "db", "dimensions", "explain",
    "filters", "fmt", "ipasn", "jp", "kolom", "nip", "options", "overview", "privacy", "queries", "reference",
    "report", "rules", "settings", "smart", "kalimat", "gambar", "wilayah", "charts_wilayah", "peta", "etiket",
    "peringkat", "ekspor",
]  # fmt: skip
ABOVE_READ = ("analytics.build", "analytics.importer", "analytics.demo", "analytics.cli", "analytics.imports")
# the bottom of the privacy stack: filters build on it, never the other way
BELOW_FILTERS = ["privacy", "dimensions", "fmt", "nip", "reference", "settings", "rules", "gerbang"]


def _imports(path: Path) -> list[str]:
    """Every module `path` imports (absolute names; `from a import b` gives a and a.b)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
            out += [f"{node.module}.{a.name}" for a in node.names]
    return out


def _names_imported(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.module or "", a.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for a in node.names
    ]


def _py(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def test_the_layers_exist_as_described():
    for folder in ("analytics", "analytics/build", "analytics/importer", "ui", "pages"):
        assert (ROOT / folder).is_dir(), folder
    assert (ROOT / "ARCHITECTURE.md").exists()
    for name in READ:
        assert (ROOT / "analytics" / f"{name}.py").exists() or (ROOT / "analytics" / name).is_dir(), name


@pytest.mark.parametrize("path", _py("analytics"), ids=_module)
def test_analytics_never_imports_streamlit_or_the_ui(path):
    bad = [m for m in _imports(path) if m.split(".")[0] in ("streamlit", "ui", "pages", "plotly_express")]
    assert not bad, f"{_module(path)} imports {bad}"


@pytest.mark.parametrize("name", READ)
def test_reading_modules_never_reach_up(name):
    path = ROOT / "analytics" / f"{name}.py"
    if not path.exists():
        path = ROOT / "analytics" / name / "__init__.py"
    bad = [m for m in _imports(path) if m.startswith(ABOVE_READ)]
    assert not bad, f"analytics.{name} imports {bad}: build, import and demo code sits above the query modules"


@pytest.mark.parametrize("name", BELOW_FILTERS)
def test_privacy_rules_sit_below_filters(name):
    path = ROOT / "analytics" / f"{name}.py"
    if not path.exists():
        path = ROOT / "analytics" / name / "__init__.py"
    bad = [m for m in _imports(path) if m.startswith(("analytics.filters", "analytics.queries", "analytics.accounts"))]
    assert not bad, f"analytics.{name} imports {bad}"


def test_domain_modules_use_privacy_not_accounts():
    for name in ("jp", "ipasn", "smart", "overview", "options", "report", "explain", "whatif", "filters"):
        mods = _imports(ROOT / "analytics" / f"{name}.py")
        assert not [m for m in mods if m.startswith("analytics.accounts")], name


@pytest.mark.parametrize("path", _py("analytics/briefing"), ids=_module)
def test_briefing_reads_like_a_page_and_writes_nothing(path):
    """The briefing pack is made from the read modules and chart builders (as the pages are), never from
    the build, the importer, the demo, the CLI or the accounts."""
    bad = [m for m in _imports(path) if m.startswith((*ABOVE_READ, "analytics.accounts"))]
    assert not bad, f"{_module(path)} imports {bad}"


@pytest.mark.parametrize("path", _py("analytics/build"), ids=_module)
def test_building_never_imports_import_demo_or_cli(path):
    bad = [m for m in _imports(path) if m.startswith(("analytics.importer", "analytics.demo", "analytics.cli"))]
    assert not bad, f"{_module(path)} imports {bad}"


@pytest.mark.parametrize("path", [*_py("pages"), ROOT / "app.py"], ids=_module)
def test_pages_import_only_the_ui_kit_and_public_analytics(path):
    """A page (and the router) imports streamlit, the standard library, pandas, the UI kit and the
    public face of analytics: top-level modules and packages, never a package's inner module, never the
    build, never a private name, never another page."""
    for mod, name in _names_imported(path):
        assert not name.startswith("_"), f"{_module(path)} imports private {mod}.{name}"
        assert mod != "pages", f"{_module(path)} imports from pages/ (shared code lives in ui/)"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        mods = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        mods += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        for mod in mods:
            if mod.split(".")[0] != "analytics":
                continue
            assert not mod.startswith("analytics.build"), f"{_module(path)} imports {mod}"
            # `from analytics.importer import x` takes the package's public face; deeper is its inside
            assert mod.count(".") <= 1, f"{_module(path)} reaches inside a package: {mod}"


@pytest.mark.parametrize("path", _py("ui"), ids=_module)
def test_ui_kit_never_imports_pages(path):
    bad = [m for m in _imports(path) if m.split(".")[0] == "pages"]
    assert not bad, f"{_module(path)} imports {bad}"


# the most lines a page may have: the longest page but one is 156 (smart_asn.py); a page past this
# holds widgets or logic that belong in ui/ or analytics/
PAGE_LIMIT = 160


@pytest.mark.parametrize("path", _py("pages"), ids=_module)
def test_no_page_over_the_line_limit(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= PAGE_LIMIT, f"{_module(path)}: {lines} lines > {PAGE_LIMIT} (move its parts into ui/)"


def test_pages_stay_small():
    """Pages read widgets -> one analytics call -> a chart or table: most under ~100 lines."""
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in _py("pages")}
    assert not [p for p in _py("pages") if p.name.startswith("_")], "shared page code lives in ui/"
    small = [n for n, s in sizes.items() if s <= 110]
    assert len(small) * 2 > len(sizes), sizes


def _placeholder_replaces(path: Path) -> list[int]:
    """The lines of `path` calling `.replace(...)` with a {placeholder} as what to replace (SQL filled
    by hand, past queries.splice's checks)."""

    def hole(arg: ast.expr) -> bool:
        if isinstance(arg, ast.Constant):
            return isinstance(arg.value, str) and "{" in arg.value
        return isinstance(arg, ast.JoinedStr) and any(hole(v) for v in arg.values if isinstance(v, ast.Constant))

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return sorted(
        {
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "replace"
            and node.args
            and hole(node.args[0])
        }
    )


OUTSIDE_QUERIES = [p for p in [*_py("analytics"), *_py("ui"), *_py("pages"), ROOT / "app.py"] if p.name != "queries.py"]


@pytest.mark.parametrize("path", OUTSIDE_QUERIES, ids=_module)
def test_sql_is_filled_only_by_splice(path):
    """SQL text is filled in analytics/queries.py alone (splice, and run_sql's scope condition), where
    what goes in is checked: never by str.replace elsewhere."""
    lines = _placeholder_replaces(path)
    assert not lines, f"{_module(path)} fills {{placeholders}} with str.replace on lines {lines}: use queries.splice"


def test_sql_splices_are_checked_in_one_place():
    """String-built SQL is rare: the exemptions from ruff's S608 stay few (each names why)."""
    count = sum(p.read_text(encoding="utf-8").count("noqa: S608") for p in [*_py("analytics"), *_py("ui")])
    assert count <= 20, count


def _scopes_without_access(path: Path) -> list[int]:
    """The lines of `path` that build a Scope without naming its access (`akses=`)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    return [
        node.lineno
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) == "Scope" or getattr(node.func, "attr", None) == "Scope")
        and not any(k.arg == "akses" for k in node.keywords)
        and "no access on purpose" not in lines[node.lineno - 1]
    ]


@pytest.mark.parametrize(
    "path", [*_py("analytics"), *_py("ui"), *_py("pages"), ROOT / "app.py", *_py("bench"), *_py("tests")], ids=_module
)
def test_every_scope_names_its_access(path):
    """A Scope without an access sees nothing (denied by default): the product, the benchmarks and the
    tests hand every one the access it is asked for, so none relies on that default."""
    lines = _scopes_without_access(path)
    assert not lines, f"{_module(path)}: Scope(...) without akses= on lines {lines}"
