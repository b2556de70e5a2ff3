"""Legacy Vietnamese font encodings (TCVN3/ABC and VNI): detect them, decode to Unicode, encode samples.

Older plans were typed with 8-bit fonts (.VnTime = TCVN3, VNI-Times = VNI). Extracting their text
gives mojibake: each font byte comes out as the character with that code point, "C«ng v¨n"
(TCVN3) or "Coâng vaên" (VNI) for "Công văn". Bytes 0x80-0x9F, where these fonts keep the
Windows punctuation, come out either as C1 controls (Latin-1 view) or as that punctuation
(Windows-1252 view); both are read as the punctuation.

The byte tables are data in rules/legacy_encodings.yaml; this module only holds the mechanisms.

Known limitation: TCVN3 (VN3) has no accented capitals. Real documents set them in the
capitals-only font .VnTimeH, whose bytes are those of the lowercase letters, so such text
decodes to lowercase ("KÕ HO¹CH" → "Kế HOạCH"); nothing in the extracted text tells the two
fonts apart. `encode` writes those capitals as the VN3 base capital plus a VN2 combining tone
byte instead, so that `decode(encode(s, enc), enc) == s` holds for every NFC string made of
Vietnamese letters, ASCII and punctuation. TCVN3 writes "ư" as byte 0xAD (a soft hyphen in
Latin-1): decode before anything strips invisible characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, NamedTuple

from plan_audit.errors import RulesError
from plan_audit.rules import load_pack, rules_dir

__all__ = ["ENCODINGS", "SCHEMA", "decode", "detect", "encode", "repair"]

ENCODINGS = ("tcvn3", "vni")
SCHEMA: dict[str, Any] = {
    "tcvn3": {str: str},
    "vni": {str: str},
    "syllable": {"onsets": [str], "nuclei": [str], "codas": [str]},
}

TONES = "\u0300\u0301\u0303\u0309\u0323"
_NO_TONES = dict.fromkeys(map(ord, TONES))
# Bytes 0x80-0x9F seen through Latin-1 (C1 controls) → the Windows-1252 punctuation the fonts draw there.
_C1 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
# Characters trimmed off a word before judging it; none of them is a legacy letter byte.
_TRIM = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022"
_WORD = re.compile(r"\S+")
_MIXED_WORD = re.compile(r"[A-Za-z].*[^\x00-\x7f]|[^\x00-\x7f].*[A-Za-z]")

# Detection thresholds: decoding a legacy text must gain this many well-formed syllables, and at
# least this share of the decoded words that mix ASCII letters with other letters must be
# well-formed. A paragraph of ~100 characters has ~10 such words; stray symbols gain none.
MIN_GAIN = 3
MIN_SHARE = 0.5


class _Codec(NamedTuple):
    """One encoding, compiled: what `encode`, `decode` and `detect` need."""

    encode: dict[int, str]  # Unicode letter → legacy string, for str.translate
    decode: dict[str, str]  # legacy string → Unicode letter
    scan: re.Pattern[str]  # longest match of any legacy string
    unwritable: re.Pattern[str]  # characters that would read back as something else
    evidence: re.Pattern[str]  # legacy characters that are not Vietnamese letters


class _Compiled(NamedTuple):
    codecs: dict[str, _Codec]
    unicode_only: re.Pattern[str]  # Vietnamese letters and marks that legacy extractions never contain
    syllable: re.Pattern[str]


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


def _compile_codec(name: str, table: dict[str, str], letters: set[str], file: str) -> _Codec:
    """Check one table (single letters, 1-2 character legacy strings, no two letters alike) and compile it."""
    decode: dict[str, str] = {}
    for letter, legacy in table.items():
        problem = (
            "key must be one precomposed letter" if len(letter) != 1
            else "legacy string must be 1 or 2 characters" if not 1 <= len(legacy) <= 2
            else f"same legacy string as {decode[legacy]!r}" if legacy in decode
            else None
        )
        if problem:
            raise RulesError("bad_rules", file=file, key=f"{name}.{letter}", detail=problem)
        decode[legacy] = letter
    # One alternative per first character, optional second character: a longest-match scan in one regex.
    seconds: dict[str, set[str]] = {}
    for legacy in decode:
        seconds.setdefault(legacy[0], set())
        if len(legacy) == 2:
            seconds[legacy[0]].add(legacy[1])
    singles = {first for first, rest in seconds.items() if not rest}
    branches = [
        re.escape(first) + _char_class(rest) + ("?" if first in decode else "")
        for first, rest in sorted(seconds.items())
        if rest
    ]
    if singles:
        branches.append(_char_class(singles))
    legacy_chars = {c for legacy in decode for c in legacy if c >= "\x80"}
    unwritable = (legacy_chars - set(table)) | set(map(chr, _C1))
    return _Codec(
        encode={ord(letter): legacy for letter, legacy in table.items()},
        decode=decode,
        scan=re.compile("|".join(branches)),
        unwritable=re.compile(_char_class(unwritable)),
        evidence=re.compile(_char_class(legacy_chars - letters)),
    )


@lru_cache(maxsize=None)
def _compiled() -> _Compiled:
    """Load and compile the rule pack once per process (tests clear this cache with the loader's)."""
    pack = load_pack("legacy_encodings", SCHEMA)
    file = str(rules_dir() / "legacy_encodings.yaml")
    letters = {c for name in ENCODINGS for c in pack[name]}
    syl = pack["syllable"]

    def alt(items: list[str]) -> str:
        return "|".join(re.escape(s) for s in sorted(items, key=len, reverse=True))

    return _Compiled(
        codecs={name: _compile_codec(name, pack[name], letters, file) for name in ENCODINGS},
        unicode_only=re.compile(_char_class({c for c in letters if c > "\xff"}) + "|[\u0300-\u036f]"),
        syllable=re.compile(f"(?:{alt(syl['onsets'])})?(?:{alt(syl['nuclei'])})(?:{alt(syl['codas'])})?"),
    )


def _codec(encoding: str) -> _Codec:
    codecs = _compiled().codecs
    if encoding not in codecs:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {', '.join(ENCODINGS)}")
    return codecs[encoding]


def decode(text: str, encoding: str) -> str:
    """Legacy-font text as extracted → Unicode NFC (TCVN3 capitals set in .VnTimeH come out lowercase)."""
    codec = _codec(encoding)
    table = codec.decode
    text = codec.scan.sub(lambda m: table[m.group()], text.translate(_C1))
    return unicodedata.normalize("NFC", text)


def encode(text: str, encoding: str) -> str:
    """Unicode → the text a PDF/DOCX extraction shows for it in the legacy font (for test samples).

    Raises ValueError on a character the font cannot hold because it would read back as
    something else (e.g. "«" in TCVN3 is the byte of "ô").
    """
    codec = _codec(encoding)
    text = unicodedata.normalize("NFC", text)
    bad = codec.unwritable.search(text)
    if bad:
        char = bad.group()
        raise ValueError(f"{encoding} cannot write {char!r} (U+{ord(char):04X}) at offset {bad.start()}")
    return text.translate(codec.encode)


def _well_formed(text: str, syllable: re.Pattern[str]) -> tuple[int, int]:
    """(words mixing ASCII letters with other characters, how many of them are Vietnamese syllables).

    Only such words can change under decoding; a lone symbol ("©", "«") never counts, so stray
    symbols cannot make text look legacy.
    """
    seen: dict[str, bool] = {}
    words = valid = 0
    for match in _WORD.finditer(text):
        word = match.group().strip(_TRIM).lower()
        if not _MIXED_WORD.search(word):
            continue
        words += 1
        if word not in seen:
            nfd = unicodedata.normalize("NFD", word)
            toneless = nfd.translate(_NO_TONES)
            bare = unicodedata.normalize("NFC", toneless)
            seen[word] = len(nfd) - len(toneless) <= 1 and syllable.fullmatch(bare) is not None
        valid += seen[word]
    return words, valid


def detect(text: str) -> str | None:
    """The legacy encoding of `text` ("tcvn3" or "vni"), or None for Unicode and any other text.

    A legacy text carries characters that are not Vietnamese letters (TCVN3 "µ ¸ ¹ « ®", VNI
    "ø ï û ñ ö") more often than the Vietnamese letters outside Latin-1 (ư, ơ, đ, ạ, ế …),
    which an extraction of a legacy font never yields; and decoding it must turn its words
    into well-formed Vietnamese syllables.
    """
    compiled = _compiled()
    unicode_evidence = len(compiled.unicode_only.findall(text))
    best: tuple[int, str] | None = None
    before: tuple[int, int] | None = None
    for name, codec in compiled.codecs.items():
        evidence = len(codec.evidence.findall(text))
        if evidence == 0 or evidence <= unicode_evidence:
            continue
        before = before or _well_formed(text, compiled.syllable)
        words, valid_after = _well_formed(decode(text, name), compiled.syllable)
        gain = valid_after - before[1]
        if gain >= MIN_GAIN and valid_after >= MIN_SHARE * words and (best is None or gain > best[0]):
            best = (gain, name)
    return best[1] if best else None


def repair(text: str) -> tuple[str, str | None]:
    """(Unicode text, encoding found or None). Unicode text comes back unchanged.

    Lines that are plainly Unicode (Vietnamese letters outside Latin-1, no legacy characters),
    such as a national motto pasted from a template into a TCVN3 body, are left as they are.
    """
    encoding = detect(text)
    if encoding is None:
        return text, None
    compiled = _compiled()
    if not compiled.unicode_only.search(text):
        return decode(text, encoding), encoding
    codec = compiled.codecs[encoding]
    fixed = [
        line
        if compiled.unicode_only.search(line) and not codec.evidence.search(line)
        else decode(line, encoding)
        for line in text.splitlines(keepends=True)
    ]
    return "".join(fixed), encoding
