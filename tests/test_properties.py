"""Properties over generated inputs (hypothesis).

Scope, on a small seeded demo database built once for this module: the employee count of any
filtered aggregate (20 JP, IP ASN, Smart ASN) is the number of summary rows the filters select
(counted here in pandas, with each unit's subtree taken from unor.induk_id) and the sum over the
groups of every level; a unit counts its own staff plus its sub-units', an agency its root units';
adding a filter never raises the employee count, total JP or any count of a subset.

IP ASN scoring (the rules' SQL, on generated input rows): better inputs never lower a point, the
total, completeness or the category.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from functools import cached_property

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics import db, dimensions, ipasn, jp, smart
from analytics.build.ipasn import score_params, score_sql
from analytics.demo import build_demo
from analytics.filters import Scope
from analytics.privacy import PENUH
from analytics.reference import JENJANG_URUT, PENDIDIKAN
from analytics.rules import JOB_TYPES, load_rules

RULES = load_rules()
EMPLOYEES, SEED = 1500, 11
FIELDS = ("instansi_id", "provinsi_kode", "kabkota_kode", "unor_id", "jenis_jabatan", "jenis_pegawai")
PROPERTY = settings(max_examples=50, deadline=None)


@dataclasses.dataclass
class World:
    """The database and, read back from it, the 20 JP summary rows and the unit tree."""

    con: object
    rows: pd.DataFrame  # jp_pegawai_tahun: one row per employee and year
    induk: dict[int, int | None]  # unit -> parent unit
    instansi: dict[int, int]  # unit -> agency

    @cached_property
    def children(self) -> dict[int, list[int]]:
        out = defaultdict(list)
        for unit, parent in self.induk.items():
            if parent is not None:
                out[parent].append(unit)
        return out

    def subtree(self, unit: int) -> set[int]:
        seen, todo = set(), [unit]
        while todo:
            u = todo.pop()
            seen.add(u)
            todo.extend(self.children[u])
        return seen

    def ancestors(self, unit: int) -> list[int]:
        out = [unit]
        while self.induk[out[-1]] is not None:
            out.append(self.induk[out[-1]])
        return out

    def selected(self, scope: Scope) -> pd.DataFrame:
        """The summary rows of scope.tahun matching the scope's filters (the oracle)."""
        r = self.rows[self.rows["tahun"] == scope.tahun]
        for f in FIELDS:
            value = getattr(scope, f)
            if value is not None:
                r = r[r["unor_id"].isin(self.subtree(value))] if f == "unor_id" else r[r[f] == value]
        return r


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = tmp_path_factory.mktemp("properties") / "p.duckdb"
    build_demo(path, employees=EMPLOYEES, seed=SEED)
    con = db.connect(path, read_only=True)
    rows = con.execute("SELECT * FROM jp_pegawai_tahun").df()
    units = con.execute("SELECT id, induk_id, instansi_id FROM unor").fetchall()
    yield World(con, rows, {u: p for u, p, _ in units}, {u: i for u, _, i in units})
    con.close()


# --- what each summary says about a scope -------------------------------------------------------

SUMMARIES = {
    "jp": lambda con, scope, by: jp.per_kelompok(con, scope=scope, rules=RULES, by=by, median=False),
    "ipasn": lambda con, scope, by: ipasn.per_kelompok(con, scope=scope, by=by),
    "smart": lambda con, scope, by: smart.per_kelompok(con, scope=scope, by=by),
}
# counts of a subset of the employees (each can only fall when the scope narrows)
COUNTS = {"jp": ["pegawai", "memenuhi"], "ipasn": ["pegawai", "lengkap", "sangat_tinggi"], "smart": ["pegawai", "siap"]}


def totals(world: World, name: str, scope: Scope, by: str = "nasional") -> dict[str, float]:
    """The summary's groups at level `by` summed: its COUNTS (and for 20 JP the total JP)."""
    df = SUMMARIES[name](world.con, scope, by)
    out = {c: int(df[c].sum()) for c in COUNTS[name]}
    if name == "jp":
        out["jp"] = float((df["rata_jp"] * df["pegawai"]).sum())
    return out


def employee(draw, rows: pd.DataFrame) -> pd.Series | None:
    """One of the summary rows `rows` (None when there is none)."""
    return rows.iloc[draw(st.integers(0, len(rows) - 1))] if len(rows) else None


