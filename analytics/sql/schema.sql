-- Smart ASN database schema. Applied on every connect; every statement is idempotent.
-- Bump SCHEMA_VERSION in analytics/db.py when a table changes shape.

CREATE TABLE IF NOT EXISTS schema_info (versi INTEGER NOT NULL, diterapkan TIMESTAMP NOT NULL);
-- Key/value facts about the loaded data: data_per (reference date), sumber (demo|impor), ...
CREATE TABLE IF NOT EXISTS meta (kunci VARCHAR PRIMARY KEY, nilai VARCHAR NOT NULL);

-- Reference: regions (Kepmendagri 2025 codes) ---------------------------------------------
-- one row per province
CREATE TABLE IF NOT EXISTS provinsi (kode VARCHAR PRIMARY KEY, nama VARCHAR NOT NULL);
-- one row per kabupaten/kota; kode 'PP.KK', KK < 70 kabupaten, >= 70 kota
CREATE TABLE IF NOT EXISTS kabkota (
    kode VARCHAR PRIMARY KEY, provinsi_kode VARCHAR NOT NULL, nama VARCHAR NOT NULL,
    jenis VARCHAR NOT NULL
);

-- Reference: code lists (analytics/reference.py) ------------------------------------------
CREATE TABLE IF NOT EXISTS ref_golongan (id SMALLINT PRIMARY KEY, nama VARCHAR, jenis_pegawai VARCHAR);
CREATE TABLE IF NOT EXISTS ref_pendidikan (id SMALLINT PRIMARY KEY, nama VARCHAR, jenjang VARCHAR);
CREATE TABLE IF NOT EXISTS ref_jenis_diklat (id SMALLINT PRIMARY KEY, nama VARCHAR, klasikal BOOLEAN);
CREATE TABLE IF NOT EXISTS ref_jenis_jabatan (kode VARCHAR PRIMARY KEY, nama VARCHAR, siasn_id SMALLINT);
CREATE TABLE IF NOT EXISTS ref_eselon (id SMALLINT PRIMARY KEY, nama VARCHAR, jenis_jabatan VARCHAR);
CREATE TABLE IF NOT EXISTS ref_latihan_struktural (id SMALLINT PRIMARY KEY, nama VARCHAR);
-- nama_siasn: the name as SIASN's reference list spells it (matched on import beside nama)
CREATE TABLE IF NOT EXISTS ref_jenis_hukuman (
    id SMALLINT PRIMARY KEY, nama VARCHAR, tingkat VARCHAR, nama_siasn VARCHAR
);
CREATE TABLE IF NOT EXISTS ref_predikat_kinerja (id SMALLINT PRIMARY KEY, nama VARCHAR);
CREATE TABLE IF NOT EXISTS ref_kedudukan (id VARCHAR PRIMARY KEY, nama VARCHAR);

-- Organisation -----------------------------------------------------------------------------
-- one row per agency; jenis: pusat | provinsi | kabkota
CREATE TABLE IF NOT EXISTS instansi (
    id INTEGER PRIMARY KEY, nama VARCHAR NOT NULL, jenis VARCHAR NOT NULL,
    provinsi_kode VARCHAR, kabkota_kode VARCHAR
);
-- one row per work unit; a tree per instansi through induk_id (NULL at the root)
CREATE TABLE IF NOT EXISTS unor (
    id INTEGER PRIMARY KEY, siasn_id VARCHAR, nama VARCHAR NOT NULL, instansi_id INTEGER NOT NULL,
    induk_id INTEGER, tingkat SMALLINT NOT NULL, kabkota_kode VARCHAR
);
-- derived: one row per (ancestor, descendant) pair, a unit is its own ancestor at jarak 0
CREATE TABLE IF NOT EXISTS unor_closure (
    leluhur_id INTEGER NOT NULL, keturunan_id INTEGER NOT NULL, jarak SMALLINT NOT NULL
);

