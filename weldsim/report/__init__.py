"""Reports of a graded run: the JSON report (machine-readable, signed later) and the text
summary for the terminal."""

from weldsim.report.html import html_report, write_class_index, write_html_report
from weldsim.report.json_report import SCHEMA_VERSION, report_dict, report_json
from weldsim.report.summary import summary_text

__all__ = ["SCHEMA_VERSION", "html_report", "report_dict", "report_json", "summary_text",
           "write_class_index", "write_html_report"]
