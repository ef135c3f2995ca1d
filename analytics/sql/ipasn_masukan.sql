-- grain: one row per employee in post in measurement year $tahun (the jp_pegawai_tahun rows of $tahun) among
-- the key table (the keys_* conditions): the inputs of IP ASN as of $akhir (31 Dec of $tahun; the reference date in the running year).
-- Window for training and punishments: ($awal, $akhir], the look-back length ending on $akhir (ipasn.jendela):
-- whole years [$dari, $tahun], and in the running year also year $dari - 1 after its cut-off ($sisa: that
-- year less its _sd columns); SKP = the rating of $tahun, else of the latest year back to $tahun - $mundur;
-- leadership = the highest level completed by $akhir, at any time.
WITH lat AS (
    SELECT x.pegawai_key, max(t.tingkat) AS pim_punya
    FROM pengembangan x
    JOIN (SELECT unnest($lat_id) AS id, unnest($lat_tingkat) AS tingkat) t ON t.id = x.latihan_struktural_id
    WHERE x.jenis_diklat_id = $struktural AND coalesce(x.tanggal_selesai, x.tanggal_mulai) <= $akhir
      AND x.status IS NULL  -- records an agency has not approved count nowhere
      {keys_x}
    GROUP BY 1
),
dik AS (
    SELECT j.pegawai_key,
           sum(CASE WHEN j.tahun < $dari THEN j.jp_teknis - j.jp_teknis_sd ELSE j.jp_teknis END) AS jp_teknis,
           sum(CASE WHEN j.tahun < $dari THEN j.n_fungsional - j.n_fungsional_sd ELSE j.n_fungsional END) AS n_fungsional,
           sum(CASE WHEN j.tahun < $dari THEN j.n_seminar - j.n_seminar_sd ELSE j.n_seminar END) AS n_seminar
    FROM jp_pegawai_tahun j WHERE j.tahun BETWEEN $dari - $sisa::INT AND $tahun {keys_j}
    GROUP BY 1
),
kin AS (
    SELECT k.pegawai_key, arg_max(k.predikat_id, k.tahun) AS predikat_id, max(k.tahun) AS skp_tahun
    FROM skp k WHERE k.tahun BETWEEN $tahun - $mundur AND $tahun {keys_k}
    GROUP BY 1
),
dis AS (
    SELECT h.pegawai_key, max(CASE h.tingkat WHEN 'B' THEN 3 WHEN 'S' THEN 2 WHEN 'R' THEN 1 END) AS berat
    FROM hukdis h
    WHERE h.tanggal_mulai > $awal AND h.tanggal_mulai <= $akhir {keys_h}
    GROUP BY 1
)
SELECT p.pegawai_key, p.tahun, p.unor_id, p.instansi_id, p.provinsi_kode, p.kabkota_kode, p.jenis_jabatan,
       p.jenis_pegawai, p.jenis_kelamin, p.golongan_id, g.pendidikan_id,
       (CASE p.jenis_jabatan WHEN 'pengawas' THEN $pim_pengawas WHEN 'administrator' THEN $pim_administrator
             WHEN 'jpt' THEN CASE WHEN list_contains($eselon_madya, g.eselon_id) THEN $pim_jpt_madya ELSE $pim_jpt END
        END)::SMALLINT AS pim_perlu,
       l.pim_punya::SMALLINT AS pim_punya,
       coalesce(d.jp_teknis, 0) AS jp_teknis, coalesce(d.n_fungsional, 0)::INTEGER AS n_fungsional,
       coalesce(d.n_seminar, 0)::INTEGER AS n_seminar,
       k.predikat_id, k.skp_tahun, ['R', 'S', 'B'][s.berat] AS hukdis
FROM jp_pegawai_tahun p
JOIN pegawai g ON g.pegawai_key = p.pegawai_key
LEFT JOIN lat l ON l.pegawai_key = p.pegawai_key
LEFT JOIN dik d ON d.pegawai_key = p.pegawai_key
LEFT JOIN kin k ON k.pegawai_key = p.pegawai_key
LEFT JOIN dis s ON s.pegawai_key = p.pegawai_key
WHERE p.tahun = $tahun {keys_p}