def value(draw, world: World, field: str, row: pd.Series | None):
    """A filter value: that of the employee `row` (for the unit, one of its unit's ancestors) or,
    when None, any value of the column (the selection often empty then)."""
    if row is None:
        v = draw(st.sampled_from(sorted(world.rows[field].unique().tolist())))
    elif field == "unor_id":
        v = draw(st.sampled_from(world.ancestors(int(row[field]))))
    else:
        v = row[field]
    return int(v) if field.endswith("_id") else v


@st.composite
def scopes(draw, world: World, *, skip: tuple[str, ...] = ()) -> Scope:
    """A scope for a year the three summaries cover, each filter absent, that of one drawn employee
    (so the selection is rarely empty) or any value of its column."""
    tahun = draw(st.sampled_from(range(ipasn.first_year(RULES), dimensions.data_year(world.con) + 1)))
    anchor = employee(draw, world.rows[world.rows["tahun"] == tahun])
    filters = {}
    for f in FIELDS:
        how = "none" if f in skip else draw(st.sampled_from(["none"] * 4 + ["employee"] * 3 + ["any"]))
        if how != "none":
            filters[f] = value(draw, world, f, anchor if how == "employee" else None)
    return Scope(tahun=tahun, **filters, akses=PENUH)


@PROPERTY
@given(data=st.data())
def test_filtered_count_is_the_rows_selected_and_the_sum_of_any_level(world, data):
    scope = data.draw(scopes(world))
    by = data.draw(st.sampled_from(list(dimensions.LEVELS)))
    expected = world.selected(scope)
    counted = expected[expected["dihitung"]]  # 20 JP leaves out those whose status is not in service
    for name in SUMMARIES:
        nasional = totals(world, name, scope)
        assert nasional["pegawai"] == len(counted if name == "jp" else expected), (name, scope)
        if name == "jp" or by in dimensions.KELOMPOK:  # the group tables keep only these levels
            assert totals(world, name, scope, by) == pytest.approx(nasional), (name, scope, by)
    jp_nasional = totals(world, "jp", scope)
    expected = counted
    assert jp_nasional["jp"] == pytest.approx(expected["jp_total"].sum())
    target = (expected["jenis_pegawai"] == "PPPK").map({True: RULES.jp_threshold_pppk, False: RULES.jp_threshold})
    assert jp_nasional["memenuhi"] == int((expected["jp_total"] >= target).sum())


@PROPERTY
@given(data=st.data())
def test_unit_and_agency_are_the_sums_of_their_subtrees(world, data):
    scope = data.draw(scopes(world, skip=("unor_id", "instansi_id")))
    name = data.draw(st.sampled_from(sorted(SUMMARIES)))
    unit = value(data.draw, world, "unor_id", employee(data.draw, world.rows[world.rows["tahun"] == scope.tahun]))
    own = SUMMARIES[name](world.con, scope, "unor").set_index("kode")["pegawai"]  # each unit's own staff

    def count(**narrower) -> int:
        return totals(world, name, dataclasses.replace(scope, **narrower))["pegawai"]

    def staff(units) -> int:
        return int(sum(own.get(str(u), 0) for u in units))

    assert count(unor_id=unit) == staff(world.subtree(unit))
    assert count(unor_id=unit) == staff([unit]) + sum(count(unor_id=c) for c in world.children[unit])
    agency = world.instansi[unit]
    roots = [u for u, i in world.instansi.items() if i == agency and world.induk[u] is None]
    assert count(instansi_id=agency) == sum(count(unor_id=r) for r in roots)
    assert count(instansi_id=agency) == staff(u for u, i in world.instansi.items() if i == agency)


@PROPERTY
@given(data=st.data())
def test_narrowing_a_scope_never_raises_a_count(world, data):
    scope = data.draw(scopes(world))
    free = [f for f in FIELDS if getattr(scope, f) is None]
    if not free:
        return
    field = data.draw(st.sampled_from(free))
    # the value of an employee inside the scope (a proper, non-empty part), or any value
    inside = employee(data.draw, world.selected(scope)) if data.draw(st.booleans()) else None
    narrow = dataclasses.replace(scope, **{field: value(data.draw, world, field, inside)})
    for name in SUMMARIES:
        wide, small = totals(world, name, scope), totals(world, name, narrow)
        for k in wide:
            assert small[k] <= wide[k] + 1e-6, (name, k, scope, narrow)


# --- IP ASN: better inputs never lower a score --------------------------------------------------

