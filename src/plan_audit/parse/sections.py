"""The section tree: roman-numeral sections, their numbered items and every deeper list level.

Nesting follows the order in which marker kinds appear (as Markdown lists do): a marker kind
already open closes everything below it; a new kind opens a level under the current item. The
tree stops at the recipients list ("Nơi nhận") and the signature.
"""

from __future__ import annotations

from plan_audit.ingest.noise import ingest_rules
from plan_audit.markers import match_marker, sections_pack
from plan_audit.model import Document, Section
from plan_audit.parse.evidence import first_sentence, fold, span_of, words


def classify(title: str, *, anywhere: bool) -> str | None:
    """The kind announced by a heading: by the earliest kind phrase in it, or only at its start."""
    text = fold(title)
    best: tuple[int, str] | None = None
    for kind, phrases in sections_pack()["kinds"].items():
        for phrase in phrases:
            pos = text.find(phrase)
            if pos < 0 or (not anywhere and pos != 0):
                continue
            if best is None or pos < best[0]:
                best = (pos, kind)
    return best[1] if best else None


def body_range(doc: Document) -> tuple[int, int]:
    """Indexes [start, end) of the body paragraphs before the recipients list and signature."""
    rules = ingest_rules()
    body = [i for i, p in enumerate(doc.paragraphs) if p.region == "body"]
    if not body:
        return 0, 0
    end = body[-1] + 1
    for i in body:
        text = doc.paragraphs[i].text
        if rules.recipients.search(text) or (i > body[0] and rules.authority.search(text) and words(text) <= 6):
            end = i
            break
    return body[0], end


def _title(text: str, marker_kind: str) -> str:
    if marker_kind == "roman" or words(text) <= sections_pack()["heading_max_words"]:
        return text.rstrip(" :.")
    return first_sentence(text)


def parse_sections(doc: Document) -> list[Section]:
    """The section tree of the plan's body."""
    start, end = body_range(doc)
    paras = doc.paragraphs
    markers = {i: match_marker(paras[i].text) for i in range(start, end)}
    top = "roman" if any(m and m.kind == "roman" for m in markers.values()) else "arabic"
    roots: list[Section] = []
    stack: list[Section] = []
    for i in range(start, end):
        m = markers[i]
        if m is None or (not stack and m.kind != top):
            if stack:
                stack[-1].paragraphs.append(i)
            continue
        if m.kind == top:
            stack = []
        else:
            open_kinds = [s.marker for s in stack]
            if m.kind in open_kinds:
                del stack[open_kinds.index(m.kind) :]
        text = paras[i].text[m.end :]
        title = _title(text, m.kind)
        if stack:
            # A heading ending in ":" announces what follows, however long it is.
            announces = text.rstrip().endswith(":")
            short = announces or words(text) <= sections_pack()["heading_max_words"]
            kind = (classify(title, anywhere=announces) if short else None) or stack[-1].kind
        else:
            kind = classify(title, anywhere=True) or "other"
        section = Section(m.number, title, kind, m.kind, span_of(doc, i), offset=m.end, paragraphs=[i])
        (stack[-1].children if stack else roots).append(section)
        stack.append(section)
    return roots


def walk(sections: list[Section]) -> list[Section]:
    """Every section of the tree, depth first, in document order."""
    out: list[Section] = []
    for s in sections:
        out.append(s)
        out += walk(s.children)
    return out


def text_of(doc: Document, section: Section) -> list[int]:
    """All paragraph indexes of a section and its descendants, in order."""
    return sorted({i for s in walk([section]) for i in s.paragraphs})