-- People -----------------------------------------------------------------------------------
-- one row per employee (current snapshot). pegawai_key is the compact join key; nip is text.
-- tmt_cpns holds TMT CPNS for PNS and TMT PPPK for PPPK.
-- Both keys are unique; the loaders guarantee it and tests check it (a DuckDB index would cost
-- ~6 s per million rows on bulk loads).
CREATE TABLE IF NOT EXISTS pegawai (
    pegawai_key INTEGER NOT NULL,
    nip VARCHAR NOT NULL,
    nama VARCHAR,
    tanggal_lahir DATE,
    jenis_kelamin VARCHAR,          -- L | P
    jenis_pegawai VARCHAR NOT NULL, -- PNS | PPPK
    tmt_cpns DATE,
    golongan_id SMALLINT,
    jenis_jabatan VARCHAR,          -- ref_jenis_jabatan.kode
    eselon_id SMALLINT,
    jabatan_nama VARCHAR,
    pendidikan_id SMALLINT,
    unor_id INTEGER,
    instansi_id INTEGER,
    kabkota_kode VARCHAR,           -- lokasi kerja
    provinsi_kode VARCHAR,
    kedudukan VARCHAR,              -- kedudukan hukum: Aktif, Tugas Belajar, CLTN, ...
    import_id INTEGER,
    pns_id VARCHAR,                 -- SIASN's person id (32 hex, lower case): history rows may carry only it
    turunan VARCHAR                 -- fields not in the file but derived, e.g. 'tanggal_lahir,jenis_kelamin' (from the NIP)
);

-- one row per competency-development activity of one employee (SIASN riwayat kursus/diklat)
CREATE TABLE IF NOT EXISTS pengembangan (
    pegawai_key INTEGER NOT NULL,
    jenis_diklat_id SMALLINT NOT NULL,
    nama VARCHAR,
    penyelenggara VARCHAR,
    tanggal_mulai DATE NOT NULL,
    tanggal_selesai DATE,
    jp_klaim DOUBLE,
    no_sertifikat VARCHAR,
    latihan_struktural_id SMALLINT,
    import_id INTEGER,
    status VARCHAR,                 -- NULL or 'disetujui' count; 'ditinjau' | 'diperbaiki' | 'ditolak' are kept, not counted
    jp_instansi BOOLEAN             -- TRUE: jp_klaim is already converted by the agency's own table (credited as given)
);

-- one row per employee and year: JP totals from an agency's own 20 JP application ("rekap JP per pegawai"),
-- for agencies that have only totals. jp_total counts toward 20 JP; the parts are the agency's own split
-- (manajerial, teknis, fungsional), not the 10:20:70 classes
CREATE TABLE IF NOT EXISTS jp_rekap (
    pegawai_key INTEGER NOT NULL, tahun SMALLINT NOT NULL, jp_total DOUBLE NOT NULL,
    jp_manajerial DOUBLE, jp_teknis DOUBLE, jp_fungsional DOUBLE, sumber VARCHAR, import_id INTEGER
);

-- one row per employee and year; predikat_id unifies kuadranKinerja (2022+) and nilai_skp bands
CREATE TABLE IF NOT EXISTS skp (
    pegawai_key INTEGER NOT NULL, tahun SMALLINT NOT NULL, nilai_skp DOUBLE,
    kuadran_id SMALLINT, predikat_id SMALLINT NOT NULL, import_id INTEGER,
    nilai_prestasi DOUBLE  -- PP 46/2011 nilai prestasi kerja (SKP + perilaku): the rating comes from it when given
);

-- one row per disciplinary punishment
CREATE TABLE IF NOT EXISTS hukdis (
    pegawai_key INTEGER NOT NULL, jenis_hukuman_id SMALLINT, tingkat VARCHAR NOT NULL,
    tanggal_mulai DATE NOT NULL, tanggal_selesai DATE, import_id INTEGER
);

