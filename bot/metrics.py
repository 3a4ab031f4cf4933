"""Prometheus metrics (prometheus-client): updates, answers found or not, latency, errors, digests.

Served at /metrics by the webhook server (bot.webserver) and, in polling mode, on
PLANBOT_METRICS_PORT when it is set. Every worker has its own registry (the process's default):
Prometheus scrapes each worker and sums.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

UPDATES = Counter("planbot_updates_total", "Telegram updates processed, by kind", ["kind"])
UPDATE_SECONDS = Histogram("planbot_update_seconds", "Time from taking an update to finishing it",
                           buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
ANSWERS = Counter("planbot_answers_total", "Questions answered, by result (found, not_found)", ["result"])
ERRORS = Counter("planbot_errors_total", "Exceptions that reached the error handler")
DIGESTS = Counter("planbot_digests_total", "Digests delivered, by result (sent, failed, skipped, paused)",
                  ["result"])
DUPLICATES = Counter("planbot_webhook_duplicates_total",
                     "Webhook deliveries of an update already done or being processed elsewhere", ["state"])

UPDATE_KINDS = ("message", "edited_message", "callback_query", "inline_query", "my_chat_member",
                "chat_member", "channel_post")


def update_kind(update: object) -> str:
    """The label of an update: which of its fields is set ("other" when none we count)."""
    for kind in UPDATE_KINDS:
        if getattr(update, kind, None) is not None:
            return kind
    return "other"


def answered(found: bool) -> None:
    """Count one question answered (found) or not found."""
    ANSWERS.labels("found" if found else "not_found").inc()


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, and its content type."""
    return generate_latest(), CONTENT_TYPE_LATEST
