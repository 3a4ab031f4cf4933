"""Admin services for people and words: admins, the abbreviation lexicon, the allowlist, usage insight."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot import insight
from bot.admin_base import AuditedAdmin
from bot.inputs import parse_id
from bot.replies import Reply
from bot.storage import admin as store
from bot.versions import Versions
from bot.who import Actor
from knowledge.lexicon import Entry


class AliasTable(Protocol):
    """What the admin service needs of the runtime abbreviation lexicon (knowledge.lexicon.Lexicon)."""

    def add(self, short: str, full: str) -> Any: ...  # noqa: D102

    def remove(self, short: str) -> Any: ...  # noqa: D102

    def entries(self) -> Any: ...  # noqa: D102


class PeopleAdmin(AuditedAdmin):
    """/admin, /alias, /unalias, /allow, /deny, /stats, /gaps, /audit (needs `lexicon`, `versions`, `tz`)."""

    lexicon: AliasTable | None
    versions: Versions
    tz: ZoneInfo

    # --- admins -------------------------------------------------------------------------------

    def admin_command(self, actor: Actor, args: list[str], commands: Sequence[tuple[str, str]] = ()) -> Reply:
        """/admin (list, with the admin `commands` and their descriptions) | /admin add <id> | /admin remove <id>."""
        if not self._allowed(actor):
            return self.refuse(actor, "admin", " ".join(args))
        configured = sorted(set(getattr(self.settings, "admin_ids", []) or []))
        if not args:
            with self.sessions() as session:
                added = [a.user_id for a in session.scalars(select(store.AdminUser))]
            return (Reply().title("管理员").line("配置文件：", "、".join(map(str, configured)) or "无")
                    .line("命令添加：", "、".join(map(str, added)) or "无")
                    .line("用法：/admin add 用户ID，/admin remove 用户ID").blank()
                    .title("管理命令").text("\n".join(f"/{n}  {d}" for n, d in commands)))
        if len(args) != 2 or args[0] not in ("add", "remove") or not _is_id(args[1]):
            return Reply().line("用法：/admin add 用户ID，/admin remove 用户ID（ID 为数字）。")
        verb, target = args[0], int(args[1])
        with self.sessions.begin() as session:
            row = session.get(store.AdminUser, target)
            if verb == "add":
                if row is None and target not in configured:
                    session.add(store.AdminUser(user_id=target, added_by=actor.id))
                message = f"已将 {target} 设为管理员。"
            elif target in configured:
                message = f"{target} 是配置文件中的管理员，需修改配置（PLANBOT_ADMIN_IDS）才能移除。"
            elif row is None:
                message = f"{target} 不是管理员。"
            else:
                session.delete(row)
                message = f"已移除管理员 {target}。"
        self.audit(actor, f"admin {verb}", str(target), "ok", message)
        return Reply().line(message)

    # --- aliases ------------------------------------------------------------------------------

    def apply_stored_aliases(self) -> int:
        """At start-up: apply the aliases admins added (and removed) to the lexicon."""
        if self.lexicon is None:
            return 0
        with self.sessions() as session:
            rows = list(session.scalars(select(store.Alias)))
        for row in rows:
            if row.full:
                self.lexicon.add(row.abbr, row.full)
            else:
                _lexicon_remove(self.lexicon, row.abbr)
        return len(rows)

    def alias(self, actor: Actor, args: list[str]) -> Reply:
        """/alias (list) or /alias 简称 全称: takes effect at once, stored, audited."""
        if not self._allowed(actor):
            return self.refuse(actor, "alias", " ".join(args))
        if not args:
            return self._alias_list()
        if len(args) != 2 or not all(1 <= len(a) <= 64 for a in args) or args[0] == args[1]:
            return Reply().line("用法：/alias 简称 全称，例如 /alias 规上 规模以上；/alias 查看全部；/unalias 简称 删除。")
        abbr, full = args
        if self.lexicon is not None:
            try:
                self.lexicon.add(abbr, full)
            except ValueError as exc:  # the lexicon explains in Chinese (empty, identical forms …)
                self.audit(actor, "alias", f"{abbr}={full}", "rejected", str(exc))
                return Reply().line(f"❌ {exc}")
        with self.sessions.begin() as session:
            row = session.get(store.Alias, abbr)
            if row is None:
                session.add(store.Alias(abbr=abbr, full=full, added_by=actor.id))
            else:
                row.full, row.added_by = full, actor.id
        self.audit(actor, "alias", f"{abbr}={full}", "ok")
        return Reply().line(f"已添加简称：{abbr} → {full}，立即生效。")

    def unalias(self, actor: Actor, args: list[str]) -> Reply:
        """/unalias 简称: removes it at once (a shipped one too), stored, audited."""
        if not self._allowed(actor):
            return self.refuse(actor, "unalias", " ".join(args))
        if len(args) != 1:
            return Reply().line("用法：/unalias 简称，例如 /unalias 规上。")
        abbr = args[0]
        known = abbr in dict(self._alias_entries())
        if not known:
            self.audit(actor, "unalias", abbr, "rejected", "unknown")
            return Reply().line(f"没有简称“{abbr}”。发送 /alias 查看全部。")
        if self.lexicon is not None:
            _lexicon_remove(self.lexicon, abbr)
        with self.sessions.begin() as session:
            row = session.get(store.Alias, abbr)
            # An empty full form is a tombstone: the shipped entry stays removed after a restart.
            if row is None:
                session.add(store.Alias(abbr=abbr, full="", added_by=actor.id))
            else:
                row.full, row.added_by = "", actor.id
        self.audit(actor, "unalias", abbr, "ok")
        return Reply().line(f"已删除简称：{abbr}，立即生效。")

    def _alias_entries(self) -> list[tuple[str, str]]:
        """(abbreviation, full form) pairs: the lexicon's, or the stored ones without a lexicon."""
        if self.lexicon is not None:
            return _lexicon_entries(self.lexicon)
        with self.sessions() as session:
            return [(a.abbr, a.full) for a in session.scalars(select(store.Alias)) if a.full]

    def _alias_list(self) -> Reply:
        """Every abbreviation, admin-added ones marked."""
        with self.sessions() as session:
            added = {a.abbr for a in session.scalars(select(store.Alias)) if a.full}
        entries = self._alias_entries()
        # The shipped everyday vocabulary (电瓶车 → 电动自行车, several hundred pairs) is counted, not
        # listed: the list is for the abbreviations admins look after.
        everyday = {(e.short, e.full) for e in self._everyday_entries()}
        shown = [(a, f) for a, f in entries if (a, f) not in everyday or a in added]
        reply = Reply().title(f"简称词表（{len(shown)} 条，★ 为管理员添加）")
        for abbr, full in shown:
            reply.line(f"{'★ ' if abbr in added else ''}{abbr} → {full}")
        if len(shown) < len(entries):
            reply.line(f"另有日常用语对照 {len(entries) - len(shown)} 条（如“电瓶车”读作“电动自行车”），随程序发布，不逐条列出。")
        return reply

    def _everyday_entries(self) -> list[Entry]:
        """The lexicon's everyday-wording entries, when it says which they are."""
        entries = self.lexicon.entries() if self.lexicon is not None else []
        return [e for e in entries if isinstance(e, Entry) and e.kind == "everyday"]

    # --- access list --------------------------------------------------------------------------

    def allow(self, actor: Actor, args: list[str]) -> Reply:
        """/allow <user or chat id> (no argument: list): lets them use the bot in allowlist mode."""
        if not self._allowed(actor):
            return self.refuse(actor, "allow", " ".join(args))
        if not args:
            with self.sessions() as session:
                ids = [e.id for e in session.scalars(select(store.AccessEntry))]
            configured = list(getattr(self.settings, "allowed_ids", []) or [])
            mode = getattr(self.settings, "access", "open")
            refused = "、".join(f"{r.id}（{r.count} 次）" for r in self.access.recent_refusals())
            return (Reply().title(f"访问控制：{'白名单' if mode == 'allowlist' else '开放'}模式")
                    .line("配置文件：", "、".join(map(str, configured)) or "无")
                    .line("命令添加：", "、".join(map(str, ids)) or "无")
                    .line("最近被拒绝：", refused or "无")
                    .line("用法：/allow ID，/deny ID（用户 ID 或群组 ID，群组 ID 为负数）"))
        if len(args) != 1 or not _is_id(args[0]):
            return Reply().line("用法：/allow ID（用户 ID 或群组 ID，群组 ID 为负数）。")
        target = int(args[0])
        with self.sessions.begin() as session:
            if session.get(store.AccessEntry, target) is None:
                session.add(store.AccessEntry(id=target, added_by=actor.id))
            refusal = session.get(store.AccessRefusal, target)
            if refusal is not None:
                session.delete(refusal)
        self.audit(actor, "allow", str(target), "ok")
        return Reply().line(f"已允许 {target} 使用本机器人。")

    def deny(self, actor: Actor, args: list[str]) -> Reply:
        """/deny <id>: removes it from the allowlist."""
        if not self._allowed(actor):
            return self.refuse(actor, "deny", " ".join(args))
        if len(args) != 1 or not _is_id(args[0]):
            return Reply().line("用法：/deny ID（用户 ID 或群组 ID）。")
        target = int(args[0])
        with self.sessions.begin() as session:
            row = session.get(store.AccessEntry, target)
            if row is not None:
                session.delete(row)
        configured = target in set(getattr(self.settings, "allowed_ids", []) or [])
        self.audit(actor, "deny", str(target), "ok" if row is not None else "noop")
        if configured:
            return Reply().line(f"{target} 在配置文件（PLANBOT_ALLOWED_IDS）中，需修改配置才能移除。")
        return Reply().line(f"已取消 {target} 的使用权限。" if row is not None else f"{target} 不在白名单中。")

    # --- insight ------------------------------------------------------------------------------

    def stats(self, actor: Actor, days: int = 7) -> Reply:
        """/stats: users, queries per day, top queries, subscriptions, digests sent and failed."""
        if not self._allowed(actor):
            return self.refuse(actor, "stats")
        self.audit(actor, "stats", "", "ok")
        return insight.stats_reply(self.sessions, self.tz, days, self.versions.state.version)

    def gaps(self, actor: Actor, days: int = 30) -> Reply:
        """/gaps: recent queries that found nothing, most frequent first."""
        if not self._allowed(actor):
            return self.refuse(actor, "gaps")
        self.audit(actor, "gaps", "", "ok")
        return insight.gaps_reply(self.sessions, self.tz, days)

    def audit_log(self, actor: Actor, limit: int = 20) -> Reply:
        """/audit: the latest admin actions."""
        if not self._allowed(actor):
            return self.refuse(actor, "audit")
        with self.sessions() as session:
            rows = store.recent_audit(session, limit)
        reply = Reply().title(f"操作记录（最近 {limit} 条）")
        for row in rows:
            at = row.created_at.astimezone(self.tz).strftime("%m-%d %H:%M")
            who = row.actor_name or (str(row.actor_id) if row.actor_id is not None else "命令行")
            reply.line(f"{at} {who} {row.action} {row.detail[:40]} → {row.result} {row.message[:60]}")
        return reply


def _is_id(text: str) -> bool:
    """A Telegram user or chat id (chat ids of groups are negative), of bounded length."""
    return parse_id(text, negative=True) is not None


def _lexicon_remove(lexicon: AliasTable, abbr: str) -> None:
    """Remove an abbreviation from the lexicon (absent is fine)."""
    with contextlib.suppress(KeyError):
        lexicon.remove(abbr)


def _lexicon_entries(lexicon: AliasTable) -> list[tuple[str, str]]:
    """The lexicon's (abbreviation, full form) pairs, whatever shape `entries()` returns."""
    entries = lexicon.entries()
    if isinstance(entries, dict):
        entries = entries.items()
    out: list[tuple[str, str]] = []
    for entry in entries:
        if isinstance(entry, tuple | list):
            abbr, full = entry[0], entry[1]
        else:  # knowledge.lexicon.Entry(short, full, kind)
            abbr = getattr(entry, "short", None) or getattr(entry, "abbr", str(entry))
            full = getattr(entry, "full", "")
        if isinstance(full, list | tuple):
            full = "、".join(full)
        out.append((str(abbr), str(full)))
    return sorted(out)
