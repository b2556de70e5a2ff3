"""Batch auditing of a folder: a process pool, a progress line, a per-file time limit, a cache, error rows.

Two passes. The first reads and parses every file of the folder and of the corpus (the place
where parents are looked for), in parallel; the second audits each plan against the parent its
citations name, in parallel, and writes its report. Parsed plans and audit results are cached in
an SQLite database, keyed by file content and by the versions of the code and the rule packs, so
a re-run redoes only what changed — and a warm re-run imports none of the heavy libraries.

One bad file never stops the run: it gets an error row with the reason, like every other file a row.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plan_audit import __version__
from plan_audit.files import file_hash, plan_files

DEFAULT_TIMEOUT = 120
"""Seconds one file may take in one pass; a scanned 80-page PDF under OCR stays well below."""
CACHE_NAME = ".plan_audit_cache.sqlite"


@dataclass
class Row:
    """One line of the dashboard and of summary.csv."""

    path: str
    status: str  # "ok" | "error"
    error: str | None = None
    level: str | None = None
    locality: str | None = None
    year: int | None = None
    number: str | None = None
    parent: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    summary: dict[str, int] = field(default_factory=dict)
    report: str | None = None
    seconds: float = 0.0


def _packs_key() -> str:
    """Code version and rule-pack contents: a change to any of them invalidates the cache."""
    from plan_audit.rules import rules_dir

    h = hashlib.sha256(__version__.encode())
    for p in sorted(rules_dir().glob("*.yaml")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


class Cache:
    """Parsed plans and audit results in one SQLite file, shared by the main process and the workers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path, timeout=60)
        # A cache, not a record: write-ahead log and no fsync per row (a lost row is recomputed).
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=OFF")
        with self.db:
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS parsed_v2 (sha TEXT, packs TEXT, head BLOB, plan BLOB, doc BLOB, PRIMARY KEY (sha, packs))"
            )
            self.db.execute("CREATE TABLE IF NOT EXISTS failed (sha TEXT, packs TEXT, reason TEXT, PRIMARY KEY (sha, packs))")
            self.db.execute("CREATE TABLE IF NOT EXISTS parents (corpus TEXT, sha TEXT, parent TEXT, PRIMARY KEY (corpus, sha))")
            self.db.execute(
                "CREATE TABLE IF NOT EXISTS audited_v4 (sha TEXT, parent TEXT, packs TEXT, lang TEXT, result TEXT, html TEXT,"
                " digest TEXT, PRIMARY KEY (sha, parent, packs, lang))"
            )

    def parsed(self, packs: str) -> set[str]:
        return {sha for (sha,) in self.db.execute("SELECT sha FROM parsed_v2 WHERE packs=?", (packs,))}

    def heads(self, packs: str) -> dict[str, Any]:
        """Header and citations of every parsed plan, by file hash: all that finding a parent needs."""
        rows = self.db.execute("SELECT sha, head FROM parsed_v2 WHERE packs=?", (packs,)).fetchall()
        return {sha: pickle.loads(blob) for sha, blob in rows}

    def failures(self, packs: str) -> dict[str, str]:
        return dict(self.db.execute("SELECT sha, reason FROM failed WHERE packs=?", (packs,)).fetchall())

    def document(self, sha: str, packs: str) -> tuple[Any, Any] | None:
        row = self.db.execute("SELECT doc, plan FROM parsed_v2 WHERE sha=? AND packs=?", (sha, packs)).fetchone()
        return (pickle.loads(row[0]), pickle.loads(row[1])) if row else None

    def put_parsed(self, sha: str, packs: str, head: bytes, plan: bytes, doc: bytes) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO parsed_v2 VALUES (?,?,?,?,?)", (sha, packs, head, plan, doc))

    def put_failed(self, sha: str, packs: str, reason: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO failed VALUES (?,?,?)", (sha, packs, reason))

    def parents(self, corpus: str) -> dict[str, str]:
        """Parents found before for this exact set of files (child sha → parent sha, "" for none)."""
        return dict(self.db.execute("SELECT sha, parent FROM parents WHERE corpus=?", (corpus,)).fetchall())

    def put_parents(self, corpus: str, found: dict[str, str]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO parents VALUES (?,?,?)", [(corpus, k, v) for k, v in found.items()])

    def digests(self, packs: str, lang: str) -> dict[tuple[str, str], str]:
        """Every audit done before with these packs and language: (sha, parent sha) → digest (summary, counts, header)."""
        rows = self.db.execute("SELECT sha, parent, digest FROM audited_v4 WHERE packs=? AND lang=?", (packs, lang))
        return {(sha, parent): digest for sha, parent, digest in rows}

    def result(self, sha: str, parent: str, packs: str, lang: str) -> tuple[str, str]:
        """The stored result JSON and report HTML of one audit."""
        return self.db.execute(
            "SELECT result, html FROM audited_v4 WHERE sha=? AND parent=? AND packs=? AND lang=?", (sha, parent, packs, lang)
        ).fetchone()

    def put_audited(self, sha: str, parent: str, packs: str, lang: str, result: str, html: str, digest: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO audited_v4 VALUES (?,?,?,?,?,?,?)", (sha, parent, packs, lang, result, html, digest))


@dataclass
class Stored:
    """An audit result: its digest always, its JSON and HTML once loaded (a warm run may never need them)."""

    sha: str
    parent: str
    digest: str
    text: str | None = None
    html: str | None = None

    def load(self, store: Cache, packs: str, lang: str) -> tuple[str, str]:
        if self.text is None or self.html is None:
            self.text, self.html = store.result(self.sha, self.parent, packs, lang)
        return self.text, self.html


@dataclass
class PlanHead:
    """The part of a plan that parent resolution reads (plan_audit.corpus.resolve_parent): cheap to load."""

    header: Any
    citations: list[Any]


class _Timeout(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _Timeout


def _limited(fn: Callable[..., Any], timeout: int, *args: Any) -> Any:  # noqa: ANN401
    """Run `fn` with a wall-clock limit (SIGALRM: workers are single-threaded Unix processes)."""
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)
    try:
        return fn(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _parse_job(path: str, sha: str, packs: str, cache: str, timeout: int, exact_pages: str) -> tuple[str, str | None]:
    """Pass 1 in a worker: read and parse one file into the cache; (sha, error message or None)."""
    from plan_audit.errors import PlanAuditError
    from plan_audit.ingest import read
    from plan_audit.parse import ensure_plan, parse

    store = Cache(Path(cache))
    try:
        doc = _limited(lambda p: read(p, exact_pages=exact_pages), timeout, Path(path))
        plan = ensure_plan(_limited(parse, timeout, doc))
    except PlanAuditError as exc:
        reason = exc.render()
    except _Timeout:
        reason = f"quá thời gian {timeout} giây / timed out after {timeout} s"
    except Exception as exc:  # a parser bug on one file must not stop the batch  # noqa: BLE001
        reason = f"{type(exc).__name__}: {exc}"
    else:
        head = PlanHead(plan.header, plan.citations)
        store.put_parsed(sha, packs, pickle.dumps(head), pickle.dumps(plan), pickle.dumps(doc))
        return sha, None
    store.put_failed(sha, packs, reason)
    return sha, reason


def _audit_job(
    path: str, sha: str, parent_path: str | None, parent_sha: str | None, packs: str, cache: str, lang: str, timeout: int
) -> tuple[str, str, str, str]:
    """Pass 2 in a worker: audit one parsed plan (against its parent) and render its report."""
    return _limited(_audit, timeout, path, sha, parent_path, parent_sha, packs, cache, lang)


def _audit(
    path: str, sha: str, parent_path: str | None, parent_sha: str | None, packs: str, cache: str, lang: str
) -> tuple[str, str, str, str]:
    from plan_audit.audit import audit, rule_packs
    from plan_audit.audit.align import coverage
    from plan_audit.corpus import Entry, forced_parent
    from plan_audit.report import check_json, coverage_json, parent_json
    from plan_audit.report.formats import render_html

    store = Cache(Path(cache))
    doc, plan = store.document(sha, packs)
    parent = _parent_document(store, parent_sha, packs) if parent_sha else None
    resolution = forced_parent(plan, Entry(Path(parent_path), *parent)) if parent and parent_path else None
    matrix = coverage(parent[0], parent[1], doc, plan) if parent else None
    findings = audit(doc, plan, lang=lang, parent=parent, resolution=resolution, coverage=matrix)
    result = check_json(plan, findings, rule_packs(), parent_json(resolution), coverage_json(doc, plan, parent, matrix))
    html = render_html(result, lang)
    text = json.dumps(result, ensure_ascii=False)
    digest = json.dumps(
        {"summary": result["summary"], "counts": _counts(result["findings"]), "head": _head(plan), "html_bytes": len(html.encode())}
    )
    store.put_audited(sha, parent_sha or "", packs, lang, text, html, digest)
    return sha, text, html, digest


_PARENTS: dict[str, tuple[Any, Any]] = {}


def _parent_document(store: Cache, sha: str, packs: str) -> tuple[Any, Any] | None:
    """A parent's document and plan, kept in the worker: many children share one parent."""
    if sha not in _PARENTS:
        if len(_PARENTS) > 8:
            _PARENTS.clear()
        found = store.document(sha, packs)
        if found is None:
            return None
        _PARENTS[sha] = found
    return _PARENTS[sha]


class Progress:
    """A one-line progress report on stderr: counts, percentage, elapsed time and ETA."""

    def __init__(self, total: int, label: str, *, enabled: bool = True) -> None:
        self.total, self.label, self.done, self.start = total, label, 0, time.perf_counter()
        self.enabled = enabled and total > 0

    def step(self, name: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.start
        eta = elapsed / self.done * (self.total - self.done)
        sys.stderr.write(
            f"\r{self.label} [{self.done:>{len(str(self.total))}}/{self.total}] {100 * self.done // self.total:3d}% "
            f"{elapsed:5.1f}s ETA {eta:5.1f}s {name[-40:]:<40}"
        )
        if self.done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _pool(jobs: int) -> Any:  # noqa: ANN401 - concurrent.futures.ProcessPoolExecutor
    """Workers started from a clean interpreter ("spawn"): they hold only what their pass imports."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"))


def _run(pool: Any, tasks: list[tuple[Callable[..., Any], tuple[Any, ...]]], progress: Progress) -> Iterable[Any]:  # noqa: ANN401
    """Results of `tasks` as they complete, in the pool's worker processes (or inline without a pool)."""
    from concurrent.futures import as_completed

    if pool is None:
        for fn, args in tasks:
            yield fn(*args)
            progress.step(_label(args))
        return
    futures = {pool.submit(fn, *args): args for fn, args in tasks}
    for future in as_completed(futures):
        yield future.result()
        progress.step(_label(futures[future]))


def _label(args: tuple[Any, ...]) -> str:
    """The file a task works on, for the progress line."""
    return Path(str(args[1][0] if callable(args[0]) else args[0])).name


def run_batch(
    root: Path,
    out: Path,
    *,
    corpus: Path | None = None,
    parent: Path | None = None,
    jobs: int | None = None,
    timeout: int = DEFAULT_TIMEOUT,
    lang: str = "vi",
    progress: bool = True,
    cache: Path | None = None,
    exact_pages: str = "none",
) -> list[Row]:
    """Audit every plan under `root`; write reports, the dashboard, summary.csv and results.jsonl to `out`.

    `exact_pages` chooses the PDF pages read by pdfplumber (see plan_audit.ingest.read); a batch
    reads them all with pypdfium2 by default — same text, positions and fonts, a fraction of the cost.
    """
    jobs = jobs or os.cpu_count() or 1
    out.mkdir(parents=True, exist_ok=True)
    cache_path = cache or out / CACHE_NAME
    store = Cache(cache_path)
    packs = _packs_key()
    files = list(plan_files(root))
    pool_files = {p.resolve(): p for p in files}
    for extra in ([parent] if parent else list(plan_files(corpus)) if corpus else []):
        pool_files.setdefault(extra.resolve(), extra)
    shas = {p: file_hash(p) for p in pool_files.values()}

    rows, results = _passes(jobs, files, shas, store, cache_path, packs, parent, timeout, lang, progress, exact_pages)
    for path, row in rows.items():  # shown relative to the folder audited, as the user named it
        row.path = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    return _write_outputs(root, out, files, rows, results, lang, store, packs)


def _pooled(jobs: int, tasks: list[tuple[Callable[..., Any], tuple[Any, ...]]], progress: Progress) -> Iterable[Any]:
    """Run one pass in its own pool, so that a worker never holds both passes' libraries (memory)."""
    if jobs <= 1 or len(tasks) <= 1:
        yield from _run(None, tasks, progress)
        return
    with _pool(min(jobs, len(tasks))) as pool:
        yield from _run(pool, tasks, progress)


def _passes(
    jobs: int,
    files: list[Path],
    shas: dict[Path, str],
    store: Cache,
    cache_path: Path,
    packs: str,
    parent: Path | None,
    timeout: int,
    lang: str,
    progress: bool,
    exact_pages: str,
) -> tuple[dict[Path, Row], dict[Path, Stored]]:
    # Pass 1: parse what the cache does not hold yet.
    known = store.parsed(packs) | set(store.failures(packs))
    todo = [p for p, sha in shas.items() if sha not in known]
    bar = Progress(len(todo), "đọc / read ", enabled=progress)
    jobs_ = [(_parse_job, (str(p), shas[p], packs, str(cache_path), timeout, exact_pages)) for p in todo]
    for _ in _pooled(jobs, jobs_, bar):
        pass

    # Parent resolution from the cached plans (small objects: headers and citations), remembered
    # for this exact set of files and rule packs.
    corpus_key = hashlib.sha256("".join(sorted(shas.values())).encode() + packs.encode() + str(parent).encode()).hexdigest()
    failures, done, known_parents = store.failures(packs), store.digests(packs, lang), store.parents(corpus_key)
    path_of = {sha: p for p, sha in shas.items()}
    lazy: dict[str, Any] = {}

    def heads() -> dict[str, Any]:
        from plan_audit.corpus import Entry

        if "heads" not in lazy:
            lazy["heads"] = store.heads(packs)
            lazy["entries"] = [Entry(p, None, lazy["heads"][s]) for p, s in shas.items() if s in lazy["heads"]]  # type: ignore[arg-type]
        return lazy["heads"]

    rows: dict[Path, Row] = {}
    tasks = []
    results: dict[Path, Stored] = {}
    found_now: dict[str, str] = {}
    for path in files:
        sha = shas[path]
        if sha in failures:
            rows[path] = Row(str(path), "error", error=failures[sha])
            continue
        if sha in known_parents:
            parent_sha = known_parents[sha] or None
        else:
            from plan_audit.corpus import resolve_parent

            entries = heads() and lazy["entries"]
            if parent is not None:
                found = next((e for e in entries if e.path.resolve() == parent.resolve()), None)
            else:
                found = resolve_parent(heads()[sha], [e for e in entries if shas[e.path] != sha]).parent
            parent_sha = shas[found.path] if found else None
            found_now[sha] = parent_sha or ""
        parent_path = path_of[parent_sha] if parent_sha else None
        hit = done.get((sha, parent_sha or ""))
        head = json.loads(hit)["head"] if hit else _head(heads()[sha])
        rows[path] = Row(str(path), "ok", parent=str(parent_path) if parent_path else None, **head)
        if hit:
            results[path] = Stored(sha, parent_sha or "", hit)
        else:
            args = (str(path), sha, str(parent_path) if parent_path else None, parent_sha, packs, str(cache_path), lang, timeout)
            tasks.append((_guard, (_audit_job, args)))
    if found_now:
        store.put_parents(corpus_key, found_now)

    # Pass 2: audit what the cache does not hold yet.
    by_sha = {shas[p]: p for p in files}
    bar = Progress(len(tasks), "rà soát / audit", enabled=progress)
    for sha, text, html, digest in _pooled(jobs, tasks, bar):
        path = by_sha[sha]
        if text is None:
            rows[path].status, rows[path].error = "error", html
        else:
            results[path] = Stored(sha, "", digest, text, html)
    return rows, results


def _guard(fn: Callable[..., tuple[str, str, str, str]], args: tuple[Any, ...]) -> tuple[str, str | None, str, str]:
    """Pass-2 job wrapper: an exception or a timeout becomes an error for that file only."""
    try:
        return fn(*args)
    except _Timeout:
        return args[1], None, f"quá thời gian {args[-1]} giây / timed out after {args[-1]} s", ""
    except Exception as exc:  # noqa: BLE001 - one file's failure is reported in its row
        return args[1], None, f"{type(exc).__name__}: {exc}", ""


def _head(plan: Any) -> dict[str, Any]:  # noqa: ANN401 - a Plan or PlanHead
    """The header fields a dashboard row shows."""
    h = plan.header
    return {"level": h.level, "locality": h.locality, "year": h.year, "number": h.number}


def _report_name(root: Path, path: Path) -> str:
    rel = path.relative_to(root) if path.is_relative_to(root) else Path(path.name)
    return "reports/" + "__".join(rel.parts) + ".html"  # plan.pdf and plan.docx get a report each


MANIFEST = ".plan_audit_manifest"


def _write_outputs(
    root: Path,
    out: Path,
    files: list[Path],
    rows: dict[Path, Row],
    results: dict[Path, Stored],
    lang: str,
    store: Cache,
    packs: str,
) -> list[Row]:
    """Reports, results.jsonl, summary.csv and the dashboard — left as they are when nothing changed."""
    (out / "reports").mkdir(exist_ok=True)
    ordered = [rows[p] for p in files]
    for path in files:
        row = rows[path]
        if path in results and row.status == "ok":
            data = json.loads(results[path].digest)
            row.summary, row.counts = data["summary"], data["counts"]
            row.report = _report_name(root, path)
            target = out / row.report
            if not (target.is_file() and target.stat().st_size == data["html_bytes"]):
                target.write_text(results[path].load(store, packs, lang)[1], encoding="utf-8")
    state = json.dumps([[r.path, r.status, r.error, r.parent, results[p].sha if p in results else None] for p, r in rows.items()])
    manifest = hashlib.sha256((state + packs + lang).encode()).hexdigest()
    outputs = [out / name for name in ("results.jsonl", "summary.csv", "index.html")]
    if (out / MANIFEST).is_file() and (out / MANIFEST).read_text() == manifest and all(p.is_file() for p in outputs):
        return ordered
    with (out / "results.jsonl").open("w", encoding="utf-8") as jsonl:
        for path in files:
            row = rows[path]
            if path in results and row.status == "ok":
                text = results[path].load(store, packs, lang)[0]
                head = json.dumps({"path": row.path, "status": "ok"}, ensure_ascii=False)
                jsonl.write(head[:-1] + ", " + text[1:] + "\n")  # the stored result, not parsed and re-encoded
            else:
                jsonl.write(json.dumps({"path": row.path, "status": "error", "error": row.error}, ensure_ascii=False) + "\n")
    from plan_audit.report.dashboard import render_dashboard, summary_csv

    (out / "summary.csv").write_text(summary_csv(ordered), encoding="utf-8", newline="")
    (out / "index.html").write_text(render_dashboard(ordered, lang), encoding="utf-8")
    (out / MANIFEST).write_text(manifest)
    return ordered


def _counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for f in findings:
        out[f["category"]] = out.get(f["category"], 0) + 1
    return out
