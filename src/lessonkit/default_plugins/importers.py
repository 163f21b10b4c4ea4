"""The built-in importers (CSV and XLSX), registered through ``register_importers``.

Import-light on purpose: :mod:`lessonkit.importing` (and openpyxl, for XLSX)
is imported only when a file is read.
"""

from __future__ import annotations

from typing import Any

from lessonkit.hookspecs import hookimpl


def _read_csv(data: bytes, where: str) -> Any:
    from lessonkit.importing import read_csv

    return read_csv(data, where)


def _read_xlsx(data: bytes, where: str) -> Any:
    from lessonkit.importing import read_xlsx

    return read_xlsx(data, where)


@hookimpl
def register_importers(register: Any) -> None:
    """Register CSV (any delimiter, UTF-8) and XLSX (first sheet)."""
    from lessonkit.importing import Importer
    from lessonkit.method import LocalizedText

    register(Importer(key="csv", title=LocalizedText(en="CSV (UTF-8; Google Forms, KoboToolbox)",
                                                      th="CSV (UTF-8; Google Forms, KoboToolbox)"),
                      extensions=(".csv", ".tsv", ".txt"), read=_read_csv))
    register(Importer(key="xlsx", title=LocalizedText(en="Excel workbook (XLSX)",
                                                       th="สมุดงาน Excel (XLSX)"),
                      extensions=(".xlsx", ".xlsm"), read=_read_xlsx))
