"""Importing SIASN/SIMPEG exports: `import_file(con, path, kind=None)` (see engine)."""

from analytics.importer import indikator  # noqa: F401  (registers the Smart ASN indicator kinds)
from analytics.importer.engine import REJECT_COLUMNS, ImportResult, Pratinjau, import_file, import_upload, preview
from analytics.importer.read import FileRefused

__all__ = ["REJECT_COLUMNS", "FileRefused", "ImportResult", "Pratinjau", "import_file", "import_upload", "preview"]
