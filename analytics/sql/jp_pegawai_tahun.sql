-- grain: one row per employee of <keys> in post by the end of year $sampai (run once per year,
-- with $dari = $sampai)
-- (see the jp_pegawai_tahun table in schema.sql), from the credited records of jp_rekaman.sql;
-- the monthly columns only when $bulanan (the running year, for its progress curve). An agency's annual total
-- (jp_rekap) counts when it is more than the credited records: jp_total is the larger, jp_rekap the difference
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
           count(*) FILTER (WHERE slot_ipasn = 'seminar') AS n_seminar
    FROM rek
    GROUP BY ALL
)
SELECT p.pegawai_key, $sampai::SMALLINT AS tahun, p.unor_id, p.instansi_id, p.provinsi_kode, p.kabkota_kode,
       p.jenis_jabatan, p.jenis_pegawai, p.jenis_kelamin, p.golongan_id,
       coalesce(a.kegiatan, 0), coalesce(a.jp_klaim, 0), greatest(coalesce(a.jp_total, 0), coalesce(r.jp_total, 0)),
       coalesce(a.jp_10, 0), coalesce(a.jp_20, 0), coalesce(a.jp_70, 0),
       a.jp_b1, a.jp_b2, a.jp_b3, a.jp_b4, a.jp_b5, a.jp_b6, a.jp_b7, a.jp_b8, a.jp_b9, a.jp_b10,
       a.jp_b11, a.jp_b12, greatest(coalesce(a.jp_teknis, 0), coalesce(r.jp_teknis, 0)),
       coalesce(a.n_fungsional, 0), coalesce(a.n_seminar, 0),
       greatest(coalesce(r.jp_total, 0) - coalesce(a.jp_total, 0), 0)
FROM pegawai p
LEFT JOIN agg a ON a.pegawai_key = p.pegawai_key
LEFT JOIN jp_rekap r ON r.pegawai_key = p.pegawai_key AND r.tahun = $sampai
WHERE coalesce(year(p.tmt_cpns), 0) <= $sampai {pegawai_filter}
