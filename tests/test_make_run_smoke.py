"""The `make run` path on the embedded default: SQLite, no other server."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.fixture
def sqlite_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DEMO_ADMIN_PASSWORD": "smoke-test-password",
    }
    return env


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.status, response.read().decode()


def test_sqlite_demo_serves_every_site(sqlite_env):
    port = free_port()
    manage("migrate", "--no-input", env=sqlite_env)
    loaded = manage("load_demo", "--no-progress", "--port", str(port), env=sqlite_env)

    assert f"http://xingning.localhost:{port}/" in loaded.stdout
    assert "用户名 admin" in loaded.stdout
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT, env=sqlite_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, html = fetch(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        assert status == 200 and "南宁市人民政府门户网站" in html
        for host in ("xingning", "xixiangtang", "sfj"):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/",
                headers={"Host": f"{host}.localhost:{port}"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                assert f"{host}.localhost" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=10)
