"""An import while people look, in a real browser: five signed-in sessions keep re-running the Ringkasan
page while an admin imports a few hundred new employees on the Impor page. Every run a session finishes
shows one data version: the sidebar's "versi data ..." and the employee count on the same page belong
together (analytics.gerbang: app.py holds the gate around the sidebar and the page, the import's COMMIT
waits for the runs in progress), and the sessions see the new data once the import is done."""

from __future__ import annotations

import re
import time

import pytest

from tests import conftest
from tests.real_shapes import people, siasn_export_asn_pipe_csv
from tests.test_browser import grid_rows, open_page, screenshot, wait_ready

pytestmark = pytest.mark.browser
# conftest's server, but this module's own (its own copy of the demo database): the import changes the
# data and switches the demo accounts off, which the other browser tests must not see
server = pytest.fixture(scope="module", name="server")(conftest.server.__wrapped__)

SESSIONS = 5
NEW_EMPLOYEES = 300
ROUNDS_AFTER = 2  # runs of every session asked for once the import is done
DEADLINE = 50  # seconds for the runs before, during and after the import

# installed once per page: counts the runs that ended (stApp's script state turning notRunning)
COUNT_RUNS = """() => {
    const app = document.querySelector('[data-testid=stApp]');
    window.__runs = 0;
    new MutationObserver(() => {
        if (app.dataset.testScriptState === 'notRunning') window.__runs++;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
RAN = """() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'
    && [...document.querySelectorAll('[data-testid=stMetric]')].some(m => m.innerText.includes('Jumlah pegawai'))"""
# what a finished run shows, read in one go (null while the run asked for has not ended): its data version,
# its employee count, every KPI card (from the top of the page to its Smart ASN cards), any error
READ_IF_ENDED = """n => {
    const app = document.querySelector('[data-testid=stApp]');
    if (!(window.__runs > n && app.dataset.testScriptState === 'notRunning')) return null;
    const side = document.querySelector('[data-testid=stSidebar]')?.innerText ?? '';
    const versi = side.match(/versi data (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d)/);
    const kpi = [...document.querySelectorAll('[data-testid=stMetric]')]
        .find(m => m.innerText.includes('Jumlah pegawai'));
    return {
        state: app.dataset.testScriptState,
        versi: versi ? versi[1] : null,
        pegawai: kpi ? kpi.querySelector('[data-testid=stMetricValue]').innerText : null,
        kartu: [...document.querySelectorAll('[data-testid=stMetric]')].map(m => m.innerText.replace(/\\s+/g, ' ')),
        exceptions: [...document.querySelectorAll('[data-testid=stException]')].map(e => e.innerText),
        errors: [...document.querySelectorAll('[data-testid=stAlertContentError]')].map(e => e.innerText),
        text: document.body.innerText,
    };
}"""
ERROR_WORDS = re.compile(r"Traceback|Exception|Error|galat", re.IGNORECASE)


def employees_file(folder):
    """A SIASN "Export Data ASN" file of NEW_EMPLOYEES people not in the demo."""
    fit = [p for p in people(NEW_EMPLOYEES + 60) if (p.tmt_cpns - p.tgl_lahir).days >= 18 * 366]
    name, data = siasn_export_asn_pipe_csv(fit[:NEW_EMPLOYEES])
    path = folder / name
    path.write_bytes(data)
    return path


def differing(sets: set[tuple[str, ...]]) -> list[set[str]]:
    """The cards that are not the same in every one of `sets` (each a page's KPI cards, top to bottom)."""
    return [set(c) for c in zip(*sets) if len(set(c)) > 1]


def rerun(page) -> int:
    """Ask the page's session to run again (Streamlit's R key); returns the runs ended before."""
    n = page.evaluate("() => window.__runs")
    page.locator("body").press("r")
    return n


def test_sessions_see_one_data_version_while_an_admin_imports(browser, server, tmp_path):
    path = employees_file(tmp_path)
    readers = []
    for _ in range(SESSIONS):
        page, outside = open_page(browser, server, user="pimpinan.uji")
        readers.append((page, outside))
    admin, admin_outside = open_page(browser, server + "/impor")  # the deep link opens it after the login
    for page, _ in readers:
        page.wait_for_function(RAN, timeout=60_000)
        page.evaluate(COUNT_RUNS)
    admin.get_by_role("heading", name="Impor data").wait_for(timeout=60_000)
    admin.wait_for_selector('[data-testid="stFileUploaderDropzone"]', timeout=60_000)
    admin.locator('input[type="file"]').set_input_files([str(path)])
    admin.wait_for_function(
        "document.querySelectorAll('[data-testid=stFileChip]').length === 1"
        " && !document.querySelector('[data-testid=stFileChipIconSpinner]')",
        timeout=30_000,
    )
    admin.get_by_text("Saya mengerti: akun demo dinonaktifkan saat impor ini.").click()
    admin.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'", timeout=30_000
    )

    seen: list[tuple[int, dict]] = []  # (session, what one of its finished runs showed), in order
    pending = [rerun(page) for page, _ in readers]  # per session: the runs ended when it was last asked

    def keep_rerunning(until, *, then: int) -> None:
        """Rerun every session as soon as its run ends (its page read first) until until() holds and each
        session has had `then` more runs, asked for after it held."""
        after = None  # per session: its runs read since until() held (the first may be one asked before)
        while after is None or min(after) <= then:
            if after is None and until():
                after = [0] * SESSIONS
            for i, (page, _) in enumerate(readers):
                shown = page.evaluate(READ_IF_ENDED, pending[i])
                if shown is not None:
                    seen.append((i, shown))
                    pending[i] = rerun(page)
                    if after is not None:
                        after[i] += 1
            assert time.monotonic() < deadline, f"no end in sight: {after}, import done: {done.count() > 0}"
            time.sleep(0.05)

    deadline = time.monotonic() + DEADLINE
    done = admin.get_by_role("heading", name="Hasil impor")
    keep_rerunning(lambda: True, then=0)  # a run of each session on the old data
    before = len(seen)
    admin.get_by_role("button", name="Impor", exact=True).click()
    keep_rerunning(lambda: done.count() > 0, then=ROUNDS_AFTER)
    during = len(seen) - before

    # the import succeeded: every row loaded, nothing refused
    admin.wait_for_function(
        "() => document.querySelector('[data-testid=stApp]')?.dataset.testScriptState === 'notRunning'", timeout=30_000
    )
    result = dict(zip(*grid_rows(admin.locator('[data-testid="stDataFrame"]').first)))
    assert (result["Dimuat"], result["Ditolak"]) == (str(NEW_EMPLOYEES), "0"), result
    assert admin.locator('[data-testid="stException"]').count() == 0

    for i, s in seen:
        assert s["state"] == "notRunning", (i, s["state"])
        assert not s["exceptions"] and not s["errors"], (i, s["exceptions"], s["errors"])
        assert not ERROR_WORDS.search(s["text"]), (i, ERROR_WORDS.search(s["text"]).group(0), s["text"][:2000])
        assert s["versi"] and s["pegawai"], (i, s["versi"], s["pegawai"])
    per_version: dict[str, set[str]] = {}
    for _, s in seen:
        per_version.setdefault(s["versi"], set()).add(s["pegawai"])
    assert all(len(v) == 1 for v in per_version.values()), f"a version shown with two counts: {per_version}"
    cards: dict[str, set[tuple[str, ...]]] = {}  # the same for every KPI card of the page (the later ones
    for _, s in seen:  # come from calls made after the sidebar's stamp: a wider window for a mix)
        cards.setdefault(s["versi"], set()).add(tuple(s["kartu"]))
    mixed = {v: differing(sets) for v, sets in cards.items() if len(sets) > 1}
    assert not mixed, f"a version shown with two sets of KPI cards (the cards that differ): {mixed}"
    assert len(per_version) == 2, f"not the old and the new version: {per_version}"
    old, new = sorted(per_version)  # the demo's build, then the import (timestamps sort)
    angka = {old: conftest.DEMO_EMPLOYEES, new: conftest.DEMO_EMPLOYEES + NEW_EMPLOYEES}
    assert per_version == {v: {f"{n:,}".replace(",", ".")} for v, n in angka.items()}, per_version
    last = {i: s["versi"] for i, s in seen}  # each session's last run
    assert last == dict.fromkeys(range(SESSIONS), new), last  # every session has the new data by the end
    print(
        f"\n{len(seen)} runs read ({during} after the click on Impor): "
        + ", ".join(f"{v} -> {min(n)} ({sum(s['versi'] == v for _, s in seen)}x)" for v, n in per_version.items())
    )
    page = readers[0][0]
    wait_ready(page, charts=7)
    screenshot(page, "konkurensi_ringkasan_sesudah_impor")
    assert all(outside == [] for _, outside in readers) and admin_outside == []
    for page, _ in readers:
        page.close()
    admin.close()
