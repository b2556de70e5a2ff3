"""Vietnamese dates: "ngày 15 tháng 3 năm 2022", "15/3/2022", "05/5" → ISO strings."""

from __future__ import annotations

import datetime as dt
import re

DATE_WORDS = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I)
DATE_SLASH = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s?[/.-]\s?(?P<m>\d{1,2})(?:\s?[/.-]\s?(?P<y>\d{4}))?(?![\d/])")


def iso(day: int, month: int, year: int | None) -> str | None:
    """ISO date, "--MM-DD" without a year, None when the date cannot exist (31/4, 29/02/2023)."""
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29/02 without a year is possible
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def parse_date(text: str) -> tuple[str | None, re.Match[str] | None]:
    """The first date written in words or with slashes in `text`, and its match."""
    for pattern in (DATE_WORDS, DATE_SLASH):
        m = pattern.search(text)
        if m:
            y = m.group("y")
            return iso(int(m.group("d")), int(m.group("m")), int(y) if y else None), m
    return None, None
