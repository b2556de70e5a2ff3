"""The `plan-audit` command.

Exit codes: 0 = done, no error-severity finding; 1 = error-severity findings; 2 = the input or
the command could not be processed (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from plan_audit import __version__
from plan_audit.errors import PlanAuditError
from plan_audit.messages import default_lang

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("vi", "en"), default=None, help="message language (default vi)")
    p = argparse.ArgumentParser(prog="plan-audit", description="Read and audit Vietnamese plans (KẾ HOẠCH).")
    p.add_argument("--version", action="version", version=f"plan-audit {__version__}")
    sub = p.add_subparsers(dest="command", required=True)
    parse = sub.add_parser("parse", parents=[common], help="read a plan and print it")
    parse.add_argument("file")
    parse.add_argument("--format", choices=("text", "json"), default="text")
    parse.add_argument("--no-ocr", action="store_true", help="refuse scanned PDFs instead of running OCR")
    check = sub.add_parser("check", parents=[common], help="audit a plan: every check, findings with evidence")
    check.add_argument("file")
    check.add_argument("--format", choices=("text", "json", "html", "md", "csv", "sarif"), default="text")
    check.add_argument("-o", "--output", default=None, help="write the report to this file instead of stdout")
    check.add_argument("--only", default=None, help="run only the checks whose id matches this regular expression")
    higher = check.add_mutually_exclusive_group()
    higher.add_argument("--parent", default=None, help="the higher-level plan to cross-check against")
    higher.add_argument("--corpus", default=None, help="a folder holding the higher-level plan the plan cites")
    check.add_argument("--no-ocr", action="store_true", help="refuse scanned PDFs instead of running OCR")
    rules = sub.add_parser("rules", parents=[common], help="list every check: id, category, severity, description")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    batch = sub.add_parser("batch", parents=[common], help="audit every plan of a folder: dashboard, CSV, JSONL, reports")
    batch.add_argument("folder")
    batch.add_argument("-o", "--output", required=True, help="folder for index.html, summary.csv, results.jsonl, reports/")
    source = batch.add_mutually_exclusive_group()
    source.add_argument("--parent", default=None, help="cross-check every plan against this higher-level plan")
    source.add_argument("--corpus", default=None, help="folder where parents are looked for (default: the folder itself)")
    batch.add_argument("--jobs", type=int, default=None, help="worker processes (default: the number of cores)")
    batch.add_argument("--timeout", type=int, default=120, help="seconds allowed per file and pass")
    batch.add_argument("--cache", default=None, help="cache database (default: OUTPUT/.plan_audit_cache.sqlite)")
    batch.add_argument("--quiet", action="store_true", help="no progress line")
    batch.add_argument(
        "--pdfplumber-pages",
        choices=("none", "first", "edges", "all"),
        default="none",
        help="PDF pages read with pdfplumber instead of pypdfium2 (same text; pdfplumber is much slower)",
    )
    ev = sub.add_parser("eval", parents=[common], help="precision/recall of extraction against gold annotations")
    ev.add_argument("gold_dir", nargs="?", default="corpora/gold")
    ev.add_argument("--pairs", action="store_true", help="the folder holds parent/child answer keys (corpora/pairs)")
    ev.add_argument(
        "--mutations", action="store_true", help="with answer keys: also plant defects in each child and report the detection rate"
    )
    ev.add_argument(
        "--document", default=None, help="read another rendering of each annotated plan, e.g. 'corpora/rendered/{stem}.pdf'"
    )
    return p


def _cmd_parse(args: argparse.Namespace) -> int:
    from plan_audit.ingest import read
    from plan_audit.render_document import document_text

    doc = read(args.file, ocr="never" if args.no_ocr else "auto")
    if args.format == "json":
        from plan_audit.parse import ensure_plan, parse
        from plan_audit.plan_json import plan_json

        json.dump(plan_json(ensure_plan(parse(doc))), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(document_text(doc, args.lang))
    return EXIT_OK


def _write(text: str, output: str | None) -> None:
    if output:
        from pathlib import Path

        with Path(output).open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)


def _cmd_check(args: argparse.Namespace) -> int:
    from pathlib import Path

    from plan_audit.audit import audit, rule_packs
    from plan_audit.corpus import Corpus, Entry, forced_parent, read_plan
    from plan_audit.report import check_json, coverage_json, parent_json, render_text

    path = Path(args.file)
    from plan_audit.parse import ensure_plan, parse

    if args.no_ocr:
        from plan_audit.ingest import read

        doc = read(path, ocr="never")
        plan = parse(doc)
    else:
        doc, plan = read_plan(path)
    ensure_plan(plan)
    resolution = None
    if args.parent:
        pdoc, pplan = read_plan(Path(args.parent))
        resolution = forced_parent(plan, Entry(Path(args.parent), pdoc, pplan))
    elif args.corpus:
        folder = Path(args.corpus)
        if not folder.is_dir():
            raise PlanAuditError("not_a_folder", path=folder)
        resolution = Corpus(folder).resolve(plan, exclude=path)
    parent = (resolution.parent.doc, resolution.parent.plan) if resolution and resolution.parent else None
    matrix = None
    if parent is not None:
        from plan_audit.audit.align import coverage

        matrix = coverage(parent[0], parent[1], doc, plan)
    findings = audit(doc, plan, lang=args.lang, only=args.only, parent=parent, resolution=resolution, coverage=matrix)
    packs = rule_packs()
    cov = coverage_json(doc, plan, parent, matrix)
    result = check_json(plan, findings, packs, parent_json(resolution), cov)
    if args.format == "json":
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "text":
        text = render_text(plan, findings, packs, args.lang, parent=parent_json(resolution), coverage=cov)
    else:
        from plan_audit.report import formats

        render = {"html": formats.render_html, "md": formats.render_markdown, "csv": formats.render_csv, "sarif": formats.render_sarif}
        text = render[args.format](result, args.lang)
    _write(text, args.output)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _cmd_rules(args: argparse.Namespace) -> int:
    from plan_audit.audit.catalog import catalog

    specs = catalog()
    if args.format == "json":
        rows = [
            {"id": c.id, "category": c.category, "severity": c.severity, "extends": c.extends, "description": c.description}
            for c in specs
        ]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    width = max(len(c.id) for c in specs)
    for c in specs:
        print(f"{c.id:<{width}}  {c.category:<24} {c.severity:<8} {c.description[args.lang]}")
    return EXIT_OK


def _cmd_batch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from plan_audit.batch import run_batch

    folder = Path(args.folder)
    if not folder.is_dir():
        raise PlanAuditError("not_a_folder", path=folder)
    rows = run_batch(
        folder,
        Path(args.output),
        corpus=Path(args.corpus) if args.corpus else None,
        parent=Path(args.parent) if args.parent else None,
        jobs=args.jobs,
        timeout=args.timeout,
        lang=args.lang,
        progress=not args.quiet,
        cache=Path(args.cache) if args.cache else None,
        exact_pages=args.pdfplumber_pages,
    )
    failed = sum(r.status != "ok" for r in rows)
    errors = sum(r.summary.get("error", 0) > 0 for r in rows)
    done = "đã rà soát" if args.lang == "vi" else "audited"
    print(f"{done}: {len(rows) - failed}/{len(rows)}; {Path(args.output) / 'index.html'}", file=sys.stderr)
    return EXIT_FINDINGS if errors else EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from plan_audit.evaluate import evaluate, format_report

    folder = Path(args.gold_dir)
    if not folder.is_dir() or not any(folder.rglob("*.yaml")):
        raise PlanAuditError("missing_file", path=folder)
    if folder.name == "pairs" or args.pairs or args.mutations:
        from plan_audit.pair_eval import evaluate_pairs

        report, status = evaluate_pairs(folder)
        print(format_report(report))
        print(f"\ncoverage status agreement: {status['status_agreement']:.3f} over {status['obligations']} obligations")
        if args.mutations:
            from plan_audit.mutations import format_tallies, run

            print("\n" + format_tallies(run(folder)))
    else:
        print(format_report(evaluate(folder, document=args.document)))
    return EXIT_OK


COMMANDS = {"parse": _cmd_parse, "check": _cmd_check, "batch": _cmd_batch, "rules": _cmd_rules, "eval": _cmd_eval}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (see module docstring)."""
    args = _parser().parse_args(argv)
    lang = args.lang or default_lang()
    args.lang = lang
    try:
        return COMMANDS[args.command](args)
    except PlanAuditError as exc:
        print(f"plan-audit: {exc.render(lang)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the promise to users: one line, never a traceback
        if os.environ.get("PLAN_AUDIT_DEBUG"):
            raise
        what = "lỗi nội bộ" if lang == "vi" else "internal error"
        print(f"plan-audit: {what}: {type(exc).__name__}: {exc} (PLAN_AUDIT_DEBUG=1)", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
