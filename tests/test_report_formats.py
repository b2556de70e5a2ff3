"""The HTML, Markdown, CSV and SARIF renderers on a real check result: a commune seed plan audited
against its district parent (corpora/fixtures/district-phu-cu-2022.txt), in both languages.

The SARIF is validated against the official OASIS SARIF 2.1.0 schema vendored in tests/data
(provenance and licence in tests/data/sarif-schema-2.1.0.LICENSE).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from plan_audit import __version__
from plan_audit.audit import audit, rule_packs
from plan_audit.audit.catalog import catalog
from plan_audit.corpus import Entry, forced_parent, read_plan
from plan_audit.report import check_json, coverage_json, parent_json
from plan_audit.report.formats import (
    CSV_COLUMNS,
    render_csv,
    render_html,
    render_markdown,
    render_sarif,
)

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "seeds" / "000_e075a402e8f200a1.txt"
PARENT = ROOT / "corpora" / "fixtures" / "district-phu-cu-2022.txt"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
LANGS = ("vi", "en")

# A quote no real plan gives us, to prove escaping in every format: commas, both kinds of quotes,
# a newline, markup, an ampersand and a Markdown pipe.
TRICKY = 'Điểm a, b, c: "trẻ em" <script>alert(1)</script> & \'x\' | y\n- dòng hai, "tiếp"'


def _result(lang: str, *, with_parent: bool = True) -> dict[str, Any]:
    doc, plan = read_plan(SEED)
    parent = resolution = None
    if with_parent:
        pdoc, pplan = read_plan(PARENT)
        resolution = forced_parent(plan, Entry(PARENT, pdoc, pplan))
        parent = (pdoc, pplan)
    findings = audit(doc, plan, lang=lang, parent=parent, resolution=resolution)
    return check_json(plan, findings, rule_packs(), parent_json(resolution), coverage_json(doc, plan, parent))


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    return {lang: _result(lang) for lang in LANGS}


@pytest.fixture(scope="module")
def tricky(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The real Vietnamese result plus one finding with a hostile quote and one with no evidence."""
    r = copy.deepcopy(results["vi"])
    r["findings"].append(
        {
            "id": "numbering.gap",
            "category": "numbering_gap",
            "severity": "info",
            "message": 'Số thứ tự "8" → "11", <b>thiếu</b> 9 & 10',
            "evidence": [{"quote": TRICKY, "page": 2, "line": 7}],
            "parent_evidence": [{"quote": "cấp trên, \"trích\"", "page": 1, "line": 0}],
            "suggestion": "Đánh lại số thứ tự, liên tục.",
        }
    )
    r["findings"].append(
        {
            "id": "section.required",
            "category": "missing_section",
            "severity": "error",
            "message": "Thiếu mục KINH PHÍ.",
            "evidence": [],
            "parent_evidence": [],
            "suggestion": "Bổ sung mục KINH PHÍ.",
        }
    )
    r["summary"] = {"error": r["summary"]["error"] + 1, "warning": r["summary"]["warning"], "info": r["summary"]["info"] + 1}
    return r


@pytest.fixture(scope="module")
def sarif_validator() -> Any:  # noqa: ANN401
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the draft the schema declares (draft-04)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_the_real_result_has_something_to_render(results: dict[str, dict[str, Any]]) -> None:
    for lang in LANGS:
        r = results[lang]
        assert r["parent"] is not None and r["parent"]["number"] == "38/KH-UBND"
        assert r["findings"], "the seed audited against its parent has findings"
        assert any(f["parent_evidence"] for f in r["findings"])
        assert r["coverage"], "the district plan assigns duties to communes"
        assert r["plan"]["targets"] and r["plan"]["reporting"]


# ---------------------------------------------------------------- SARIF