-- Smart ASN indicators ---------------------------------------------------------------------
-- one row per foreign-language test taken (score on the test's own scale)
CREATE TABLE IF NOT EXISTS bahasa (
    pegawai_key INTEGER NOT NULL, tes VARCHAR NOT NULL, bahasa VARCHAR NOT NULL,
    skor DOUBLE NOT NULL, tanggal DATE NOT NULL, import_id INTEGER,
    skala_maks DOUBLE  -- stated maximum for tests other than TOEFL ITP/iBT, IELTS, TOEIC
);
-- one row per digital-competence assessment (jenis 'asesmen', skor 0-100) or ICT certificate
CREATE TABLE IF NOT EXISTS tik (
    pegawai_key INTEGER NOT NULL, jenis VARCHAR NOT NULL, nama VARCHAR, tingkat VARCHAR,
    skor DOUBLE, tanggal DATE NOT NULL, import_id INTEGER
);
-- one row per employee and year: SKP behaviour rating per BerAKHLAK value (1 below, 2 meets,
-- 3 above expectation)
CREATE TABLE IF NOT EXISTS perilaku (
    pegawai_key INTEGER NOT NULL, tahun SMALLINT NOT NULL,
    berorientasi_pelayanan SMALLINT, akuntabel SMALLINT, kompeten SMALLINT, harmonis SMALLINT,
    loyal SMALLINT, adaptif SMALLINT, kolaboratif SMALLINT, import_id INTEGER
);
-- one row per innovation an employee took part in
CREATE TABLE IF NOT EXISTS inovasi (
    pegawai_key INTEGER NOT NULL, judul VARCHAR, tingkat VARCHAR,  -- unit | instansi | nasional
    status VARCHAR,                                                -- diusulkan | diterapkan | penghargaan
    peran VARCHAR, tahun SMALLINT NOT NULL, import_id INTEGER
);
-- one row per unit and year: Indeks Kepuasan Masyarakat 0-100
CREATE TABLE IF NOT EXISTS ikm (
    unor_id INTEGER NOT NULL, tahun SMALLINT NOT NULL, nilai DOUBLE NOT NULL, import_id INTEGER
);

-- Imports ----------------------------------------------------------------------------------
CREATE SEQUENCE IF NOT EXISTS import_id_seq START 1;
-- one row per file imported (or demo build)
CREATE TABLE IF NOT EXISTS import_log (
    import_id INTEGER PRIMARY KEY, berkas VARCHAR, sha256 VARCHAR, jenis VARCHAR,
    rows_read BIGINT, rows_loaded BIGINT, rows_rejected BIGINT, rows_unchanged BIGINT,
    pengguna VARCHAR, waktu TIMESTAMP, status VARCHAR
);
-- one row per saved column-mapping profile (analytics.importer.profil): for a file layout the aliases do not
-- know, which header holds which field; tanda = signature of the header set it applies to
CREATE TABLE IF NOT EXISTS impor_profil (
    nama VARCHAR PRIMARY KEY, jenis VARCHAR NOT NULL, tanda VARCHAR NOT NULL, judul VARCHAR NOT NULL,
    kolom VARCHAR NOT NULL, tetap VARCHAR NOT NULL, dibuat_oleh VARCHAR, dibuat TIMESTAMP
);
-- one row per rejected cell/row of an import
CREATE TABLE IF NOT EXISTS import_reject (
    import_id INTEGER NOT NULL, row_number BIGINT, kolom VARCHAR, nilai VARCHAR, alasan VARCHAR
);

-- 20 JP (rebuilt by analytics.jp.refresh from the rules file) -------------------------------
-- one row per jenisDiklatId: how the rules file credits it and its 10:20:70 class
CREATE TABLE IF NOT EXISTS aturan_jp (
    jenis SMALLINT NOT NULL, cara VARCHAR NOT NULL, jp_per_hari DOUBLE, jp_tetap DOUBLE,
    jp_per_sesi DOUBLE, maks_sesi INTEGER, grup SMALLINT NOT NULL, kelas VARCHAR NOT NULL,
    slot_ipasn VARCHAR  -- IP ASN competency slot the kind fills: teknis | seminar | fungsional | NULL
);
-- grain: one row per employee and year in post (TMT year <= tahun), from 2020 to the data year.
-- Filter columns are copied from pegawai so scoped queries need no join. jp_* are credited JP
-- (jp_b1..jp_b12 by month of the end date); jp_klaim is JP as claimed.
CREATE TABLE IF NOT EXISTS jp_pegawai_tahun (
    pegawai_key INTEGER NOT NULL, tahun SMALLINT NOT NULL,
    unor_id INTEGER, instansi_id INTEGER, provinsi_kode VARCHAR, kabkota_kode VARCHAR,
    jenis_jabatan VARCHAR, jenis_pegawai VARCHAR, jenis_kelamin VARCHAR, golongan_id SMALLINT,
    kegiatan INTEGER NOT NULL, jp_klaim DOUBLE NOT NULL, jp_total DOUBLE NOT NULL,
    jp_10 DOUBLE NOT NULL, jp_20 DOUBLE NOT NULL, jp_70 DOUBLE NOT NULL,
    jp_b1 DOUBLE, jp_b2 DOUBLE, jp_b3 DOUBLE, jp_b4 DOUBLE, jp_b5 DOUBLE, jp_b6 DOUBLE,
    jp_b7 DOUBLE, jp_b8 DOUBLE, jp_b9 DOUBLE, jp_b10 DOUBLE, jp_b11 DOUBLE, jp_b12 DOUBLE,
    -- for IP ASN competency slots (aturan_jp.slot_ipasn): credited JP of technical training, and
    -- counts of functional-training and seminar-type records
    jp_teknis DOUBLE NOT NULL, n_fungsional INTEGER NOT NULL, n_seminar INTEGER NOT NULL,
    -- JP known only from an agency's annual total (jp_rekap) beyond the credited records: part of jp_total,
    -- in no 10:20:70 class (jp_10 + jp_20 + jp_70 + jp_rekap + jp_kredit = jp_total)
    jp_rekap DOUBLE NOT NULL,
    -- the status the rules treat apart ([jp.kedudukan]: its SIASN id; NULL = counted as in service), whether
    -- the employee is in the 20 JP denominator, and the JP credited for the status (tugas belajar)
    kedudukan_kode VARCHAR, dihitung BOOLEAN NOT NULL, jp_kredit DOUBLE NOT NULL,
    -- the year to this year's day of the reference date (meta jp_batas; the whole year when that is 31 Dec,
    -- and for the running year the same as the columns above): in post by then, credited JP, records,
    -- claimed JP and the IP ASN slot inputs
    sd BOOLEAN NOT NULL, jp_sd DOUBLE NOT NULL, kegiatan_sd INTEGER NOT NULL, jp_klaim_sd DOUBLE NOT NULL,
    jp_teknis_sd DOUBLE NOT NULL, n_fungsional_sd INTEGER NOT NULL, n_seminar_sd INTEGER NOT NULL
);
-- grain: one row per year and combination of the filter columns plus sex and golongan class (about
-- 300 000 a year nationally, against 4 million employee rows): additive counts and sums of
-- jp_pegawai_tahun, so the 20 JP page's statuses, groups, trend and monthly progress are sums at any
-- level. golongan_id is the first golongan of the employee's class (11 = I/a, 21, 31, 41 = IV/a; 100 =
-- PPPK), which is all the golongan level reads. Each employee is held to their own target (PNS or PPPK,
-- the rules file). laju_<m>: employees at or above the target x m/12 (on track by month m); bulan_<m>:
-- credited JP in month m and capai_<m>: employees at the target by the end of month m (both only for the
-- running year, whose monthly columns the summary keeps). pegawai_belajar, kegiatan, jumlah_klaim: employees
-- with a record, records and claimed JP; wajib_skp: employees in post before the year before (an SKP of that
-- year is expected of them), skp_lalu: those of them who have it (the Ringkasan completeness of SKP).
-- Every count but wajib_skp and skp_lalu (everyone in post) is of the employees in the 20 JP denominator
-- (jp_pegawai_tahun.dihitung); dikecualikan: those in
-- post whose status leaves it, dikreditkan: those credited for their status (counted). _sd: the same to this
-- year's day of the reference date (the like-for-like comparison of a running year; jp_pegawai_tahun).
CREATE TABLE IF NOT EXISTS jp_kelompok_tahun (
    tahun SMALLINT NOT NULL, unor_id INTEGER, instansi_id INTEGER, provinsi_kode VARCHAR, kabkota_kode VARCHAR,
    jenis_jabatan VARCHAR, jenis_pegawai VARCHAR, jenis_kelamin VARCHAR, golongan_id SMALLINT,
    dikecualikan INTEGER NOT NULL, dikreditkan INTEGER NOT NULL,
    pegawai_sd INTEGER NOT NULL, memenuhi_sd INTEGER NOT NULL, belum_mulai_sd INTEGER NOT NULL,
    pegawai_belajar_sd INTEGER NOT NULL, kegiatan_sd BIGINT NOT NULL, jumlah_sd DOUBLE NOT NULL,
    jumlah_klaim_sd DOUBLE NOT NULL,
    pegawai INTEGER NOT NULL, memenuhi INTEGER NOT NULL, belum_mulai INTEGER NOT NULL,
    pegawai_rekap INTEGER NOT NULL,
    jumlah_jp DOUBLE NOT NULL, jumlah_10 DOUBLE NOT NULL, jumlah_20 DOUBLE NOT NULL, jumlah_70 DOUBLE NOT NULL,
    pegawai_belajar INTEGER NOT NULL, kegiatan BIGINT NOT NULL, jumlah_klaim DOUBLE NOT NULL,
    wajib_skp INTEGER NOT NULL, skp_lalu INTEGER NOT NULL,
    laju_1 INTEGER NOT NULL, bulan_1 DOUBLE, capai_1 INTEGER NOT NULL,
    laju_2 INTEGER NOT NULL, bulan_2 DOUBLE, capai_2 INTEGER NOT NULL,
    laju_3 INTEGER NOT NULL, bulan_3 DOUBLE, capai_3 INTEGER NOT NULL,
    laju_4 INTEGER NOT NULL, bulan_4 DOUBLE, capai_4 INTEGER NOT NULL,
    laju_5 INTEGER NOT NULL, bulan_5 DOUBLE, capai_5 INTEGER NOT NULL,
    laju_6 INTEGER NOT NULL, bulan_6 DOUBLE, capai_6 INTEGER NOT NULL,
    laju_7 INTEGER NOT NULL, bulan_7 DOUBLE, capai_7 INTEGER NOT NULL,
    laju_8 INTEGER NOT NULL, bulan_8 DOUBLE, capai_8 INTEGER NOT NULL,
    laju_9 INTEGER NOT NULL, bulan_9 DOUBLE, capai_9 INTEGER NOT NULL,
    laju_10 INTEGER NOT NULL, bulan_10 DOUBLE, capai_10 INTEGER NOT NULL,
    laju_11 INTEGER NOT NULL, bulan_11 DOUBLE, capai_11 INTEGER NOT NULL,
    laju_12 INTEGER NOT NULL, bulan_12 DOUBLE, capai_12 INTEGER NOT NULL
);
-- grain: one row per combination of the filter columns, sex and education level of the employees on file
-- (no year: the roster as it is now): counts of employees and of those with each key field filled, for the
-- Ringkasan composition and completeness (rebuilt whole after every change of pegawai, under a second).
CREATE TABLE IF NOT EXISTS pegawai_kelompok (
    unor_id INTEGER, instansi_id INTEGER, provinsi_kode VARCHAR, kabkota_kode VARCHAR,
    jenis_jabatan VARCHAR, jenis_pegawai VARCHAR, jenis_kelamin VARCHAR, jenjang VARCHAR,
    pegawai INTEGER NOT NULL, tanggal_lahir INTEGER NOT NULL, pendidikan INTEGER NOT NULL,
    golongan INTEGER NOT NULL, unor INTEGER NOT NULL, lokasi_kerja INTEGER NOT NULL
);
-- grain: one row per year, province, job type, PNS/PPPK and credited-JP value (about 70 000 a year): how
-- many employees have exactly that jp_total. Medians and the distribution of a national, province,
-- job-type or PNS/PPPK view are read from it exactly (quantiles of whole values, not of bins).
CREATE TABLE IF NOT EXISTS jp_sebaran_tahun (
    tahun SMALLINT NOT NULL, provinsi_kode VARCHAR, jenis_jabatan VARCHAR, jenis_pegawai VARCHAR,
    jp_total DOUBLE NOT NULL, pegawai INTEGER NOT NULL
);

