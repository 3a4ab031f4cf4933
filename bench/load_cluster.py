"""The processes of the load benchmark, all on 127.0.0.1: a fake Bot API (tests/fakebot.py as a process),
webhook workers (`planbot run --webhook`), and a small round-robin proxy in front of them.

Used by bench/bench_load.py; nothing here listens beyond 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:BENCH-TOKEN"


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_http(url: str, timeout: float = 120.0) -> bool:
    """Poll `url` until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


@dataclass
class Cluster:
    """The fake Bot API and N webhook workers of one scenario (its own database schema and folder)."""

    workdir: Path
    db_url: str
    workers: int
    env: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    api_port: int = field(default_factory=free_port)
    ports: list[int] = field(default_factory=list)
    procs: dict[int, subprocess.Popen[bytes]] = field(default_factory=dict)
    api: subprocess.Popen[bytes] | None = None
    peaks: dict[int, int] = field(default_factory=dict)  # worker -> highest VmHWM seen (kB), over restarts
    resident: dict[int, int] = field(default_factory=dict)  # worker -> VmRSS at the last sample (kB)
    cpu: dict[int, float] = field(default_factory=dict)  # worker -> CPU seconds at the last sample
    api_cpu: float = 0.0

    def __post_init__(self) -> None:
        self.ports = [free_port() for _ in range(self.workers)]
        self.workdir.mkdir(parents=True, exist_ok=True)

    @property
    def api_url(self) -> str:
        """The fake Bot API's root."""
        return f"http://127.0.0.1:{self.api_port}"

    def start_api(self) -> None:
        """Start the fake Bot API process and wait until it serves."""
        args = [sys.executable, "-m", "tests.fakebot", "--port", str(self.api_port),
                "--calls", str(self.workdir / "calls.jsonl")]
        for file_id, path in self.files.items():
            args += ["--file", f"{file_id}={path}"]
        self.api = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert self.api.stdout is not None
        assert self.api.stdout.readline().strip() == b"ready"

    def worker_env(self, index: int) -> dict[str, str]:
        """The environment of worker `index`: its port, its tag in the fake API's paths, the shared database."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
        env.update({
            "PYTHONPATH": str(ROOT), "PLANBOT_TOKEN": TOKEN, "PLANBOT_DATABASE_URL": self.db_url,
            "PLANBOT_API_BASE_URL": f"{self.api_url}/w{index}/bot", "PLANBOT_API_FILE_URL": f"{self.api_url}/file/bot",
            "PLANBOT_WEBHOOK_URL": "https://bench.invalid/telegram", "PLANBOT_WEBHOOK_LISTEN": "127.0.0.1",
            "PLANBOT_WEBHOOK_PORT": str(self.ports[index]), "PLANBOT_DATA_DIR": str(self.workdir / f"data{index}"),
            "PLANBOT_LOG_FORMAT": "json",
        })
        env.update(self.env)
        return env

    def start_worker(self, index: int, wait: bool = True) -> None:
        """Start worker `index` (again, after a kill) and, with `wait`, wait for its /healthz."""
        log = open(self.workdir / f"worker{index}.log", "ab")  # noqa: SIM115 (the process owns it)
        self.procs[index] = subprocess.Popen([sys.executable, "-m", "bot", "run", "--webhook"], cwd=self.workdir,
                                             env=self.worker_env(index), stdout=log, stderr=subprocess.STDOUT)
        if wait and not wait_http(f"http://127.0.0.1:{self.ports[index]}/healthz"):
            raise RuntimeError(f"worker {index} did not start; see {self.workdir}/worker{index}.log")

    def wait_ready(self, index: int) -> bool:
        """Whether worker `index` answers /healthz (waiting up to two minutes)."""
        return wait_http(f"http://127.0.0.1:{self.ports[index]}/healthz")

    def kill(self, index: int) -> None:
        """kill -9 worker `index` (its memory peak is kept)."""
        self.sample_memory()
        self.procs[index].send_signal(signal.SIGKILL)
        self.procs[index].wait()

    def memory(self, index: int) -> tuple[int, int]:
        """(resident, peak resident) kB of worker `index` now (0, 0 when it is not running)."""
        try:
            status = Path(f"/proc/{self.procs[index].pid}/status").read_text()
        except (OSError, KeyError):
            return 0, 0
        values = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines()
                  if line.startswith(("VmRSS", "VmHWM"))}
        return values.get("VmRSS", 0), values.get("VmHWM", 0)

    def cpu_seconds(self, pid: int) -> float:
        """User + system CPU seconds a process has used."""
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def sample_memory(self) -> None:
        """Keep each worker's highest peak so far (and the CPU seconds of every process)."""
        if self.api is not None and self.api.poll() is None:
            self.api_cpu = self.cpu_seconds(self.api.pid)
        for index in self.procs:
            rss, peak = self.memory(index)
            if rss:
                self.resident[index] = rss
                self.cpu[index] = self.cpu_seconds(self.procs[index].pid)
            self.peaks[index] = max(self.peaks.get(index, 0), peak)

    def stop(self) -> list[dict[str, Any]]:
        """SIGTERM the workers, then the fake API; every Bot API call the workers made."""
        self.sample_memory()
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
        calls: list[dict[str, Any]] = []
        if self.api is not None:
            self.api.send_signal(signal.SIGTERM)
            self.api.wait(timeout=60)
            with open(self.workdir / "calls.jsonl", encoding="utf-8") as handle:
                calls = [json.loads(line) for line in handle]
        return calls


