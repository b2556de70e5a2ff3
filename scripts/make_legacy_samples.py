"""Write the legacy-font test samples in corpora/fixtures/ from a real seed.

No real TCVN3/VNI plan is at hand, so the samples are constructed: the first 40 lines of a real
plan (seed 003) are encoded the way a PDF/DOCX extraction shows text typed in .VnTime (TCVN3)
or VNI-Times, using the tables in rules/legacy_encodings.yaml. The Unicode source is written
next to them so a test can check that decoding gives it back exactly.

Run from the repository root: python scripts/make_legacy_samples.py
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from plan_audit.ingest.legacy import ENCODINGS, encode  # noqa: E402

SEED = ROOT / "corpora" / "seeds" / "003_efbe91026500c58e.txt"
FIXTURES = ROOT / "corpora" / "fixtures"
LINES = 40
README_HEADING = "## Legacy-font samples (legacy-*.txt)"
README_SECTION = f"""{README_HEADING}

`legacy-tcvn3.txt` and `legacy-vni.txt` are constructed samples, not real documents: the first
{LINES} lines of `seeds/{SEED.name}` (in `legacy-source.txt`, NFC) encoded with
`plan_audit.ingest.legacy.encode` into the text a PDF/DOCX extraction shows for a document typed
in the TCVN3 (.VnTime) or VNI (VNI-Times) font, each byte as its Latin-1 character. Regenerate
them with `python scripts/make_legacy_samples.py`. One difference from real TCVN3 documents:
these write accented capitals as the base capital plus a VN2 combining tone byte, where real
documents switch to the .VnTimeH font (which decodes to lowercase).
"""


def main() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)[:LINES]
    source = unicodedata.normalize("NFC", "".join(lines))
    FIXTURES.mkdir(parents=True, exist_ok=True)
    (FIXTURES / "legacy-source.txt").write_text(source, encoding="utf-8")
    for encoding in ENCODINGS:
        (FIXTURES / f"legacy-{encoding}.txt").write_text(encode(source, encoding), encoding="utf-8")
    readme = FIXTURES / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Test fixtures\n"
    if README_HEADING not in text:
        readme.write_text(text.rstrip("\n") + "\n\n" + README_SECTION, encoding="utf-8")


if __name__ == "__main__":
    main()
