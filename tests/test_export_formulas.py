"""Formula-like text in exports: CSV cells made inert however they hide the sign; XLSX cells stay text."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from geo import export, provenance
from geo.filters import Filters, apply

# Each would run as a formula (or start one) in some spreadsheet.
HOSTILE = [
    "=1+1",
    " =1+1",
    "  +1+1",
    "\n=5+5",
    "\r\n=5+5",
    "\t=1",
    "\x01=1",
    "\u200b=1",  # zero-width space
    "\ufeff=1",  # byte-order mark
    "\u3000=1",  # ideographic space
    "\u00a0-1",  # no-break space
    "＝1+1",  # full-width equals
    "＋1",
    "－1",
    "＠SUM(A1)",
    ' ＝HYPERLINK("http://x")',
    "\tplain",  # a leading tab or line break on its own (OWASP)
]
HARMLESS = ["Yiwu", "1 = 1", "e-commerce", "a@b.cn", "国函〔2022〕8号", "（注）=", "x-1"]


@pytest.fixture(scope="module")
def frame(data):
    view = apply(data.zones, Filters())
    rows = export.export_frame(view).head(len(HOSTILE) + len(HARMLESS)).copy()
    rows["note"] = pd.array(HOSTILE + HARMLESS, dtype="string")
    return rows, data


def test_csv_makes_every_formula_like_cell_inert_and_leaves_the_rest(frame):
    rows, _data = frame
    text = export.to_csv(rows).decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    notes = [r["note"] for r in records]
    assert notes == ["'" + v for v in HOSTILE] + HARMLESS


def test_xlsx_keeps_every_formula_like_cell_as_text(frame):
    rows, data = frame
    source = provenance.of(data, Filters())
    sources = provenance.batch_sources(data.registry.batches, data.zones, source.facts, "en")
    metadata = provenance.view_metadata(source, [("Search", "=HYPERLINK(1)")], dt.date(2026, 11, 27), 9, "en")
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(rows, "en", sources, source.facts, metadata)))
    sheet = book.worksheets[0]
    column = [c.value for c in sheet[1]].index("note")
    cells = [r[column] for r in sheet.iter_rows(min_row=2)]
    assert len(cells) == len(HOSTILE) + len(HARMLESS)
    assert all(c.data_type == "s" for c in cells), [(c.value, c.data_type) for c in cells]
    assert not any(c.data_type == "f" for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
