"""Text normalization shared by every reader: one Unicode form, one tone-mark convention, no artefacts.

Vietnamese text reaches us in NFC and NFD, with "hoà"/"hòa" and "thuỷ"/"thủy" mixed, with
zero-width and non-breaking spaces, and (from Markdown-ish extractions) with `**` bold markers.
Everything downstream compares strings, so everything is brought to one form here.
"""

from __future__ import annotations

import re
import unicodedata

TONES = "\u0300\u0301\u0303\u0309\u0323"
# An open syllable "oa", "oe" or "uy" (not "quy") carrying its tone on the second vowel, in NFD.
# The classic convention used by Nghị định 30/2020 templates ("Hòa", "Ủy ban", "thủy") puts it on the first.
_TONE_ON_SECOND = re.compile(
    rf"(?<![qQ\w\u0300-\u036f])([hHkKlLtTxXsSgGnNcCbBdDđĐmMpPrRvV]{{0,2}}[oO])([aAeE])([{TONES}])(?![\w\u0300-\u036f])"
    rf"|(?<![qQ])([uU])([yY])([{TONES}])(?![\w\u0300-\u036f])"
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BOLD = re.compile(r"\*\*")
# A document symbol split after its hyphen by a line wrap in the source PDF: "13/2021/TT- BLĐTBXH".
_SPLIT_SYMBOL = re.compile(r"(?<=\d)(/[0-9A-ZĐa-zđ&/]*[A-ZĐ][0-9A-ZĐa-zđ&]*-) (?=[A-ZĐ]{2})")


def _move_tone(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return m.group(1) + m.group(3) + m.group(2)
    return m.group(4) + m.group(6) + m.group(5)


def unify_tone_marks(text: str) -> str:
    """Place tone marks on the first vowel of open "oa", "oe", "uy" syllables: "hoà" → "hòa", "thuỷ" → "thủy"."""
    nfd = unicodedata.normalize("NFD", text)
    if not any(t in nfd for t in TONES):
        return unicodedata.normalize("NFC", nfd)
    return unicodedata.normalize("NFC", _TONE_ON_SECOND.sub(_move_tone, nfd))


def clean_line(text: str) -> str:
    """One line in canonical form: NFC, classic tone placement, no invisible characters, single spaces,
    document symbols whole ("18/CT- TTg" → "18/CT-TTg")."""
    text = text.translate(_INVISIBLE)
    text = _BOLD.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    text = _SPLIT_SYMBOL.sub(r"\1", text)
    return unify_tone_marks(text)


def fold(text: str) -> str:
    """A comparison key: canonical, lower-cased, punctuation-insensitive spacing (for matching, never for quotes)."""
    return re.sub(r"\s+", " ", clean_line(text).lower()).strip()


class Cleaner:
    """`clean_line` preceded by legacy-encoding repair when the document was typed in TCVN3 or VNI.

    The encoding is decided once per document from a sample of its raw text, because a single
    short line is too little evidence and a document never mixes encodings line by line.
    """

    def __init__(self, encoding: str | None = None) -> None:
        self.encoding = encoding

    @classmethod
    def for_sample(cls, sample: str) -> Cleaner:
        from plan_audit.ingest import legacy

        return cls(legacy.detect(sample))

    def __call__(self, raw: str) -> str:
        if self.encoding:
            from plan_audit.ingest import legacy

            raw = legacy.decode(raw, self.encoding)
        return clean_line(raw)
