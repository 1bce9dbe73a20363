"""Page benchmark: uncached, page-cached and static-file serving of the same bytes.

Run from the project root: `.venv/bin/python bench/pages.py [--requests N]`.
Targets on the 2-core machine: uncached p95 under 50 ms for home and article
pages (the column list has none); cached pages within 3 times the static
file's time at both p50 and p95; a worker under 250 MB after 1,000 requests.
Everything a run writes (database, static files, cache) is in a temporary
folder.
"""

import argparse
import socket
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import Server, bench_env, get, manage, measure  # noqa: E402

PAGES = {
    "home": "/",
    "column": "/upper-level/",
    "article": "/policies/policy-038/",
}
# Uncached p95 targets in ms; the column list has none.
UNCACHED_P95_TARGETS = {"home": 50, "article": 50}
CACHED_TO_STATIC_LIMIT = 3
HOST = "nanning.localhost"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepare(workdir, port):
    env = bench_env(workdir)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo", "--no-progress", "--port", str(port))
    manage(env, "collectstatic", "--no-input")
    return env


def write_reference_files(env, port, static_dir):
    """Save each page's bytes where the same server serves them as static files."""
    with Server(env, port):
        pages = {name: get(port, HOST, path) for name, path in PAGES.items()}
    static_dir.mkdir(parents=True, exist_ok=True)
    for name, body in pages.items():
        (static_dir / f"{name}.html").write_bytes(body)
    return {name: len(body) for name, body in pages.items()}


def run(count):
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        env = prepare(workdir, port)
        static_dir = workdir / "static" / "bench"
        sizes = write_reference_files(env, port, static_dir)
        with Server(env, port) as server:
            rows = measure_pages(port, count, "uncached")
            rows += measure_pages(port, count, "static")
            served = count * len(PAGES) * 2
            for _ in range(max(0, 1000 - served)):
                get(port, HOST, PAGES["article"])
            rss = server.worker_rss_mb()
        with Server(bench_env(workdir, PAGE_CACHE_SECONDS=300), port):
            rows += measure_pages(port, count, "cached")
        report(rows, sizes, rss, count)


def measure_pages(port, count, mode):
    rows = []
    for name, path in PAGES.items():
        url = f"/static/bench/{name}.html" if mode == "static" else path
        rows.append((name, mode, *measure(port, HOST, url, count)))
    return rows


def report(rows, sizes, rss, count):
    print(f"{count} sequential requests per row, one gunicorn sync worker, SQLite")
    print(
        f"{'page':<8} {'mode':<9} {'bytes':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}"
    )
    latency = {}
    for name, mode, rps, p50, p95 in rows:
        latency[name, mode] = (p50, p95)
        print(
            f"{name:<8} {mode:<9} {sizes[name]:>7} {rps:>8.0f} {p50:>8.2f} {p95:>8.2f}"
        )
    print()
    for name in PAGES:
        uncached = uncached_verdict(name, latency[name, "uncached"][1])
        cached = cached_verdict(latency[name, "cached"], latency[name, "static"])
        print(f"{name}: {uncached}; {cached}")
    verdict = "ok" if rss < 250 else "OVER"
    print(f"worker RSS after 1,000 requests: {rss:.0f} MB (target < 250 MB: {verdict})")


def uncached_verdict(name, p95):
    target = UNCACHED_P95_TARGETS.get(name)
    if target is None:
        return f"uncached p95 {p95:.1f} ms (no target)"
    verdict = "ok" if p95 < target else "OVER"
    return f"uncached p95 {p95:.1f} ms (target < {target}: {verdict})"


def cached_verdict(cached, static):
    """Compare cached with static serving at the median and the tail alike."""
    ratios = [c / s for c, s in zip(cached, static, strict=True)]
    verdict = "ok" if all(r <= CACHED_TO_STATIC_LIMIT for r in ratios) else "OVER"
    return (
        f"cached/static p50 {ratios[0]:.2f}x, p95 {ratios[1]:.2f}x "
        f"(target both <= {CACHED_TO_STATIC_LIMIT}x: {verdict})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    run(parser.parse_args().requests)
