"""The digest service: subscriptions, on-demand digests, task marks, calendar export — chat-agnostic.

Telegram handlers and the console call these methods through the command registry, which lets
only group admins change a group's subscriptions (bot.commands), and send the `Reply` they return.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from bot.callback_data import PLAIN, DigestAction
from bot.digest_render import render_digest, render_task_card
from bot.inputs import parse_id
from bot.kbstate import Active, KnowledgeState
from bot.replies import Attachment, Button, Reply
from bot.storage import digests as store
from bot.subscription_view import describe, filters_of, settings_reply
from knowledge.desk.office import OfficeMap
from knowledge.digest.engine import (
    DEFAULT_WINDOW,
    URGENCIES,
    Digest,
    DigestEngine,
    DigestFilters,
    DueItem,
    urgency_of,
)
from knowledge.digest.ics import calendar_ics
from knowledge.digest.options import SUBSCRIBE_HELP, OptionError, SubscribeRequest, parse_subscribe
from knowledge.listing import DEFAULT_WINDOW_DAYS, horizon_end
from knowledge.models import KnowledgeBase, Task

SNOOZE_DAYS = 7
# The periods a due question names (本周到期的…, 年底前要完成的…), as the reply says them.
HORIZON_LABELS = {"week": "本周", "month": "本月", "next_month": "下月底前", "year": "年底前"}
ON_DEMAND_PER_GROUP = 10
NO_DB = "订阅功能需要数据库，当前未配置。"


class EngineCache:
    """One DigestEngine per active knowledge base (rebuilt when an admin reloads the plans), told the
    office's progress (`office`: completion and approved extensions) each time it is taken."""

    def __init__(self, state: KnowledgeState, office: Callable[[KnowledgeBase], OfficeMap] | None = None) -> None:
        self.state = state
        self.office = office
        self._active: Active | None = None
        self._engine: DigestEngine | None = None

    def __call__(self) -> DigestEngine:
        """The engine of the currently active knowledge base."""
        active = self.state.active
        if self._engine is None or self._active is not active:
            self._engine = DigestEngine(active.kb, active.index)
            self._active = active
        if self.office is not None:
            self._engine.set_office(self.office(active.kb))
        return self._engine


