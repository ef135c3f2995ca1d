-- grain: one row per competency-development record of the employees in <keys> (a table of
-- pegawai_key) ending in years [$dari, $sampai]: credited JP by the rules in aturan_jp; a record
-- counts in the year and month of its end date (start date when there is none). Coaching and
-- mentoring ("sesi") records of one rule group are capped per employee per calendar month of the
-- session, earliest sessions first. JP an agency's application already converted (jp_instansi) is credited
-- as given; records not approved there (status ditinjau, diperbaiki, ditolak) count nothing, nor do records
-- ending after the data's reference date $per (planned, not yet done).
WITH e AS (
    SELECT x.pegawai_key, x.jenis_diklat_id, x.tanggal_mulai,
           coalesce(x.tanggal_selesai, x.tanggal_mulai) AS akhir,
           date_diff('day', x.tanggal_mulai, coalesce(x.tanggal_selesai, x.tanggal_mulai)) + 1 AS hari,
           coalesce(x.jp_klaim, 0) AS klaim, CASE WHEN x.jp_instansi THEN 'klaim' ELSE a.cara END AS cara,
           a.jp_per_hari, a.jp_tetap, a.jp_per_sesi, a.maks_sesi, a.grup, a.kelas, a.slot_ipasn
    FROM pengembangan x
    JOIN aturan_jp a ON a.jenis = x.jenis_diklat_id
    WHERE coalesce(x.tanggal_selesai, x.tanggal_mulai) BETWEEN make_date($dari::BIGINT, 1, 1)
                                                          AND least(make_date($sampai::BIGINT, 12, 31), $per)
      AND x.status IS NULL
      {keys_filter}
),
biasa AS (
    SELECT pegawai_key, jenis_diklat_id, tanggal_mulai, akhir, hari, klaim, kelas, slot_ipasn,
           CASE cara WHEN 'klaim' THEN klaim
                     WHEN 'batas_harian' THEN least(klaim, jp_per_hari * hari)
                     WHEN 'tetap' THEN jp_tetap END AS jp
    FROM e WHERE cara <> 'sesi'
),
sesi AS (
    SELECT pegawai_key, jenis_diklat_id, tanggal_mulai, akhir, hari, klaim, kelas, slot_ipasn,
           CASE WHEN row_number() OVER (
                    PARTITION BY pegawai_key, grup, date_trunc('month', tanggal_mulai)
                    ORDER BY tanggal_mulai, jenis_diklat_id, klaim) <= maks_sesi
                THEN jp_per_sesi ELSE 0 END AS jp
    FROM e WHERE cara = 'sesi'
)
SELECT pegawai_key, jenis_diklat_id, tanggal_mulai, akhir, year(akhir) AS tahun, month(akhir) AS bulan,
       hari, klaim, kelas, slot_ipasn, jp
FROM biasa
UNION ALL
SELECT pegawai_key, jenis_diklat_id, tanggal_mulai, akhir, year(akhir), month(akhir), hari, klaim, kelas,
       slot_ipasn, jp
FROM sesi
