"""Verification reports: one report object (`report.py`), one renderer per
format (html, pdf, csv, json, markdown, claimreview)."""

from .report import Report, build_claim_report, build_report

__all__ = ["Report", "build_claim_report", "build_report"]
