"""plan_audit: read, structure and audit Vietnamese official plans (KẾ HOẠCH)."""

__version__ = "0.1.0"
