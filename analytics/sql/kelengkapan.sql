-- grain: one row (wide): employees in scope and how many have each key field filled;
-- SKP of $tahun_skp is expected from those in post before that year
SELECT count(*) AS pegawai,
       count(p.tanggal_lahir) AS tanggal_lahir,
       count(p.pendidikan_id) AS pendidikan,
       count(p.golongan_id) AS golongan,
       count(p.jenis_jabatan) AS jenis_jabatan,
       count(p.unor_id) AS unor,
       count(p.kabkota_kode) AS lokasi_kerja,
       count(s.pegawai_key) FILTER (WHERE year(p.tmt_cpns) < $tahun_skp) AS skp_tahun_lalu,
       count(*) FILTER (WHERE year(p.tmt_cpns) < $tahun_skp) AS wajib_skp_tahun_lalu
FROM pegawai p
LEFT JOIN (SELECT DISTINCT pegawai_key FROM skp WHERE tahun = $tahun_skp) s USING (pegawai_key)
WHERE {where}
