"""Start the portal under gunicorn on loopback for a benchmark, and load it."""

import http.client
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def bench_env(workdir, **extra):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="bench-only",
        ALLOWED_HOSTS=".localhost,127.0.0.1",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        SECURE_COOKIES="0",
        LOG_LEVEL="WARNING",
        PAGE_CACHE_LOCATION=str(workdir / "page-cache"),
        # Nothing of a run lands in the repository's var/.
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


class Server:
    """One gunicorn master with one sync worker on 127.0.0.1."""

    def __init__(self, env, port):
        self.env, self.port = env, port

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "portal.wsgi:application",
                "--workers", "1", "--bind", f"127.0.0.1:{self.port}",
                "--log-level", "warning",
            ],
            cwd=ROOT,
            env=self.env,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                get(self.port, "nanning.localhost", "/robots.txt")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)

    def worker_rss_mb(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        worker = children.read_text().split()[0]
        for line in Path(f"/proc/{worker}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")


def get(port, host, path, connection=None):
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": f"{host}:{port}"})
    response = connection.getresponse()
    body = response.read()
    if own:
        connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")
    return body


def measure(port, host, path, count):
    """Request a path ``count`` times in a row; return (rps, p50 ms, p95 ms)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    get(port, host, path, connection)
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        get(port, host, path, connection)
        timings.append((time.perf_counter() - start) * 1000)
    connection.close()
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return 1000 / statistics.mean(timings), statistics.median(timings), p95