-- IP ASN (rebuilt by analytics.ipasn.refresh after the JP summary) --------------------------
-- grain: one row per employee and measurement year, the same employee-years as jp_pegawai_tahun
-- from the first year with a whole window. Inputs (pendidikan_id .. hukdis) then points by the
-- rules file; lengkap = education, job type and an SKP rating known; kategori NULL when not lengkap.
CREATE TABLE IF NOT EXISTS ipasn_pegawai_tahun (
    pegawai_key INTEGER NOT NULL, tahun SMALLINT NOT NULL,
    unor_id INTEGER, instansi_id INTEGER, provinsi_kode VARCHAR, kabkota_kode VARCHAR,
    jenis_jabatan VARCHAR, jenis_pegawai VARCHAR, jenis_kelamin VARCHAR, golongan_id SMALLINT,
    pendidikan_id SMALLINT,
    pim_perlu SMALLINT,   -- leadership level the post needs (structural posts only)
    pim_punya SMALLINT,   -- highest leadership level completed by the end of the year, any time
    jp_teknis DOUBLE NOT NULL, n_fungsional INTEGER NOT NULL, n_seminar INTEGER NOT NULL,  -- in the window
    predikat_id SMALLINT, skp_tahun SMALLINT,  -- the rating used and its year
    hukdis VARCHAR,       -- heaviest punishment level in the window: R | S | B | NULL
    kualifikasi DOUBLE, kepemimpinan DOUBLE, fungsional DOUBLE, teknis DOUBLE, seminar DOUBLE,
    kompetensi DOUBLE, kinerja DOUBLE, disiplin DOUBLE NOT NULL, total DOUBLE NOT NULL,
    lengkap BOOLEAN NOT NULL, kategori VARCHAR
);
-- grain: one row per measurement year and combination of the filter columns below (about 100 000
-- a year nationally, against 4 million employees): additive counts and sums of
-- ipasn_pegawai_tahun, so any grouping or filter by these columns is exact and fast. jumlah_* and
-- hilang_* (points below the maximum for the job type) sum complete records only.
CREATE TABLE IF NOT EXISTS ipasn_kelompok_tahun (
    tahun SMALLINT NOT NULL, unor_id INTEGER, instansi_id INTEGER, provinsi_kode VARCHAR, kabkota_kode VARCHAR,
    jenis_jabatan VARCHAR, jenis_pegawai VARCHAR,
    pegawai INTEGER NOT NULL, lengkap INTEGER NOT NULL,
    sangat_tinggi INTEGER NOT NULL, tinggi INTEGER NOT NULL, sedang INTEGER NOT NULL, rendah INTEGER NOT NULL,
    sangat_rendah INTEGER NOT NULL,
    jumlah_total DOUBLE, jumlah_kualifikasi DOUBLE, jumlah_kompetensi DOUBLE, jumlah_kinerja DOUBLE,
    jumlah_disiplin DOUBLE,
    hilang_kualifikasi DOUBLE, hilang_kepemimpinan DOUBLE, hilang_fungsional DOUBLE, hilang_teknis DOUBLE,
    hilang_seminar DOUBLE, hilang_kinerja DOUBLE, hilang_disiplin DOUBLE,
    tanpa_pendidikan INTEGER NOT NULL, tanpa_skp INTEGER NOT NULL, tanpa_jabatan INTEGER NOT NULL
);

