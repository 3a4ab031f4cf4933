"""Build a knowledge base in a separate process with a memory and a wall-clock limit.

One hostile or broken upload must not take the bot down: `build_isolated` reads and builds the
files in a child process (multiprocessing "forkserver" context, safe beside the bot's threads
and asyncio loop) whose address space is capped with RLIMIT_AS, and kills it when it runs out
of time. The result is the same KnowledgeBase `builder.build_sources` returns in-process.

    kb = build_isolated([(name, data)], BuildLimits(memory_bytes=512 * MIB, seconds=60))

It blocks; from async code call it through `asyncio.to_thread`. Every failure is a PlanError
with a Chinese message: the file's own (PlanError subclasses, from the reader's ReadLimits
included) or a BuildLimitError naming the limit passed ("memory", "seconds") or "crash".
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from knowledge import errors
from knowledge.errors import BuildLimitError, PlanError
from knowledge.limits import DEFAULT_LIMITS, MIB, ReadLimits
from knowledge.models import KnowledgeBase

# Imported once by the fork server, so each child starts with them loaded (about 10 ms a build
# instead of a second of imports).
_PRELOAD = ["__main__", "knowledge.builder", "knowledge.readers", "docx", "pdfplumber", "pypdfium2"]


@dataclass(frozen=True)
class BuildLimits:
    """Limits on one isolated build.

    memory_bytes: address space the child may add to what it holds at start (the interpreter
    and the preloaded libraries, about 150-250 MB of virtual memory), default 512 MiB;
    seconds: wall-clock time for the whole build, default 60; read: per-file ReadLimits.
    """

    memory_bytes: int = 512 * MIB
    seconds: float = 60.0
    read: ReadLimits = field(default_factory=lambda: DEFAULT_LIMITS)


# The last build's memory in this process (for benchmarks): the child's peak resident set and peak
# address space (bytes, from /proc; 0 when unknown) and its address-space cap.
LAST_BUILD: dict[str, int] = {}


def build_isolated(sources: Sequence[tuple[str, bytes]], limits: BuildLimits | None = None) -> KnowledgeBase:
    """The knowledge base of `sources` ((file name, bytes) pairs), built in a child process
    within `limits`; raises PlanError (BuildLimitError for memory, time or a crash)."""
    limits = limits or BuildLimits()
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, list(sources), limits), daemon=True,
                            name="planbot-build")
    child.start()
    sender.close()  # the child holds the only sending end: EOF once it exits
    try:
        if not receiver.poll(limits.seconds):
            if child.is_alive():
                raise BuildLimitError(f"解析文件超时（超过 {limits.seconds:g} 秒），文件可能过大或过于复杂，请拆分后再发送。",
                                      limit="seconds", value=limits.seconds)
            raise _died(child, limits)
        try:
            outcome = receiver.recv()
        except (EOFError, OSError):
            raise _died(child, limits) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if isinstance(outcome[-1], dict) and "peak_rss" in outcome[-1]:
        LAST_BUILD.clear()
        LAST_BUILD.update(outcome[-1])
        outcome = outcome[:-1]
    return _result(outcome, limits)


def _context() -> Any:
    """The forkserver context (spawn where there is none), its server preloading the builder."""
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    context.set_forkserver_preload(_PRELOAD)
    return context


def _died(child: Any, limits: BuildLimits) -> BuildLimitError:
    """The error for a child that exited without an answer (killed by the kernel or a native
    library failing to allocate memory under the limit)."""
    child.join(5)
    return BuildLimitError(
        f"解析文件时进程异常退出（可能超出内存上限 {limits.memory_bytes // MIB} MB），请拆分后再发送。",
        limit="crash", value=limits.memory_bytes, detail=f"exit code {child.exitcode}")


def _result(outcome: tuple, limits: BuildLimits) -> KnowledgeBase:
    """Turn the child's answer back into a KnowledgeBase or the error it reported."""
    kind = outcome[0]
    if kind == "ok":
        return KnowledgeBase.model_validate_json(outcome[1])
    if kind == "memory":
        raise BuildLimitError(f"解析文件所需内存超过上限（{limits.memory_bytes // MIB} MB），请拆分后再发送。",
                              limit="memory", value=limits.memory_bytes, detail=outcome[1])
    if kind == "plan":
        _, class_name, message, detail, extra = outcome
        cls = getattr(errors, class_name, PlanError)
        if not (isinstance(cls, type) and issubclass(cls, PlanError)):
            cls = PlanError
        error = cls.__new__(cls)
        PlanError.__init__(error, message, detail=detail)
        error.__dict__.update(extra)
        raise error
    raise BuildLimitError("解析文件时出错，文件未被导入，请联系管理员检查该文件。", limit="crash", detail=outcome[1])


def _child(sender: Any, sources: list[tuple[str, bytes]], limits: BuildLimits) -> None:
    """In the child: cap the address space, build, send ("ok", json) or the error."""
    try:
        _cap_memory(limits.memory_bytes)
        from knowledge.builder import build_sources

        kb = build_sources(sources, limits=limits.read)
        del sources
        outcome: tuple = ("ok", kb.model_dump_json())
    except MemoryError:
        outcome = ("memory", traceback.format_exc(limit=5))
    except PlanError as exc:
        extra = {k: v for k, v in vars(exc).items() if k not in ("message", "detail")}
        outcome = ("plan", type(exc).__name__, exc.message, exc.detail, extra)
    except BaseException:  # noqa: BLE001  (reported to the parent as a crash, never lost)
        outcome = ("crash", traceback.format_exc(limit=10))
    try:
        sender.send((*outcome, _memory_figures(limits)))
    except MemoryError:
        sender.send(("memory", "sending the result"))
    finally:
        sender.close()


def _memory_figures(limits: BuildLimits) -> dict[str, int]:
    """This process's peak resident set and peak address space, and its address-space cap (bytes)."""
    figures = {"peak_rss": 0, "peak_vm": 0, "cap": 0}
    try:
        with open(f"/proc/{os.getpid()}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmPeak"):
                    figures["peak_rss" if key == "VmHWM" else "peak_vm"] = int(value.split()[0]) * 1024
        import resource

        figures["cap"] = resource.getrlimit(resource.RLIMIT_AS)[0]
    except (OSError, ValueError, ImportError):
        pass
    return figures


def _cap_memory(extra_bytes: int) -> None:
    """RLIMIT_AS = the address space the child already has + `extra_bytes` (Linux/Unix only)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + extra_bytes, resource.RLIM_INFINITY))


def _address_space() -> int:
    """This process's virtual memory size in bytes (0 when /proc is not there)."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
