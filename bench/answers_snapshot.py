"""Print the console's rendered reply to every development query and every command (a regression snapshot).

The replies come from `planbot console` run as a process on piped input (the same path as
`planbot ask`: settings from the environment, the database migrated, the live knowledge base,
the console routes), with a fixed PLANBOT_TODAY and a fresh SQLite database, so two runs on the
same code print the same text. Save the output of one version and diff it with another's:

    python bench/answers_snapshot.py > /tmp/answers-before.txt
    ... change the code ...
    python bench/answers_snapshot.py > /tmp/answers-after.txt
    diff /tmp/answers-before.txt /tmp/answers-after.txt

Queries: tests/data/gold/queries-dev.json and bench/queries-*.json (their questions only; the
expected answers are not read). Commands: the chat, digest and admin commands with typical
arguments, and a few button presses (typed numbers) after lists and answers. Commands whose
replies carry the wall-clock time (/versions, /stats, /gaps, /audit) are left out.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY_FILES = [ROOT / "tests" / "data" / "gold" / "queries-dev.json", *sorted((ROOT / "bench").glob("queries-*.json"))]
TODAY = "2024-12-20"

# Each inner list is typed in order; a number presses the numbered button of the reply before it.
COMMANDS: list[list[str]] = [
    ["/start"], ["/help"], ["/version"], ["/docs", "1"], ["/docs", "5"],
    ["/outline", "2", "1", "1"], ["/outline 2"], ["/outline 大港"], ["/outline 不存在的文件"],
    ["/indicators", "9", "1"], ["/indicators", "10"], ["/indicators 1"], ["/indicators 固定资产"],
    ["/indicators 火星"],
    ["/tasks", "10"], ["/tasks 老旧小区", "1"], ["/tasks 改造"], ["/tasks 火星"],
    ["/term"], ["/term 一街四所"], ["/term 双碳"], ["/term 火星"],
    ["/find"], ["/find 固投", "2", "1"], ["规上工业总产值2025年目标", "6", "7"], ["老旧小区改造什么时候完成", "2"],
    ["什么是一街四所"], ["火星基地"], ["gdzctz"], ["固定资产投资", "5"], ["安全生产", "6", "1"],
    ["/nosuchcommand"],
    ["/subscriptions"], ["/subscribe 帮助"], ["/subscribe 周八"], ["/subscribe 文件:不存在"],
    ["/subscribe 老旧小区 周四 16:00 30天"], ["/subscriptions", "1", "3", "6", "16", "17"],
    ["/digest"], ["/due"], ["/due 30 安全"], ["/due 400"], ["/overdue"], ["/overdue 改造", "3"],
    ["/ics"], ["/unsubscribe 全部"], ["/unsubscribe"],
    ["/admin"], ["/alias"], ["/alias 规上"], ["/unalias"], ["/allow"], ["/allow abc"], ["/deny"],
    ["/rollback"], ["/rollback 99"], ["/remove 不存在的文件"], ["/reload"],
]


def queries() -> list[str]:
    """Every query of the development and bench query files, in file order, without repeats."""
    seen: dict[str, None] = {}
    for path in QUERY_FILES:
        for item in json.loads(path.read_text(encoding="utf-8")):
            q = str(item.get("q", "")).strip()
            if q and not q.isdigit():
                seen.setdefault(q, None)
    return list(seen)


def run_console(lines: list[str], workdir: Path) -> str:
    """The console's transcript for these typed lines (a fresh SQLite database in `workdir`)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANBOT_") and k != "DATABASE_URL"}
    env.update({"PYTHONPATH": str(ROOT), "PLANBOT_TODAY": TODAY, "PLANBOT_ACCESS": "open",
                "PLANBOT_DATABASE_URL": f"sqlite:///{workdir}/snapshot.db"})
    done = subprocess.run([sys.executable, "-m", "bot", "console"], cwd=workdir, env=env,
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"console failed ({done.returncode}):\n{done.stderr}")
    return done.stdout


def main() -> int:
    """Print the transcript: every query, then every command sequence."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries-only", action="store_true")
    args = parser.parse_args()
    lines = queries()
    if not args.queries_only:
        for sequence in COMMANDS:
            lines.extend(sequence)
    with tempfile.TemporaryDirectory() as tmp:
        sys.stdout.write(run_console(lines, Path(tmp)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
