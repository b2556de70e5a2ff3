"""Legacy font encodings (TCVN3/ABC, VNI): byte tables, exact round trip, detection without false alarms."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plan_audit import rules
from plan_audit.errors import RulesError
from plan_audit.ingest import legacy

ROOT = Path(__file__).resolve().parents[1]
SEED_FILES = sorted((ROOT / "corpora" / "seeds").glob("*.txt"))
FIXTURES = ROOT / "corpora" / "fixtures"
PACK = ROOT / "src" / "plan_audit" / "rules" / "legacy_encodings.yaml"


def _vietnamese_letters() -> str:
    """All 134 Vietnamese letters with diacritics plus the plain vowels, built from Unicode, not from our table."""
    tones = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]
    lower = [unicodedata.normalize("NFC", base + tone) for base in "aăâeêioôơuưy" for tone in tones] + ["đ"]
    return "".join(lower) + "".join(c.upper() for c in lower)


VIETNAMESE = _vietnamese_letters()
ASCII = "".join(map(chr, range(0x20, 0x7F))) + "\n\t"


def _seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


# Hand-checked against TCVN 5712:1993 (VN3) and the VNI Windows table: (legacy as extracted, Unicode).
# TCVN3 bytes: à B5 ả B6 ã B7 á B8 ạ B9, ă A8 â A9 ê AA ô AB ơ AC ư AD đ AE, Đ A7, ộ E9 ậ CB ỷ FB ị DE ớ ED ư AD.
# VNI marks: grave ø, hook û, tilde õ, acute ù, dot ï; circumflex â (+dot ä), breve ê; ơ ô, ư ö, đ ñ, ị ò.
# fmt: off
TCVN3_WORDS = [
    ("C«ng v¨n", "Công văn"),
    ("Hµ Néi", "Hà Nội"),
    ("t¶i", "tải"),
    ("ng·", "ngã"),
    ("c¸", "cá"),
    ("t¹i", "tại"),
    ("c¬ quan", "cơ quan"),
    ("n\xadíc", "nước"),
    ("®Þa", "địa"),
    ("§éc lËp", "Độc lập"),
    ("Uû ban", "Uỷ ban"),
]
VNI_WORDS = [
    ("Coâng vaên", "Công văn"),
    ("Haø Noäi", "Hà Nội"),
    ("taûi", "tải"),
    ("ngaõ", "ngã"),
    ("caù", "cá"),
    ("taïi", "tại"),
    ("cô quan", "cơ quan"),
    ("nöôùc", "nước"),
    ("ñòa", "địa"),
    ("Ñoäc laäp", "Độc lập"),
    ("UÛY BAN", "ỦY BAN"),
    ("COÄNG HOØA", "CỘNG HÒA"),
]
# fmt: on


@pytest.mark.parametrize(("legacy_text", "unicode_text"), TCVN3_WORDS)
def test_tcvn3_words(legacy_text: str, unicode_text: str) -> None:
    assert legacy.decode(legacy_text, "tcvn3") == unicode_text
    assert legacy.encode(unicode_text, "tcvn3") == legacy_text


@pytest.mark.parametrize(("legacy_text", "unicode_text"), VNI_WORDS)
def test_vni_words(legacy_text: str, unicode_text: str) -> None:
    assert legacy.decode(legacy_text, "vni") == unicode_text
    assert legacy.encode(unicode_text, "vni") == legacy_text


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_seed_round_trip(path: Path, encoding: str) -> None:
    text = _seed_text(path)
    encoded = legacy.encode(text, encoding)
    assert encoded != text
    assert legacy.decode(encoded, encoding) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.stem)
def test_unicode_seed_is_not_legacy(path: Path) -> None:
    text = _seed_text(path)
    assert legacy.detect(text) is None
    assert legacy.repair(text) == (text, None)


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_fixture_detected_and_decoded(encoding: str) -> None:
    sample = (FIXTURES / f"legacy-{encoding}.txt").read_text(encoding="utf-8")
    source = (FIXTURES / "legacy-source.txt").read_text(encoding="utf-8")
    assert legacy.detect(sample) == encoding
    assert legacy.decode(sample, encoding) == source
    assert legacy.repair(sample) == (source, encoding)


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_short_paragraph_detected(encoding: str) -> None:
    paragraph = "Thực hiện Công văn số 631/UBND ngày 04/4/2023 của Ủy ban nhân dân huyện về hướng dẫn triển khai"
    assert len(paragraph) <= 100
    assert legacy.detect(legacy.encode(paragraph, encoding)) == encoding


@pytest.mark.parametrize(
    "text",
    [
        "The quick brown fox © 2023 « quoted » – “smart” and naïve façade, Müller über señor.",
        "© « » – “ ” © « » © « » © « » — plain ASCII text with no Vietnamese at all.",
        "Hà Nội © 2023 «Công ty» – “Giấy phép” số 12 » « ©",
        "Café déjà vu, résumé, Zürich, São Paulo, Ærø, Øresund, Ñandú, crème brûlée, Hôtel, Ça va",
        "Plain ASCII only, nothing to see here: 1, 2, 3.",
        "",
    ],
)
def test_no_false_positive(text: str) -> None:
    assert legacy.detect(text) is None
    assert legacy.repair(text) == (text, None)


def test_both_views_of_bytes_0x80_to_0x9f() -> None:
    # Curly quotes and dash as Windows-1252 punctuation, or as C1 controls under Latin-1.
    assert legacy.decode("“Hµ Néi” – x", "tcvn3") == "“Hà Nội” – x"
    assert legacy.decode("\x93Hµ Néi\x94 \x96 x", "tcvn3") == "“Hà Nội” – x"
    assert legacy.decode("\x93Haø Noäi\x94", "vni") == "“Hà Nội”"


def test_tcvn3_uppercase_font_decodes_to_lowercase() -> None:
    """Documented limitation: .VnTimeH capitals share the lowercase bytes ("KẾ HOẠCH" typed in .VnTimeH)."""
    assert legacy.decode("KÕ HO¹CH", "tcvn3") == "Kế HOạCH"


def test_tcvn3_writes_accented_capitals_with_combining_tone_bytes() -> None:
    assert legacy.encode("KẾ HOẠCH", "tcvn3") == "K\xa3\xb3 HOA\xb4CH"
    assert legacy.decode("K\xa3\xb3 HOA\xb4CH", "tcvn3") == "KẾ HOẠCH"


def test_repair_keeps_unicode_lines_of_a_legacy_document() -> None:
    header = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    body = (FIXTURES / "legacy-source.txt").read_text(encoding="utf-8")
    assert legacy.repair(header + legacy.encode(body, "tcvn3")) == (header + body, "tcvn3")


@pytest.mark.parametrize(("encoding", "char"), [("tcvn3", "«"), ("tcvn3", "°"), ("vni", "ø"), ("vni", "\x93")])
def test_encode_refuses_characters_that_would_read_back_differently(encoding: str, char: str) -> None:
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        legacy.encode(f"a {char} b", encoding)


def test_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        legacy.decode("x", "viscii")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=VIETNAMESE + ASCII, max_size=200), encoding=st.sampled_from(legacy.ENCODINGS))
def test_round_trip_property(text: str, encoding: str) -> None:
    assert legacy.decode(legacy.encode(text, encoding), encoding) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("encoding", legacy.ENCODINGS)
def test_decoding_30k_characters_is_fast(encoding: str) -> None:
    encoded = legacy.encode(_seed_text(SEED_FILES[2]), encoding)
    sample = (encoded * (30_000 // len(encoded) + 1))[:30_000]
    legacy.decode(sample, encoding)  # warm the table cache
    best = min(_timed(lambda: legacy.decode(sample, encoding)) for _ in range(5))
    assert best < 0.050


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    rules._load.cache_clear()
    legacy._compiled.cache_clear()
    yield
    rules._load.cache_clear()
    legacy._compiled.cache_clear()


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('  à: "\\xB5"', "  à: 181", "tcvn3.à"),  # not a string: caught by the schema
        ('  ả: "\\xB6"', '  ả: "\\xB5"', "tcvn3.ả"),  # two letters with one byte: caught by the loader
        ('  ì: "\\xEC"', '  ì: "\\xEC\\xEC\\xEC"', "vni.ì"),  # legacy string too long
    ],
)
def test_malformed_table_names_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None, old: str, new: str, key: str
) -> None:
    text = PACK.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "legacy_encodings.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.setenv("PLAN_AUDIT_RULES", str(tmp_path))
    with pytest.raises(RulesError) as info:
        legacy.decode("x", "tcvn3")
    message = str(info.value)
    assert str(tmp_path / "legacy_encodings.yaml") in message
    assert key in message
