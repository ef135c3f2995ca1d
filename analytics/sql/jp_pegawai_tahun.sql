-- grain: one row per employee of <keys> in post in year $sampai (run once per year, with $dari = $sampai):
-- in post by the end of the year, or by the reference date $per in the running year
-- (see the jp_pegawai_tahun table in schema.sql), from the credited records of jp_rekaman.sql;
-- the monthly columns only when $bulanan (the running year, for its progress curve). An agency's annual total
-- (jp_rekap) counts when it is more than the credited records: jp_total is the larger, jp_rekap the difference;
-- the total has no date, so it is taken as of the year's last day (the reference date in the running year).
-- _sd columns: the same figures up to $batas, this year's day of the reference date (the like-for-like
-- comparison of a running year with the same date of other years); sd = in post by then.
-- _jp_kd (build.jp) holds the employees whose status the rules treat apart: kelas 'keluar' (out of the
-- 20 JP denominator: dihitung false) or 'kredit' ($jp_semester credited per semester begun, in no class).
WITH rek AS ({rekaman}),
agg AS (
    SELECT pegawai_key, tahun, count(*) AS kegiatan, sum(klaim) AS jp_klaim, sum(jp) AS jp_total,
           coalesce(sum(jp) FILTER (WHERE kelas = '10'), 0) AS jp_10,
           coalesce(sum(jp) FILTER (WHERE kelas = '20'), 0) AS jp_20,
           coalesce(sum(jp) FILTER (WHERE kelas = '70'), 0) AS jp_70,
           CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 1) END AS jp_b1, CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 2) END AS jp_b2,
           CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 3) END AS jp_b3, CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 4) END AS jp_b4,
           CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 5) END AS jp_b5, CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 6) END AS jp_b6,
           CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 7) END AS jp_b7, CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 8) END AS jp_b8,
           CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 9) END AS jp_b9, CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 10) END AS jp_b10,
           CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 11) END AS jp_b11, CASE WHEN $bulanan THEN sum(jp) FILTER (WHERE bulan = 12) END AS jp_b12,
           coalesce(sum(jp) FILTER (WHERE slot_ipasn = 'teknis'), 0) AS jp_teknis,
           count(*) FILTER (WHERE slot_ipasn = 'fungsional') AS n_fungsional,
           count(*) FILTER (WHERE slot_ipasn = 'seminar') AS n_seminar,
           count(*) FILTER (WHERE akhir <= $batas) AS kegiatan_sd,
           coalesce(sum(klaim) FILTER (WHERE akhir <= $batas), 0) AS jp_klaim_sd,
           coalesce(sum(jp) FILTER (WHERE akhir <= $batas), 0) AS jp_sd,
           coalesce(sum(jp) FILTER (WHERE akhir <= $batas AND slot_ipasn = 'teknis'), 0) AS jp_teknis_sd,
           count(*) FILTER (WHERE akhir <= $batas AND slot_ipasn = 'fungsional') AS n_fungsional_sd,
           count(*) FILTER (WHERE akhir <= $batas AND slot_ipasn = 'seminar') AS n_seminar_sd
    FROM rek
    GROUP BY ALL
),
t AS (
    SELECT p.pegawai_key, p.unor_id, p.instansi_id, p.provinsi_kode, p.kabkota_kode, p.jenis_jabatan,
           p.jenis_pegawai, p.jenis_kelamin, p.golongan_id, p.tmt_cpns, k.kode AS kedudukan_kode,
           k.kelas IS DISTINCT FROM 'keluar' AS dihitung,
           CASE WHEN k.kelas = 'kredit' THEN $jp_semester END AS semester,
           a.kegiatan, a.jp_klaim, a.jp_total, a.jp_10, a.jp_20, a.jp_70, a.jp_teknis, a.n_fungsional, a.n_seminar,
           a.jp_b1, a.jp_b2, a.jp_b3, a.jp_b4, a.jp_b5, a.jp_b6, a.jp_b7, a.jp_b8, a.jp_b9, a.jp_b10, a.jp_b11, a.jp_b12,
           a.kegiatan_sd, a.jp_klaim_sd, a.jp_sd, a.jp_teknis_sd, a.n_fungsional_sd, a.n_seminar_sd,
           r.jp_total AS rekap, r.jp_teknis AS rekap_teknis
    FROM pegawai p
    LEFT JOIN agg a ON a.pegawai_key = p.pegawai_key
    LEFT JOIN jp_rekap r ON r.pegawai_key = p.pegawai_key AND r.tahun = $sampai
    LEFT JOIN _jp_kd k ON k.pegawai_key = p.pegawai_key
    WHERE (p.tmt_cpns IS NULL OR p.tmt_cpns <= least(make_date($sampai::BIGINT, 12, 31), $per)) {pegawai_filter}
),
n AS (  -- the credited records or the agency's total, and the status's credit (semesters begun by then)
    SELECT *, greatest(coalesce(jp_total, 0), coalesce(rekap, 0)) AS dicatat,
           coalesce(semester * (1 + (month(least(make_date($sampai::BIGINT, 12, 31), $per)) >= 7)::INT), 0) AS kredit,
           coalesce(semester * (1 + (month($batas) >= 7)::INT), 0) AS kredit_sd
    FROM t
)
SELECT pegawai_key, $sampai::SMALLINT AS tahun, unor_id, instansi_id, provinsi_kode, kabkota_kode,
       jenis_jabatan, jenis_pegawai, jenis_kelamin, golongan_id,
       coalesce(kegiatan, 0), coalesce(jp_klaim, 0), dicatat + kredit,
       coalesce(jp_10, 0), coalesce(jp_20, 0), coalesce(jp_70, 0),
       -- a semester's credit in its first month (the running year's monthly columns only)
       CASE WHEN $bulanan AND kredit > 0 THEN coalesce(jp_b1, 0) + semester ELSE jp_b1 END, jp_b2, jp_b3, jp_b4,
       jp_b5, jp_b6, CASE WHEN $bulanan AND kredit > semester THEN coalesce(jp_b7, 0) + semester ELSE jp_b7 END,
       jp_b8, jp_b9, jp_b10, jp_b11, jp_b12,
       greatest(coalesce(jp_teknis, 0), coalesce(rekap_teknis, 0)),
       coalesce(n_fungsional, 0), coalesce(n_seminar, 0),
       greatest(coalesce(rekap, 0) - coalesce(jp_total, 0), 0),
       kedudukan_kode, dihitung, kredit,
       tmt_cpns IS NULL OR tmt_cpns <= $batas,
       -- the year's total to $batas: the undated agency total only once the year is whole by then
       CASE WHEN $batas >= least(make_date($sampai::BIGINT, 12, 31), $per) THEN dicatat ELSE coalesce(jp_sd, 0) END
           + kredit_sd,
       coalesce(kegiatan_sd, 0), coalesce(jp_klaim_sd, 0),
       CASE WHEN $batas >= least(make_date($sampai::BIGINT, 12, 31), $per)
            THEN greatest(coalesce(jp_teknis, 0), coalesce(rekap_teknis, 0)) ELSE coalesce(jp_teknis_sd, 0) END,
       coalesce(n_fungsional_sd, 0), coalesce(n_seminar_sd, 0)
FROM n
