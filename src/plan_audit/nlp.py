"""The spaCy pipeline: Vietnamese syllable tokens with underthesea word segmentation, agency and topic patterns.

Tokens are syllables, so that a phrase pattern from rules/agencies.yaml or rules/topics.yaml
matches the same way wherever it occurs (underthesea segments "Ủy ban" differently in different
contexts). The word segmentation is on the doc (`doc._.words`) and the tokens (`token._.word_start`),
computed by underthesea the first time it is asked for — the patterns never need it, and a plan
audited on its own then never loads the segmenter. Built once per process: `pipeline()`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from plan_audit.rules import load_pack

AGENCY_SCHEMA: dict[str, Any] = {
    "agencies": [{"id": str, "name": {"vi": str, "en": str}, "aliases": [str], "lower_level?": bool}]
}
TOPIC_SCHEMA: dict[str, Any] = {"topics": [{"id": str, "name": {"vi": str, "en": str}, "phrases": [str]}]}

_TOKEN = re.compile(r"\w+|[^\w\s]")
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-"})


def norm(text: str) -> str:
    """The matching form of a token: lower case, one kind of dash."""
    return text.lower().translate(_DASHES)


class SyllableTokenizer:
    """spaCy tokenizer: one token per syllable or punctuation mark; word boundaries come from underthesea on demand."""

    def __init__(self, vocab: Any) -> None:  # noqa: ANN401 - spaCy Vocab
        self.vocab = vocab

    def __call__(self, text: str) -> Any:  # noqa: ANN401 - spaCy Doc
        from spacy.tokens import Doc

        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        words = [text[a:b] for a, b in spans]
        spaces = [b < len(text) and text[b].isspace() for _, b in spans]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token in doc:
            token.norm_ = norm(token.text)
        return doc

    def to_bytes(self, **_: Any) -> bytes:  # noqa: ANN401
        return b""

    def from_bytes(self, _data: bytes, **__: Any) -> SyllableTokenizer:  # noqa: ANN401
        return self


def segmented(text: str) -> list[str]:
    """underthesea's words of `text` (the segmenter is imported on first use)."""
    from underthesea import word_tokenize

    return word_tokenize(text) if text.strip() else []


def pos_tagged(text: str) -> list[tuple[str, str]]:
    """underthesea's (word, part-of-speech tag) pairs of `text`: "V" verbs, "C" conjunctions, "CH" punctuation."""
    from underthesea import pos_tag

    return pos_tag(text) if text.strip() else []


def _doc_words(doc: Any) -> list[str]:  # noqa: ANN401 - spaCy Doc
    if "words" not in doc.user_data:
        doc.user_data["words"] = segmented(doc.text)
    return doc.user_data["words"]


def _word_start(token: Any) -> bool:  # noqa: ANN401 - spaCy Token
    doc = token.doc
    if "word_starts" not in doc.user_data:
        doc.user_data["word_starts"] = _word_starts(doc.text, _doc_words(doc))
    return token.idx in doc.user_data["word_starts"]


def _word_starts(text: str, words: list[str]) -> set[int]:
    """Character offsets where underthesea's words begin."""
    starts, pos = set(), 0
    for word in words:
        i = text.find(word, pos)
        if i < 0:
            continue
        starts.add(i)
        pos = i + len(word)
    return starts


@lru_cache(maxsize=1)
def agencies() -> list[dict[str, Any]]:
    return load_pack("agencies", AGENCY_SCHEMA)["agencies"]


@lru_cache(maxsize=1)
def topics() -> list[dict[str, Any]]:
    return load_pack("topics", TOPIC_SCHEMA)["topics"]


def _import_spacy() -> Any:  # noqa: ANN401 - the spacy module
    """Import spaCy without its command-line interface.

    `import spacy` loads spacy.cli (typer, weasel, httpx …) only to offer `spacy.info()`: a third of
    its import time and ~20 MB in every process. A blank pipeline never uses it, so a stand-in is put
    in its place; if spaCy ever needs the real one, the stand-in is removed and spaCy imported as usual.
    """
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    stand_ins = {name: types.ModuleType(name) for name in ("spacy.cli", "spacy.cli.info")}
    stand_ins["spacy.cli.info"].info = stand_ins["spacy.cli"].info = lambda *_a, **_k: None  # type: ignore[attr-defined]
    sys.modules.update(stand_ins)
    try:
        import spacy
    except ImportError:
        for name in stand_ins:
            sys.modules.pop(name, None)
        sys.modules.pop("spacy", None)
        import spacy
    return spacy


@lru_cache(maxsize=1)
def pipeline() -> Any:  # noqa: ANN401 - spaCy Language
    """`spacy.blank("vi")` with the syllable tokenizer, an agency EntityRuler and a topic matcher."""
    spacy = _import_spacy()
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

    Token.set_extension("word_start", getter=_word_start, force=True)
    Doc.set_extension("words", getter=_doc_words, force=True)
    Doc.set_extension("topics", default=[], force=True)
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "NORM"})
    ruler.add_patterns(
        [{"label": "AGENCY", "pattern": alias, "id": a["id"]} for a in agencies() for alias in a["aliases"]]
    )
    matcher = PhraseMatcher(nlp.vocab, attr="NORM")
    for t in topics():
        matcher.add(t["id"], [nlp.make_doc(p) for p in t["phrases"]])

    @Language.component("topic_tagger")
    def topic_tagger(doc: Doc) -> Doc:
        found: dict[str, None] = {}
        for match_id, _, _ in matcher(doc):
            found[nlp.vocab.strings[match_id]] = None
        doc._.topics = list(found)
        return doc

    nlp.add_pipe("topic_tagger", after="entity_ruler")
    return nlp


def agency_mentions(text: str) -> list[tuple[str, str, int]]:
    """(agency id, text as written, start offset) of each agency named in `text`, in order."""
    doc = pipeline()(text)
    return [(ent.ent_id_, ent.text, ent.start_char) for ent in doc.ents if ent.label_ == "AGENCY"]


def topics_of(text: str) -> list[str]:
    """Topic ids of rules/topics.yaml found in `text`."""
    return list(pipeline()(text)._.topics)
