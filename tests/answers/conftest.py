from ..reports.conftest import report, version  # noqa: F401 — the report fixtures
