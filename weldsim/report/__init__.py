"""Reports of a graded run: the JSON report (machine-readable, signed later) and the text
summary for the terminal."""

from weldsim._lazy import lazy_exports

# Loaded on first use (PEP 562): the terminal summary does not import the HTML page's modules.
_EXPORTS = {
    "html_report": "weldsim.report.html",
    "write_class_index": "weldsim.report.html",
    "write_html_report": "weldsim.report.html",
    "SCHEMA_VERSION": "weldsim.report.json_report",
    "report_dict": "weldsim.report.json_report",
    "report_json": "weldsim.report.json_report",
    "summary_text": "weldsim.report.summary",
}
__getattr__, __dir__ = lazy_exports(__name__, globals(), _EXPORTS)

__all__ = ["SCHEMA_VERSION", "html_report", "report_dict", "report_json", "summary_text",
           "write_class_index", "write_html_report"]
