"""Paragraph reconstruction: join lines wrapped mid-sentence, keep headings and list items apart.

Layout, when the source has it (PDF indents, gaps, short last lines; DOCX paragraphs), decides.
Plain-text extractions have none, so there the decision uses list markers, capitals, end
punctuation and whether the previous line was long enough to have been wrapped.
"""

from __future__ import annotations

import re

from plan_audit.markers import match_marker
from plan_audit.model import Line, Paragraph

_TERMINAL = re.compile(r"[.;:!?…”\"»)]$|\./\.$")
WRAPPED_SHARE = 0.72
"""A plain-text line at least this share of the usual line length was probably wrapped by width."""
MIN_WRAPPED_CHARS = 40
"""A line shorter than this was never wrapped by width (a title, a signature line)."""


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].isalpha() and text[0].islower() and match_marker(text) is None


def _usual_length(lines: list[Line]) -> float:
    lengths = sorted(len(ln.text) for ln in lines if ln.text)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0.0


def _starts_new(prev: Line, cur: Line, usual: float) -> bool:
    if cur.hard_break or prev.region != cur.region:
        return True
    if cur.region != "body":
        return not _starts_lower(cur.text)
    if cur.layout_break is not None:
        return cur.layout_break and not _starts_lower(cur.text)
    if match_marker(cur.text):
        return True
    if _starts_lower(cur.text):
        return False
    wrapped = len(prev.text) >= max(WRAPPED_SHARE * usual, MIN_WRAPPED_CHARS)
    if is_caps(prev.text):
        return not (is_caps(cur.text) and wrapped)
    if _TERMINAL.search(prev.text):
        return not cur.text[:1].isdigit()
    return not wrapped


def _joiner(prev: str, cur: str) -> str:
    """No space when a word was split at a hyphen ("Covid-" + "19"), one space otherwise."""
    return "" if re.search(r"\w-$", prev) and cur[:1].isalnum() else " "


def build_paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Group consecutive lines into paragraphs; record where each line starts in the paragraph text."""
    usual = _usual_length([ln for ln in lines if ln.region == "body"])
    out: list[Paragraph] = []
    for ln in lines:
        if not ln.text:
            continue
        if out and not _starts_new(out[-1].lines[-1], ln, usual):
            para = out[-1]
            para.text += _joiner(para.text, ln.text)
            para.starts.append(len(para.text))
            para.text += ln.text
            para.lines.append(ln)
        else:
            out.append(Paragraph(text=ln.text, region=ln.region, lines=[ln], starts=[0]))
    return out