# education from lowest to highest level (unknown first): by the public statistics' level groups,
# then SIASN's id, which numbers the levels upwards within a group
EDUCATION = [None, *sorted(PENDIDIKAN, key=lambda k: (JENJANG_URUT.index(PENDIDIKAN[k][1]), k))]
PREDIKAT = [None, 5, 4, 3, 2, 1]  # no SKP rating, then Sangat Kurang .. Sangat Baik
HUKDIS = ["B", "S", "R", None]  # heaviest punishment first, none last
PIM = [None, 2, 3, 4, 5]  # none, PIM IV .. PIM I
JP = st.one_of(st.sampled_from([0.0, 19.5, 20.0, 20.5]), st.floats(0, 80, allow_nan=False))


def better(draw, order: list, base):
    """A value of `order` at or after `base`."""
    return draw(st.sampled_from(order[order.index(base) :]))


@st.composite
def improved_pairs(draw):
    """(base, improved) input rows of one post: every input of the second at least as good."""
    base = {
        "jenis_jabatan": draw(st.sampled_from([*JOB_TYPES, None])),
        "pim_perlu": draw(st.sampled_from(PIM)),
        "pendidikan_id": draw(st.sampled_from(EDUCATION)),
        "pim_punya": draw(st.sampled_from(PIM)),
        "jp_teknis": draw(JP),
        "n_fungsional": draw(st.integers(0, 3)),
        "n_seminar": draw(st.integers(0, 3)),
        "predikat_id": draw(st.sampled_from(PREDIKAT)),
        "hukdis": draw(st.sampled_from(HUKDIS)),
    }
    up = dict(base)
    for field in draw(st.sets(st.sampled_from(list(base)[2:]), min_size=1)):
        if field == "pendidikan_id":
            up[field] = better(draw, EDUCATION, base[field])
        elif field == "pim_punya":
            up[field] = better(draw, PIM, base[field])
        elif field == "jp_teknis":
            up[field] = base[field] + draw(JP)
        elif field in ("n_fungsional", "n_seminar"):
            up[field] = base[field] + draw(st.integers(0, 3))
        elif field == "predikat_id":
            up[field] = better(draw, PREDIKAT, base[field])
        else:
            up[field] = better(draw, HUKDIS, base[field])
    return base, up


def scored(con, inputs: list[dict]) -> pd.DataFrame:
    """The scoring SQL over generated input rows (typed as ipasn_pegawai_tahun types them)."""
    frame = pd.DataFrame(inputs).astype(
        {
            "jenis_jabatan": "string", "pim_perlu": "Int16", "pendidikan_id": "Int16", "pim_punya": "Int16",
            "jp_teknis": "float64", "n_fungsional": "int32", "n_seminar": "int32", "predikat_id": "Int16",
            "hukdis": "string",
        }
    )  # fmt: skip
    frame["nomor"] = range(len(frame))
    cur = con.cursor()
    try:
        cur.register("_masukan", frame)
        return cur.execute(score_sql("SELECT * FROM _masukan") + " ORDER BY nomor", score_params(RULES)).df()
    finally:
        cur.close()


def rank(kategori: pd.Series) -> pd.Series:
    """Categories as numbers, higher is better; none (an incomplete record) lowest."""
    return kategori.map(dict(zip(ipasn.KATEGORI, range(len(ipasn.KATEGORI), 0, -1)))).fillna(0)


POINTS = ["kualifikasi", "kompetensi", "kinerja", "disiplin", "total"]
SLOTS = list(ipasn.SLOT)  # slot points mean something only for a known job type (else no kompetensi)


@pytest.fixture(scope="module")
def empty():
    c = db.connect(":memory:")
    yield c
    c.close()


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(improved_pairs(), min_size=1, max_size=25))
def test_better_inputs_never_lower_an_ipasn_score(empty, pairs):
    out = scored(empty, [row for pair in pairs for row in pair])
    base, up = out.iloc[0::2].reset_index(drop=True), out.iloc[1::2].reset_index(drop=True)
    known = base["jenis_jabatan"].notna()
    for c in POINTS + SLOTS:
        worse = base[c].fillna(-1) > up[c].fillna(-1)  # no points at all (unknown) below zero points
        if c in SLOTS:
            worse &= known
        assert not worse.any(), (c, base[worse].to_dict("records"), up[worse].to_dict("records"))
    assert not (base["lengkap"] & ~up["lengkap"]).any()
    lower = rank(base["kategori"]) > rank(up["kategori"])
    assert not lower.any(), (base[lower].to_dict("records"), up[lower].to_dict("records"))
