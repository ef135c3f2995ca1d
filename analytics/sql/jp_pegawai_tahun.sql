-- grain: one row per employee of {keys} and year in [$dari, $sampai] in post by that year's end
-- (see the jp_pegawai_tahun table in schema.sql), from the credited records of jp_rekaman.sql
WITH rek AS ({rekaman}),
agg AS (
    SELECT pegawai_key, tahun, count(*) AS kegiatan, sum(klaim) AS jp_klaim, sum(jp) AS jp_total,
           coalesce(sum(jp) FILTER (WHERE kelas = '10'), 0) AS jp_10,
           coalesce(sum(jp) FILTER (WHERE kelas = '20'), 0) AS jp_20,
           coalesce(sum(jp) FILTER (WHERE kelas = '70'), 0) AS jp_70,
           sum(jp) FILTER (WHERE bulan = 1) AS jp_b1, sum(jp) FILTER (WHERE bulan = 2) AS jp_b2,
           sum(jp) FILTER (WHERE bulan = 3) AS jp_b3, sum(jp) FILTER (WHERE bulan = 4) AS jp_b4,
           sum(jp) FILTER (WHERE bulan = 5) AS jp_b5, sum(jp) FILTER (WHERE bulan = 6) AS jp_b6,
           sum(jp) FILTER (WHERE bulan = 7) AS jp_b7, sum(jp) FILTER (WHERE bulan = 8) AS jp_b8,
           sum(jp) FILTER (WHERE bulan = 9) AS jp_b9, sum(jp) FILTER (WHERE bulan = 10) AS jp_b10,
           sum(jp) FILTER (WHERE bulan = 11) AS jp_b11, sum(jp) FILTER (WHERE bulan = 12) AS jp_b12
    FROM rek
    GROUP BY ALL
),
tahun AS (SELECT range::SMALLINT AS tahun FROM range($dari::BIGINT, $sampai::BIGINT + 1))
SELECT p.pegawai_key, t.tahun, p.unor_id, p.instansi_id, p.provinsi_kode, p.kabkota_kode,
       p.jenis_jabatan, p.jenis_pegawai, p.jenis_kelamin, p.golongan_id,
       coalesce(a.kegiatan, 0), coalesce(a.jp_klaim, 0), coalesce(a.jp_total, 0),
       coalesce(a.jp_10, 0), coalesce(a.jp_20, 0), coalesce(a.jp_70, 0),
       a.jp_b1, a.jp_b2, a.jp_b3, a.jp_b4, a.jp_b5, a.jp_b6, a.jp_b7, a.jp_b8, a.jp_b9, a.jp_b10,
       a.jp_b11, a.jp_b12
FROM pegawai p
JOIN tahun t ON coalesce(year(p.tmt_cpns), 0) <= t.tahun
LEFT JOIN agg a ON a.pegawai_key = p.pegawai_key AND a.tahun = t.tahun
{pegawai_filter}
