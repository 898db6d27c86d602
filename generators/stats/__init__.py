"""Annual enforcement statistics (issue 5): working days (workdays), figures
(compute), tables with their CSV/JSON (tables), SVG charts (charts) and the
site section (section). No Pelican imports."""
from .section import context_vars, statistics_section

__all__ = ["statistics_section", "context_vars"]