class DigestService:
    """Every digest feature behind one interface; `now` gives the local time (PLANBOT_TODAY aware)."""

    def __init__(self, state: KnowledgeState, sessions: sessionmaker[Session] | None,
                 now: Callable[[], dt.datetime], office: Callable[[KnowledgeBase], OfficeMap] | None = None) -> None:
        self.engine = EngineCache(state, office)
        self.sessions = sessions
        self.now = now

    def today(self) -> dt.date:
        """Today's date as the digests see it."""
        return self.now().date()

    # --- subscribe / list / unsubscribe ------------------------------------------------------
    def subscribe(self, chat_id: int, user_id: int | None, text: str) -> Reply:
        """/subscribe: create a subscription, or update the one with the same filters."""
        if self.sessions is None:
            return Reply().line(NO_DB)
        if text.strip() in ("帮助", "help", "?", "？"):
            return Reply().text(SUBSCRIBE_HELP)
        try:
            req = parse_subscribe(text)
        except OptionError as exc:
            return Reply().line(f"⚠️ {exc}").blank().text(SUBSCRIBE_HELP)
        engine = self.engine()
        problem = engine.filter_problem(req.doc, req.unit)
        if problem:
            return Reply().line(f"⚠️ {problem}")
        with self.sessions() as session:
            sub = store.same_filters(session, chat_id, req.keywords, req.doc, req.unit)
            created = sub is None
            if sub is None:
                # Created "now" on the digests' clock (PLANBOT_TODAY aware): periods scheduled
                # before this moment are not sent.
                sub = store.Subscription(chat_id=chat_id, user_id=user_id, created_at=self.now())
                sub.keyword_list = req.keywords
                sub.doc, sub.unit = req.doc, req.unit
                sub.weekday, sub.send_time = store.MONDAY, store.DEFAULT_TIME
                sub.window_days, sub.quiet, sub.send_empty, sub.paused = DEFAULT_WINDOW, False, True, False
                sub.ledger = False
                session.add(sub)
            self._apply(sub, req)
            sub.paused, sub.pause_reason = False, None
            session.commit()
            reply = settings_reply(sub, self.now(), "✅ 已订阅截止任务周报" if created else "✅ 已更新订阅")
        reply.replace = False
        matched = engine.matching_ids(req.filters)
        if matched is not None and not matched:
            reply.line("提示：目前没有任务符合这些条件，知识库更新后符合的任务会出现在周报里。")
        return reply

    @staticmethod
    def _apply(sub: store.Subscription, req: SubscribeRequest) -> None:
        if req.weekday is not None:
            sub.weekday = req.weekday
        if req.send_time is not None:
            sub.send_time = req.send_time
        if req.window is not None:
            sub.window_days = req.window
        if req.quiet is not None:
            sub.quiet = req.quiet
        if req.send_empty is not None:
            sub.send_empty = req.send_empty
        if req.ledger is not None:
            sub.ledger = req.ledger


    def list_subscriptions(self, chat_id: int) -> Reply:
        """/subscriptions: the chat's subscriptions, each with 修改 and 退订 buttons."""
        if self.sessions is None:
            return Reply().line(NO_DB)
        with self.sessions() as session:
            subs = store.chat_subscriptions(session, chat_id)
        if not subs:
            return Reply().line("本聊天还没有订阅。发送 /subscribe 订阅每周截止任务提醒（/subscribe 帮助 查看用法）。")
        reply = Reply(replace=True).title(f"📬 本聊天的订阅（{len(subs)}）")
        for sub in subs:
            reply.line(describe(sub))
            reply.row(Button(f"⚙️ 修改 #{sub.id}", PLAIN.encode(DigestAction("set", (str(sub.id),)))),
                      Button(f"🗑 退订 #{sub.id}", PLAIN.encode(DigestAction("rm", (str(sub.id),)))))
        return reply

    def unsubscribe(self, chat_id: int, arg: str) -> Reply:
        """/unsubscribe [编号|全部]: remove one or all of the chat's subscriptions."""
        if self.sessions is None:
            return Reply().line(NO_DB)
        arg = arg.strip().lstrip("#＃")
        with self.sessions() as session:
            subs = store.chat_subscriptions(session, chat_id)
            if not subs:
                return Reply().line("本聊天没有订阅。")
            if arg in ("全部", "all", "所有"):
                chosen = subs
            elif arg:
                chosen = [s for s in subs if str(s.id) == arg]
                if not chosen:
                    return Reply().line(f"没有编号为 {arg} 的订阅。发送 /subscriptions 查看本聊天的订阅。")
            elif len(subs) == 1:
                chosen = subs
            else:
                return self.list_subscriptions(chat_id).line("请选择要退订的订阅，或发送 /unsubscribe 编号 / /unsubscribe 全部。")
            for sub in chosen:
                store.delete_subscription(session, sub)
            session.commit()
        return Reply().line("已退订：" + "、".join(f"#{s.id}" for s in chosen) + "。")

    # --- on-demand digests -------------------------------------------------------------------
    def _hidden(self, chat_id: int) -> set[str]:
        if self.sessions is None:
            return set()
        with self.sessions() as session:
            return store.hidden_tasks(session, [chat_id], self.today())[chat_id]

    def due(self, chat_id: int, arg: str) -> Reply:
        """/due [天数] [关键词…]: tasks due within the days (default 14), nearest first."""
        tokens = arg.split()
        days = DEFAULT_WINDOW
        if tokens and tokens[0].rstrip("天日").isdigit():
            days = int(tokens.pop(0).rstrip("天日"))
            if not 1 <= days <= 365:
                return Reply().line("天数须在 1 到 365 之间，例如 /due 30。")
        engine = self.engine()
        digest = engine.compute(DigestFilters(tuple(tokens)), self.today(), days, exclude=self._hidden(chat_id),
                                groups=("soon", "window"), per_group=ON_DEMAND_PER_GROUP)
        return render_digest(engine, digest, heading=f"{days} 天内到期的任务", empty=f"{days} 天内没有到期的任务")

    def overdue(self, chat_id: int, arg: str) -> Reply:
        """/overdue [关键词…]: tasks past their deadline and not marked done, most recent first."""
        engine = self.engine()
        digest = engine.compute(DigestFilters(tuple(arg.split())), self.today(), DEFAULT_WINDOW,
                                exclude=self._hidden(chat_id), groups=("overdue",),
                                per_group=ON_DEMAND_PER_GROUP)
        if digest.is_empty:
            return Reply().line(f"📋 {self.today().isoformat()}：没有逾期的任务。")
        return render_digest(engine, digest, heading="逾期任务", period="")

    def of_tasks(self, chat_id: int, tasks: list[Task], overdue: bool, scope: str = "",
                 horizon: str | None = None, docs: str = "") -> Reply:
        """Tasks a question found (逾期的…, 本月到期的…) as /overdue and /due show them: grouped by
        urgency, with their deadlines and days left; done or snoozed tasks left out as there.
        The window reaches the latest of them, so every dated task found is shown or counted;
        `horizon` (week, month, next_month, year: the period the question named) names the period and
        `docs` the documents it named."""
        engine = self.engine()
        today = self.today()
        skip = self._hidden(chat_id) | {tid for tid, o in engine.office.items() if o.done is not None}
        kept = [t for t in tasks if t.id not in skip]
        items = [i for i in (engine.due_of(t, today) for t in kept) if i is not None]
        window = max([DEFAULT_WINDOW, *(i.left.calendar for i in items)])
        wanted = ("overdue",) if overdue else URGENCIES
        digest = Digest(today, window, DigestFilters((scope,) if scope else (), doc=docs or None),
                        {g: [] for g in URGENCIES}, {g: 0 for g in URGENCIES})
        # Most recently overdue first (the ones still worth acting on), then the soonest due; those due the
        # same day in the order the search found them (the ones naming the topic, or stating a completion
        # when 要完成的 is asked, first).
        found = {t.id: k for k, t in enumerate(kept)}
        ordered = sorted(items, key=lambda i: (i.left.calendar >= 0, abs(i.left.calendar),
                                               found.get(i.task.id, len(found)), i.task.id))
        for item in ordered:
            group = urgency_of(item, window)
            if group is None or group not in wanted:
                continue
            digest.totals[group] += 1
            if len(digest.groups[group]) < ON_DEMAND_PER_GROUP:
                digest.groups[group].append(item)
        if overdue and digest.is_empty:
            reply = Reply().line(f"📋 {today.isoformat()}：{digest.filters.describe()}，没有逾期的任务。")
        elif overdue:
            reply = render_digest(engine, digest, heading="逾期任务", period="")
        else:
            named = HORIZON_LABELS.get(horizon or "")
            period = (f"{named}（至 {horizon_end(horizon, today).isoformat()}）" if named
                      else f"{DEFAULT_WINDOW_DAYS} 天内")
            reply = render_digest(engine, digest, heading=f"{named or period}到期的任务", period=period,
                                  empty=f"{period}没有到期的任务（逾期的任务请发送 /overdue 查看）")
        undated = len(kept) - len(items)
        if undated:
            reply.line(f"另有 {undated} 项没有可推算的完成日期（长期坚持或未写明时限），未列出。")
        return reply

    def preview(self, chat_id: int, subscription_id: int | None = None) -> Reply:
        """/digest: the chat's next digest(s) as they would be sent today."""
        engine = self.engine()
        subs: list[store.Subscription] = []
        if self.sessions is not None:
            with self.sessions() as session:
                subs = store.chat_subscriptions(session, chat_id)
        if subscription_id is not None:
            subs = [s for s in subs if s.id == subscription_id]
        hidden = self._hidden(chat_id)
        if not subs:
            digest = engine.compute(DigestFilters(), self.today(), DEFAULT_WINDOW, exclude=hidden)
            return render_digest(engine, digest, heading="周报预览（全部任务）").line(
                "提示：发送 /subscribe 订阅，每周一 9:00 自动推送。")
        reply = Reply()
        for sub in subs:
            digest = engine.compute(filters_of(sub), self.today(), sub.window_days, exclude=hidden)
            if reply.blocks:
                reply.blank()
            reply.extend(render_digest(engine, digest, heading=f"周报预览 #{sub.id}"))
        return reply

    def ics(self, chat_id: int) -> Reply:
        """/ics: an .ics calendar of the deadlines matching the chat's subscriptions (all tasks if none)."""
        engine = self.engine()
        filters = [DigestFilters()]
        if self.sessions is not None:
            with self.sessions() as session:
                subs = store.chat_subscriptions(session, chat_id)
            if subs:
                filters = [filters_of(s) for s in subs]
        hidden = self._hidden(chat_id)
        items: dict[str, DueItem] = {}
        for f in filters:
            digest = engine.compute(f, self.today(), window=3660, exclude=hidden, groups=URGENCIES,
                                    per_group=100000)
            for item in digest.items():
                items.setdefault(item.task.id, item)
        if not items:
            return Reply().line("没有符合订阅条件、带截止日期的任务，未生成日历。")
        ordered = sorted(items.values(), key=lambda i: (i.due, i.task.id))
        data = calendar_ics(ordered, {i.task.id: engine.source_of(i.task) for i in ordered}, self.now())
        caption = f"规划任务截止日期日历（{len(ordered)} 项），可导入手机或电脑日历。"
        reply = Reply().line(f"📅 已生成日历文件，共 {len(ordered)} 项截止日期。")
        reply.document = Attachment(f"planbot-deadlines-{self.today().isoformat()}.ics", data, caption)
        return reply

    # --- buttons --------------------------------------------------------------------------
    def press(self, chat_id: int, user_id: int | None, button: DigestAction) -> Reply:
        """A digest button: the reply, with a short toast for the button press."""
        reply, toast = self._press(chat_id, user_id, button.action, list(button.args))
        reply.toast = toast
        return reply

    def _press(self, chat_id: int, user_id: int | None, action: str, args: list[str]) -> tuple[Reply, str]:
        """The reply and toast of a digest button (the registry lets only group admins change things)."""
        engine = self.engine()
        if action == "card" and args:
            task = engine.tasks.get(args[0])
            if task is None:
                return Reply().line("这项任务已不在当前知识库中。"), "任务不存在"
            return render_task_card(engine, task, self.today()), ""
        if action == "ls":
            return self.list_subscriptions(chat_id), ""
        if self.sessions is None:
            return Reply().line(NO_DB), NO_DB
        if action in ("done", "snz") and args:
            task = engine.tasks.get(args[0])
            if task is None:
                return Reply().line("这项任务已不在当前知识库中。"), "任务不存在"
            with self.sessions() as session:
                if action == "done":
                    store.set_mark(session, chat_id, task.id, store.DONE, None, user_id)
                    text = f"✅ 已标记完成：{task.title}。以后的周报不再显示。"
                else:
                    until = self.today() + dt.timedelta(days=SNOOZE_DAYS)
                    store.set_mark(session, chat_id, task.id, store.SNOOZED, until, user_id)
                    text = f"⏰ 已推迟一周：{task.title}，{until.isoformat()} 起重新提醒。"
                session.commit()
            return Reply().line(text), text[:190]
        sid = parse_id(args[0]) if args else None
        if sid is None:
            return Reply().line("无法识别的按钮。"), "无法识别的按钮"
        return self._subscription_button(chat_id, action, sid, args[1:])

    def _subscription_button(self, chat_id: int, action: str, sid: int, rest: list[str]) -> tuple[Reply, str]:
        assert self.sessions is not None
        with self.sessions() as session:
            sub = session.get(store.Subscription, sid)
            if sub is None or sub.chat_id != chat_id:
                return Reply().line("这条订阅已不存在。"), "订阅不存在"
            if action == "rm":
                store.delete_subscription(session, sub)
                session.commit()
                return Reply().line(f"已退订 #{sid}。"), f"已退订 #{sid}"
            if action == "pv":
                session.expunge(sub)
                return self.preview(chat_id, sid), ""
            if action == "set":
                return settings_reply(sub, self.now()), ""
            try:
                if action == "wd":
                    sub.weekday = int(rest[0]) % 7
                elif action == "tm":
                    sub.send_time = dt.time(int(rest[0][:2]), int(rest[0][2:]))
                elif action == "win":
                    sub.window_days = max(1, min(365, int(rest[0])))
                elif action == "q":
                    sub.quiet = not sub.quiet
                elif action == "e":
                    sub.send_empty = not sub.send_empty
                elif action == "lg":
                    sub.ledger = not sub.ledger
                elif action == "p":
                    sub.paused = not sub.paused
                    sub.pause_reason = "手动暂停" if sub.paused else None
                else:
                    return Reply().line("无法识别的按钮。"), "无法识别的按钮"
            except (IndexError, ValueError):
                return Reply().line("无法识别的按钮。"), "无法识别的按钮"
            session.commit()
            return settings_reply(sub, self.now()), "已更新"