-- Smart ASN (rebuilt by analytics.smart.refresh after IP ASN) --------------------------------
-- grain: one row per employee and year, the same employee-years as jp_pegawai_tahun. Each trait
-- 0-100 by the rubric in the rules file, NULL = no indicator with data; indeks = mean of the traits
-- with data, NULL when fewer than min_atribut_berdata have data.
CREATE TABLE IF NOT EXISTS smart_pegawai_tahun (
    pegawai_key INTEGER NOT NULL, tahun SMALLINT NOT NULL,
    unor_id INTEGER, instansi_id INTEGER, provinsi_kode VARCHAR, kabkota_kode VARCHAR,
    jenis_jabatan VARCHAR, jenis_pegawai VARCHAR,
    integritas DOUBLE, nasionalisme DOUBLE, profesionalisme DOUBLE, wawasan_global DOUBLE, it_bahasa DOUBLE, hospitality DOUBLE, networking DOUBLE, entrepreneurship DOUBLE,
    n_atribut SMALLINT NOT NULL, indeks DOUBLE, siap BOOLEAN NOT NULL
);
-- grain: one row per year and combination of the filter columns; additive counts and sums of
-- smart_pegawai_tahun (n_<trait> = employees with data for the trait, jumlah_<trait> their sum)
CREATE TABLE IF NOT EXISTS smart_kelompok_tahun (
    tahun SMALLINT NOT NULL, unor_id INTEGER, instansi_id INTEGER, provinsi_kode VARCHAR, kabkota_kode VARCHAR,
    jenis_jabatan VARCHAR, jenis_pegawai VARCHAR,
    pegawai INTEGER NOT NULL, n_indeks INTEGER NOT NULL, jumlah_indeks DOUBLE, siap INTEGER NOT NULL,
    n_integritas INTEGER NOT NULL, jumlah_integritas DOUBLE,
    n_nasionalisme INTEGER NOT NULL, jumlah_nasionalisme DOUBLE,
    n_profesionalisme INTEGER NOT NULL, jumlah_profesionalisme DOUBLE,
    n_wawasan_global INTEGER NOT NULL, jumlah_wawasan_global DOUBLE,
    n_it_bahasa INTEGER NOT NULL, jumlah_it_bahasa DOUBLE,
    n_hospitality INTEGER NOT NULL, jumlah_hospitality DOUBLE,
    n_networking INTEGER NOT NULL, jumlah_networking DOUBLE,
    n_entrepreneurship INTEGER NOT NULL, jumlah_entrepreneurship DOUBLE
);

