"""Importing SIASN/SIMPEG exports: `import_file(con, path, kind=None)` (see engine)."""

from analytics.importer import (
    indikator,  # noqa: F401  (registers the Smart ASN indicator kinds)
    profil,
)
from analytics.importer.engine import REJECT_COLUMNS, ImportResult, Pratinjau, import_file, import_upload, preview
from analytics.importer.kinds import KINDS
from analytics.importer.read import JENIS_UNGGAH, FileRefused, check_upload, read_bytes_as_file

__all__ = [
    "JENIS_UNGGAH", "KINDS", "REJECT_COLUMNS", "FileRefused", "ImportResult", "Pratinjau", "check_upload",
    "import_file", "import_upload", "preview", "profil", "read_bytes_as_file",
]  # fmt: skip
