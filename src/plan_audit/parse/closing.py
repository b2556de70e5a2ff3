"""The closing: recipients ("Nơi nhận") and the signature block (TM./KT. authority, position, signer)."""

from __future__ import annotations

import re

from plan_audit.ingest.noise import ingest_rules
from plan_audit.ingest.paragraphs import is_caps
from plan_audit.model import Document, Signature
from plan_audit.parse.evidence import span_of

AUTHORITY = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*")
"""The signing-authority prefixes of Nghị định 30/2020 (a closed list of the decree, not wording)."""


def _closing(doc: Document) -> tuple[list[int], list[int]]:
    """Paragraph indexes of the recipients list and of the signature block."""
    r = ingest_rules()
    left = [i for i, p in enumerate(doc.paragraphs) if p.region == "signature_left"]
    right = [i for i, p in enumerate(doc.paragraphs) if p.region == "signature_right"]
    if left or right:
        return left, right
    body = [i for i, p in enumerate(doc.paragraphs) if p.region == "body"]
    start = next((i for i in body if r.recipients.search(doc.paragraphs[i].text)), None)
    if start is None:
        auth = [i for i in body if AUTHORITY.match(doc.paragraphs[i].text)]
        return [], [i for i in body if auth and i >= auth[0]]
    recipients = [start]
    for i in body[body.index(start) + 1 :]:
        if not doc.paragraphs[i].text.startswith(("-", "–", "+")):
            break
        recipients.append(i)
    return recipients, [i for i in body if i > recipients[-1]]


def parse_recipients(doc: Document) -> list[str]:
    recipients, _ = _closing(doc)
    items = [doc.paragraphs[i].text for i in recipients[1:]]
    return [re.sub(r"^[-–+]\s*", "", t).rstrip(";.,:").strip() for t in items]


def parse_signature(doc: Document) -> Signature:
    _, block = _closing(doc)
    lines = [doc.paragraphs[i].text for i in block]
    if not lines:
        return Signature()
    sig = Signature(span=span_of(doc, block[0]))
    for text in lines:
        m = AUTHORITY.match(text)
        if m:
            sig.authority = m.group(1) + "."
            rest = text[m.end() :].strip()
            if rest and not rest.startswith(("ỦY BAN", "UỶ BAN", "UBND")):
                sig.position = rest
        elif is_caps(text):
            sig.position = text
        elif text[:1].isupper() and len(text.split()) <= 5:
            sig.signer = text
    return sig