-- Access control (analytics/auth.py) ------------------------------------------------------
-- one row per account; garam/hash = scrypt salt and digest; scope = nasional, or any of the
-- province, agencies and unit subtrees; demo accounts are disabled when real data is imported
CREATE TABLE IF NOT EXISTS pengguna (
    nama VARCHAR PRIMARY KEY, peran VARCHAR NOT NULL, garam BLOB NOT NULL, hash BLOB NOT NULL,
    nasional BOOLEAN NOT NULL, provinsi_kode VARCHAR, instansi_ids INTEGER[], unor_ids INTEGER[],
    aktif BOOLEAN NOT NULL, demo BOOLEAN NOT NULL, gagal INTEGER NOT NULL, kunci_sampai TIMESTAMP,
    dibuat TIMESTAMP NOT NULL,
    sso VARCHAR  -- the e-mail the single sign-on provider vouches for (lower case), NULL = password only
);
-- append-only: logins, imports, exports, account changes (never personal data in rincian); a hash
-- chain (analytics.audit): sebelum = id of the entry this one follows, sidik = its sha256 (schema 7)
CREATE SEQUENCE IF NOT EXISTS audit_seq START 1;
CREATE TABLE IF NOT EXISTS audit (
    id BIGINT NOT NULL, waktu TIMESTAMP NOT NULL, pengguna VARCHAR NOT NULL, aksi VARCHAR NOT NULL,
    rincian VARCHAR, cakupan VARCHAR, sebelum BIGINT, sidik VARCHAR
);
