"""The one filter object every analytics function takes, turned into SQL in one place.

Values always travel as bound parameters; column names come from this module only.
"""

from __future__ import annotations

from dataclasses import dataclass

from analytics.privacy import TANPA, Akses


@dataclass(frozen=True)
class Scope:
    """Which employees (and which year) a query is about. None means "all"."""

    tahun: int | None = None
    instansi_id: int | None = None
    provinsi_kode: str | None = None
    kabkota_kode: str | None = None
    unor_id: int | None = None  # the unit and every unit below it
    jenis_jabatan: str | None = None  # jpt | administrator | pengawas | fungsional | pelaksana
    jenis_pegawai: str | None = None  # PNS | PPPK
    # who asks: every condition is ANDed with what this user may see; none given, nothing (privacy.TANPA)
    akses: Akses = TANPA

    def where(self, alias: str = "p") -> tuple[str, dict[str, object]]:
        """SQL condition on the `pegawai` table aliased `alias`, with its named parameters."""
        if not alias.isidentifier():
            raise ValueError(f"alias tidak sah: {alias!r}")
        conds, params = ["TRUE"], {}
        simple = {
            "instansi_id": "instansi_id",
            "provinsi_kode": "provinsi_kode",
            "kabkota_kode": "kabkota_kode",
            "jenis_jabatan": "jenis_jabatan",
            "jenis_pegawai": "jenis_pegawai",
        }
        for field, column in simple.items():
            value = getattr(self, field)
            if value is not None:
                conds.append(f"{alias}.{column} = $f_{field}")
                params[f"f_{field}"] = value
        if self.unor_id is not None:
            conds.append(
                f"{alias}.unor_id IN (SELECT keturunan_id FROM unor_closure "  # noqa: S608
                "WHERE leluhur_id = $f_unor_id)"
            )
            params["f_unor_id"] = self.unor_id
        if not self.akses.nasional:
            if self.akses.kosong:
                conds.append("FALSE")  # mapped to no scope: sees nothing
            else:
                sub = "SELECT keturunan_id FROM unor_closure WHERE list_contains($a_unor, leluhur_id)"
                conds.append(
                    f"({alias}.provinsi_kode = $a_provinsi OR list_contains($a_instansi, {alias}.instansi_id) "
                    f"OR {alias}.unor_id IN ({sub}))"
                )
                params |= _akses_params(self.akses)
        return " AND ".join(conds), params


def _akses_params(akses: Akses) -> dict[str, object]:
    return {"a_provinsi": akses.provinsi_kode, "a_instansi": list(akses.instansi_ids), "a_unor": list(akses.unor_ids)}


def unor_where(akses: Akses, alias: str = "u") -> tuple[str, dict[str, object]]:
    """SQL condition on the `unor` table aliased `alias`: the units whose staff `akses` may see
    (for the filter choices; the data itself is limited by Scope.where)."""
    if not alias.isidentifier():
        raise ValueError(f"alias tidak sah: {alias!r}")
    if akses.nasional:
        return "TRUE", {}
    if akses.kosong:
        return "FALSE", {}
    sub = "SELECT keturunan_id FROM unor_closure WHERE list_contains($a_unor, leluhur_id)"
    return (
        f"(left({alias}.kabkota_kode, 2) = $a_provinsi OR list_contains($a_instansi, {alias}.instansi_id) "
        f"OR {alias}.id IN ({sub}))",
        _akses_params(akses),
    )
