"""Import the CECC Political Prisoner Database export format (`docket import cecc`)."""

from docket.ingest.cecc.importer import ImportSummary, RowMessage, cecc_import, count_rows

__all__ = ["ImportSummary", "RowMessage", "cecc_import", "count_rows"]
