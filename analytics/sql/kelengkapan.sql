-- grain: one row (wide): employees in scope and how many have each key field filled;
-- SKP of $tahun_skp is expected from those in post before that year (skp has one row per
-- employee and year, so counting its rows counts employees)
WITH p AS (SELECT * FROM pegawai p WHERE {where}),
f AS (
    SELECT count(*) AS pegawai,
           count(tanggal_lahir) AS tanggal_lahir,
           count(pendidikan_id) AS pendidikan,
           count(golongan_id) AS golongan,
           count(jenis_jabatan) AS jenis_jabatan,
           count(unor_id) AS unor,
           count(kabkota_kode) AS lokasi_kerja,
           count(*) FILTER (WHERE year(tmt_cpns) < $tahun_skp) AS wajib_skp_tahun_lalu
    FROM p
)
SELECT f.*,
       (SELECT count(*) FROM skp s WHERE s.tahun = $tahun_skp AND s.pegawai_key IN
            (SELECT pegawai_key FROM p WHERE year(tmt_cpns) < $tahun_skp)) AS skp_tahun_lalu
FROM f