class RawHTTP:
    """A minimal HTTP/1.1 client over pooled keep-alive connections to 127.0.0.1 (the benchmark's own
    plumbing should cost little next to the workers: httpx costs ~10 ms of CPU per request here)."""

    def __init__(self, timeout: float = 180.0) -> None:
        self.timeout = timeout
        self.idle: dict[int, list[tuple[asyncio.StreamReader, asyncio.StreamWriter]]] = {}

    async def request(self, port: int, method: str, path: str, body: bytes = b"",
                      headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """(status, body); raises ConnectionError when the connection is refused or dropped."""
        pool = self.idle.setdefault(port, [])
        fresh = not pool
        reader, writer = pool.pop() if pool else await asyncio.open_connection("127.0.0.1", port)
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {len(body)}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        try:
            writer.write(head.encode() + b"\r\n" + body)
            await writer.drain()
            status, payload = await asyncio.wait_for(self._response(reader), self.timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
            writer.close()
            if not fresh:  # a kept-alive connection the server had closed: once more on a new one
                return await self.request(port, method, path, body, headers)
            raise ConnectionError(str(exc)) from exc
        pool.append((reader, writer))
        return status, payload

    @staticmethod
    async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        length = next((int(line.split(":", 1)[1]) for line in head[1:] if line.lower().startswith("content-length:")), 0)
        return status, await reader.readexactly(length)

    def close(self) -> None:
        """Close every pooled connection."""
        for pool in self.idle.values():
            for _, writer in pool:
                writer.close()
        self.idle.clear()


class RoundRobinProxy:
    """A reverse proxy on 127.0.0.1 spreading POSTs over the workers in turn; a worker that refuses the
    connection (down, restarting) is skipped for the next one, as Caddy's lb_try_duration does."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = ports
        self.port = free_port()
        self.turn = 0
        self.skipped = 0
        self.client = RawHTTP(timeout=120.0)
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        """Listen."""
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def close(self) -> None:
        """Stop listening and close the upstream connections."""
        if self.server is not None:
            self.server.close()
        self.client.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split()[1]
                headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
                body = await reader.readexactly(int(headers.get("Content-Length", "0")))
                status, payload = await self.forward(path, headers, body)
                writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: {len(payload)}\r\n\r\n".encode() + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def forward(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        """Send to the next worker; on a refused connection, to the one after (each worker once)."""
        keep = {k: v for k, v in headers.items() if k.lower() in ("content-type", "x-telegram-bot-api-secret-token")}
        for _ in range(len(self.ports)):
            port = self.ports[self.turn % len(self.ports)]
            self.turn += 1
            try:
                return await self.client.request(port, "POST", path, body, keep)
            except ConnectionRefusedError:
                self.skipped += 1
            except ConnectionError:  # the worker died mid-request: Telegram sees an error and re-sends
                return 502, b""
        return 502, b""
