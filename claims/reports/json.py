"""The report as JSON: the report object's own fields, dates in ISO 8601."""

import json
from datetime import date, datetime

from .report import Report


def _default(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def render_json(report: Report) -> str:
    """The whole report as a JSON document (UTF-8, not ASCII-escaped)."""
    data = report.as_dict()
    data["format_version"] = 1
    return json.dumps(data, default=_default, ensure_ascii=False, indent=2)
