"""The W3C CSV on the Web (CSVW) description of the two CSV files, csv-metadata.json, read off the
same column lists the CSVs are written from (opendata.dictionary). tests/opendata/test_csvw.py
checks that the files the site writes match it."""

from __future__ import annotations

import re

from opendata.dictionary import CASE_STUDY_COLUMNS, LICENCE_URL, PARTNER_COLUMNS
from opendata.fields import Column

CSVW_CONTEXT = ["http://www.w3.org/ns/csvw", {"@language": "en"}]


def _column(column: Column) -> dict:
    described = {
        "name": column.name,
        "titles": column.name,
        "dc:description": column.description,
        "datatype": column.datatype,
        "required": column.required,
    }
    if column.separator:
        described["separator"] = column.separator
    if column.allowed and column.datatype == "integer":
        numbers = [int(value) for value in column.allowed]
        described["datatype"] = {
            "base": "integer",
            "minimum": min(numbers),
            "maximum": max(numbers),
        }
    elif column.allowed:
        pattern = "^(?:" + "|".join(re.escape(value) for value in column.allowed) + ")$"
        described["datatype"] = {"base": column.datatype, "format": pattern}
    return described


def metadata(base_url: str) -> dict:
    case_study_columns = [_column(column) for column in CASE_STUDY_COLUMNS]
    partner_columns = [_column(column) for column, _ in PARTNER_COLUMNS]
    return {
        "@context": CSVW_CONTEXT,
        "dc:title": "Police and public health partnerships: case studies",
        "dc:license": {"@id": LICENCE_URL},
        "dc:publisher": "Police and public health partnerships directory",
        "tables": [
            {
                "url": base_url + "case-studies.csv",
                "dc:title": "Case studies, one row each",
                "dialect": {"header": True, "encoding": "utf-8"},
                "tableSchema": {"columns": case_study_columns, "primaryKey": "id"},
            },
            {
                "url": base_url + "partners.csv",
                "dc:title": "Partners: one row per case study and organisation taking part",
                "dialect": {"header": True, "encoding": "utf-8"},
                "tableSchema": {
                    "columns": partner_columns,
                    "primaryKey": ["case_study_id", "organisation_id"],
                    "foreignKeys": [
                        {
                            "columnReference": "case_study_id",
                            "reference": {
                                "resource": base_url + "case-studies.csv",
                                "columnReference": "id",
                            },
                        }
                    ],
                },
            },
        ],
    }
