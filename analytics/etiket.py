"""A group's name as plotly text: escaped (`aman`), as a short unique category label (`etiket`) and as
the hover's full name (`hover_nama`).

Plotly renders a subset of HTML in every text it draws (titles, tick labels, legends, hovers,
annotations), so a data value reaches a figure only through `aman`; a group's name reaches the
category axis only through `etiket` and its hover only through `hover_nama` as customdata (never
pasted into a hovertemplate, which would read '%{...}' in it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pandas as pd

from analytics import fmt


def aman(teks) -> str:
    """A data value as plain text for plotly: & < > escaped, so '<b>' is shown, not obeyed."""
    return str(teks).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _teks(value) -> str:
    return "" if fmt.kosong(value) else " ".join(str(value).split())


def _singkat(nama: str, maks: int) -> str:
    """`nama` in at most `maks` characters: its start and its end around '…', cut between words."""
    if len(nama) <= maks:
        return nama
    ruang = maks - 3  # " … "
    if ruang < 8:
        return nama[: maks - 1].rstrip() + "…"
    ekor_maks = ruang * 2 // 5
    kepala = nama[: ruang - ekor_maks]
    spasi = kepala.rfind(" ")
    if spasi >= len(kepala) // 2 and not nama[len(kepala)].isspace():
        kepala = kepala[:spasi]
    kepala = kepala.rstrip(" ,;:-·/(")
    ekor = nama[len(nama) - (maks - 3 - len(kepala)) :]
    if not nama[len(nama) - len(ekor) - 1].isspace():
        spasi = ekor.find(" ")
        if 0 <= spasi < len(ekor) // 2:
            ekor = ekor[spasi + 1 :]
    ekor = ekor.lstrip(" ,;:-·/)").rstrip()
    return f"{kepala} … {ekor}" if ekor else kepala + "…"


def _kata(kata: list[str], simpan: set[int]) -> str:
    """The words at the indices `simpan`, '…' where words are left out (at the end too)."""
    out: list[str] = []
    for i, k in enumerate(kata):
        if i in simpan:
            out.append(k)
        elif out and out[-1] != "…":
            out[-1] = out[-1].rstrip(",;:-·/(") or out[-1]
            out.append("…")
    return " ".join(out)


def _beda(kata: list[str], lain: list[list[str]]) -> set[int]:
    """The words of a name (`kata`) that tell it from the names `lain` it shares a label with: the
    first word where they part ('Kemenkeu' of 'Kantor Wilayah Kemenkeu Provinsi Bali' against
    'Kantor Wilayah Kemenag Provinsi Bali': the end they share is their parent's name), with the word
    before a bare number ('Wilayah II', not 'II'); or the last word when they part only at the end.
    None when its words are all in another name."""
    n = len(kata)
    awal = min(next((i for i, (a, b) in enumerate(zip(kata, o)) if a != b), min(n, len(o))) for o in lain)
    akhir = min(next((i for i, (a, b) in enumerate(zip(kata[::-1], o[::-1])) if a != b), min(n, len(o))) for o in lain)
    if awal >= n - akhir:
        return set()
    if akhir == 0:
        return {n - 1}
    return {awal - 1, awal} if awal > 0 and len(kata[awal]) <= 3 else {awal}


def _pilih_kata(nama: str, perlu: set[int], maks: int) -> str | None:
    """`nama` in at most `maks` characters keeping the words `perlu` and its first words (at least 8
    characters of it), then of its first and last words what reads best: the fewest gaps ('…'), the
    most characters, the longest start; None when the words `perlu` do not fit."""
    kata = nama.split()
    n, terbaik = len(kata), None
    for kepala in range(1, n + 1):
        if len(" ".join(kata[:kepala])) < min(8, len(nama)):
            continue
        for ekor in range(n - kepala + 1):
            label = _kata(kata, {*range(kepala), *perlu, *range(n - ekor, n)})
            mutu = (-label.count("…"), len(label), kepala)
            if len(label) <= maks and (terbaik is None or mutu > terbaik[0]):
                terbaik = (mutu, label)
    return terbaik and terbaik[1]


def etiket(
    df: pd.DataFrame, maks: int = 40, *, nama: str = "nama", kode: str | None = "kode", terpakai: Iterable[str] = ()
) -> list[str]:
    """One category label per row of `df`, escaped (`aman`), unique (also against the labels in
    `terpakai`), at most about `maks` characters: the name (or the code when there is none)
    shortened to its start and end. Names that would share a label keep instead the words that tell
    them apart and drop the words they share (siblings named '<their own part> <their parent's
    name>': 'Cabang Dinas Pendidikan Wilayah II …'); names that words cannot tell apart get the row's
    code (' · 1234'), then a counter (' (2)'). Plotly merges rows with the same category label, so
    every chart of groups labels its rows with this; the full name goes to the hover (`hover_nama`)."""
    kodes = [_teks(v) for v in df[kode]] if kode and kode in df else [""] * len(df)
    namas = [_teks(v) or k or "–" for v, k in zip(df[nama], kodes)]
    labels = [_singkat(n, maks) for n in namas]
    perlu: list[set[int]] = [set() for _ in namas]
    for _ in range(4):  # each round tells apart the names still sharing a label (parted by now, mostly)
        sama: dict[str, set[str]] = {}
        for label, n in zip(labels, namas):
            sama.setdefault(label, set()).add(n)
        bentrok = [i for i, label in enumerate(labels) if len(sama[label]) > 1]
        for i in bentrok:
            perlu[i] |= _beda(namas[i].split(), [o.split() for o in sama[labels[i]] if o != namas[i]])
        for i in bentrok:
            labels[i] = _pilih_kata(namas[i], perlu[i], maks) or labels[i]
    dipakai = Counter(labels) + Counter(terpakai)
    for i, (n, k) in enumerate(zip(namas, kodes)):
        if dipakai[labels[i]] > 1 and k and k != n:
            labels[i] = _singkat(n, max(maks - len(k) - 3, 8)) + f" · {k}"
    out: list[str] = []
    taken = set(terpakai)
    for label in labels:
        baru, nomor = label, 2
        while baru in taken:
            baru, nomor = f"{label} ({nomor})", nomor + 1
        taken.add(baru)
        out.append(aman(baru))
    return out


def hover_nama(df: pd.DataFrame, *, nama: str = "nama", kode: str | None = "kode") -> list[list[str]]:
    """Per row [full name, ' · code' (empty when there is no code or it is the name)], escaped: the
    customdata behind HOVER_KELOMPOK."""
    out = []
    for i in range(len(df)):
        k = _teks(df[kode].iloc[i]) if kode and kode in df else ""
        n = _teks(df[nama].iloc[i]) or k or "–"
        out.append([aman(n), f" · {aman(k)}" if k and k != n else ""])
    return out