def _check_sarif(log: dict[str, Any], result: dict[str, Any], lang: str, validator: Any) -> None:  # noqa: ANN401
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "plan-audit" and driver["version"] == __version__
    assert "informationUri" not in driver

    specs = catalog()
    rules = driver["rules"]
    assert [r["id"] for r in rules[: len(specs)]] == [s.id for s in specs]
    level = {"error": "error", "warning": "warning", "info": "note"}
    for spec, rule in zip(specs, rules, strict=False):
        assert rule["shortDescription"]["text"] == spec.description[lang]
        assert rule["defaultConfiguration"]["level"] == level[spec.severity]
        assert rule["properties"]["category"] == spec.category

    assert len(run["results"]) == len(result["findings"])
    for res, f in zip(run["results"], result["findings"], strict=True):
        assert res["ruleId"] == f["id"]
        assert rules[res["ruleIndex"]]["id"] == f["id"]
        assert res["level"] == level[f["severity"]]
        assert res["message"]["text"] == f["message"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith(SEED.name)
        assert loc["region"]["startLine"] >= 1
        if f["evidence"]:
            assert loc["region"]["startLine"] == max(1, f["evidence"][0]["line"])
            assert loc["region"]["snippet"]["text"] == f["evidence"][0]["quote"]
            assert res["properties"]["page"] == f["evidence"][0]["page"]
            assert [x["physicalLocation"]["region"]["snippet"]["text"] for x in res["locations"]] == [
                e["quote"] for e in f["evidence"]
            ]
        assert res["properties"]["suggestion"] == f["suggestion"]
        related = res.get("relatedLocations", [])
        assert len(related) == len(f["parent_evidence"])
        for rel, e in zip(related, f["parent_evidence"], strict=True):
            if result["parent"]:
                assert rel["physicalLocation"]["artifactLocation"]["uri"].endswith(Path(result["parent"]["path"]).name)
                assert rel["physicalLocation"]["region"]["snippet"]["text"] == e["quote"]
                assert rel["physicalLocation"]["region"]["startLine"] >= 1


@pytest.mark.parametrize("lang", LANGS)
def test_sarif_validates_against_the_official_schema(results: dict, sarif_validator: Any, lang: str) -> None:  # noqa: ANN401
    log = json.loads(render_sarif(results[lang], lang))
    _check_sarif(log, results[lang], lang, sarif_validator)
    assert log["runs"][0]["language"] == lang
    levels = {r["level"] for r in log["runs"][0]["results"]}
    assert "error" in levels  # the seed misses duties the district assigns


def test_sarif_with_hostile_quotes_and_no_evidence(tricky: dict, sarif_validator: Any) -> None:  # noqa: ANN401
    log = json.loads(render_sarif(tricky, "vi"))
    _check_sarif(log, tricky, "vi", sarif_validator)
    last = log["runs"][0]["results"][-1]
    assert last["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    hostile = log["runs"][0]["results"][-2]
    assert hostile["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == TRICKY
    assert hostile["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1  # line 0 clamped


def test_sarif_without_parent(sarif_validator: Any) -> None:  # noqa: ANN401
    r = _result("en", with_parent=False)
    assert r["parent"] is None and r["coverage"] == []
    log = json.loads(render_sarif(r, "en"))
    _check_sarif(log, r, "en", sarif_validator)
    assert len(log["runs"][0]["artifacts"]) == 1


# ---------------------------------------------------------------- HTML


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text.append(data)

    def find(self, tag: str | None = None, cls: str | None = None, id_: str | None = None) -> list[dict[str, str | None]]:
        out = []
        for t, a in self.elements:
            if tag and t != tag:
                continue
            if cls and cls not in (a.get("class") or "").split():
                continue
            if id_ and a.get("id") != id_:
                continue
            out.append(a)
        return out


def _parse(page: str) -> _Elements:
    p = _Elements()
    p.feed(page)
    p.close()
    return p


def _assert_self_contained(page: str, p: _Elements) -> None:
    low = page.lower()
    assert "<link" not in low and "@import" not in low and "url(" not in low
    for tag, attrs in p.elements:
        for name in ("src", "href", "action", "poster", "srcset"):
            value = attrs.get(name)
            assert value is None or not value.strip().lower().startswith(("http:", "https:", "//")), (tag, name, value)
        if tag == "script":
            assert "src" not in attrs


@pytest.mark.parametrize("lang", LANGS)
def test_html_structure_quotes_and_no_external_resource(results: dict, lang: str) -> None:
    r = results[lang]
    page = render_html(r, lang)
    p = _parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert p.find("html")[0]["lang"] == lang
    assert "http://" not in page and "https://" not in page  # nothing in this plan is a URL either
    _assert_self_contained(page, p)

    for id_ in ("summary", "findings", "coverage", "targets", "reporting"):
        assert len(p.find(id_=id_)) == 1, id_
    assert p.find("table", id_="findings") and p.find("table", id_="coverage")
    assert p.find("table", id_="targets") and p.find("table", id_="reporting")

    rows = p.find("tr", cls="finding")
    assert len(rows) == len(r["findings"])
    assert [(a["data-severity"], a["data-category"]) for a in rows] == [
        (f["severity"], f["category"]) for f in sorted(r["findings"], key=lambda f: ("error", "warning", "info").index(f["severity"]))
    ]
    cov = p.find("tr", cls="coverage-row")
    assert [a["data-status"] for a in cov] == [c["status"] for c in r["coverage"]]
    assert {a["data-status"] for a in cov} <= {"covered", "partial", "missing"}
    assert len(p.find("tr", cls="target-row")) == len(r["plan"]["targets"])
    assert len(p.find("tr", cls="reporting-row")) == len(r["plan"]["reporting"])

    quotes = p.find("q", cls="quote")
    n_quotes = sum(len(f["evidence"]) + len(f["parent_evidence"]) for f in r["findings"])
    assert len(quotes) >= n_quotes + len(r["coverage"])
    for f in r["findings"]:
        assert str(escape(f["message"])) in page
        for e in f["evidence"] + f["parent_evidence"]:
            assert f'<q class="quote">{escape(e["quote"])}</q>' in page, e["quote"]
    for sev in ("error", "warning", "info"):
        badge = p.find("span", cls=f"sev-{sev}")
        assert badge, sev
    assert f'<span class="count">{r["summary"]["error"]}</span>' in page

    for pack in r["rule_packs"]:
        assert f'data-pack="{pack["id"]}"' in page
    assert "@media print" in page and "print-color-adjust: exact" in page and "page-break-inside: avoid" in page
    words = {"vi": ("Tổng hợp", "LỖI", "Chỉ tiêu", "Chế độ báo cáo", "Kế hoạch cấp trên"),
             "en": ("Summary", "ERROR", "Targets", "Reporting calendar", "Higher-level plan")}[lang]  # fmt: skip
    for w in words:
        assert w in page, w


def test_html_escapes_hostile_quotes(tricky: dict) -> None:
    page = render_html(tricky, "vi")
    p = _parse(page)
    _assert_self_contained(page, p)
    assert "<script>alert(1)</script>" not in page
    assert str(escape(TRICKY)) in page
    assert "&lt;b&gt;thiếu&lt;/b&gt; 9 &amp; 10" in page
    assert len(p.find("tr", cls="finding")) == len(tricky["findings"])
    assert "".join(p.script_text).count("alert") == 0  # the only script is the filter


def test_html_without_parent_has_no_coverage_table() -> None:
    r = _result("en", with_parent=False)
    page = render_html(r, "en")
    p = _parse(page)
    assert not p.find(id_="coverage") and not p.find(id_="parent")
    assert p.find(id_="findings") and p.find(id_="targets") and p.find(id_="reporting")


# ---------------------------------------------------------------- Markdown


@pytest.mark.parametrize("lang", LANGS)
def test_markdown(results: dict, lang: str) -> None:
    r = results[lang]
    md = render_markdown(r, lang)
    assert md.startswith("# ")
    for f in r["findings"]:
        assert f"`{f['id']}`" in md
    n_evidence = sum(len(f["evidence"]) + len(f["parent_evidence"]) for f in r["findings"])
    assert sum(1 for line in md.splitlines() if line.lstrip().startswith("> ")) >= n_evidence
    summary = {"vi": f"**{r['summary']['error']}** LỖI", "en": f"**{r['summary']['error']}** ERROR"}[lang]
    assert summary in md

    lines = md.splitlines()
    title = {"vi": "## Đối chiếu", "en": "## Duties"}[lang]
    heading = next(i for i, line in enumerate(lines) if line.startswith(title) and line.endswith(f"({len(r['coverage'])})"))
    table = []
    for line in lines[heading + 1 :]:
        if line.startswith("|"):
            table.append(line)
        elif table:
            break
    assert table[1].startswith("|---")
    body = table[2:]
    assert len(body) == len(r["coverage"])
    cells = [len(re.split(r"(?<!\\)\|", row)) for row in table]  # cells between unescaped pipes
    assert len(set(cells)) == 1, "every row of the coverage table has the same number of cells"


def test_markdown_escapes_hostile_quotes(tricky: dict) -> None:
    md = render_markdown(tricky, "vi")
    assert not re.search(r"(?<!\\)<script>", md) and "\\<script>" in md
    assert "  > \\- dòng hai, \"tiếp\"" in md  # a quote's second line stays in the blockquote, not a list
    assert "`section.required`" in md


# ---------------------------------------------------------------- CSV


@pytest.mark.parametrize("lang", LANGS)
def test_csv_round_trip(results: dict, lang: str) -> None:
    r = results[lang]
    text = render_csv(r, lang)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) - 1 == len(r["findings"])
    for row, f in zip(rows[1:], r["findings"], strict=True):
        d = dict(zip(CSV_COLUMNS, row, strict=True))
        assert (d["id"], d["category"], d["severity"], d["message"], d["suggestion"]) == (
            f["id"], f["category"], f["severity"], f["message"], f["suggestion"],
        )  # fmt: skip
        assert d["quote"] == "\n".join(e["quote"] for e in f["evidence"])
        assert d["parent_quote"] == "\n".join(e["quote"] for e in f["parent_evidence"])
        if f["evidence"]:
            assert (d["page"], d["line"]) == (str(f["evidence"][0]["page"]), str(f["evidence"][0]["line"]))
        if f["parent_evidence"]:
            assert (d["parent_page"], d["parent_line"]) == (str(f["parent_evidence"][0]["page"]), str(f["parent_evidence"][0]["line"]))


def test_csv_keeps_commas_quotes_and_newlines(tricky: dict) -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(tricky, "vi"), newline="")))
    assert len(rows) == len(tricky["findings"])
    hostile, empty = rows[-2], rows[-1]
    assert hostile["quote"] == TRICKY
    assert hostile["message"] == tricky["findings"][-2]["message"]
    assert hostile["parent_quote"] == 'cấp trên, "trích"'
    assert (hostile["page"], hostile["line"]) == ("2", "7")
    assert empty["quote"] == "" and empty["page"] == "" and empty["severity"] == "error"


def test_unknown_language_is_refused(results: dict) -> None:
    for render in (render_html, render_markdown, render_csv, render_sarif):
        with pytest.raises(ValueError, match="language"):
            render(results["vi"], "fr")
