"""Settings from the environment (prefix PLANBOT_) and an optional .env file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.builder import BUNDLED_PLANS
from knowledge.isolated_build import BuildLimits
from knowledge.limits import ReadLimits

DEFAULT_DATABASE_URL = "sqlite:///data/planbot.db"


class Settings(BaseSettings):
    """Everything the bot needs to start; each field is PLANBOT_<NAME> in the environment."""

    model_config = SettingsConfigDict(
        env_prefix="PLANBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
        populate_by_name=True,
    )

    token: str | None = None
    # Comma-separated in the environment ("1,2") or a JSON list ("[1, 2]").
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    allowed_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # PLANBOT_DATABASE_URL wins; the conventional DATABASE_URL is accepted too.
    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        validation_alias=AliasChoices("PLANBOT_DATABASE_URL", "DATABASE_URL", "database_url"),
    )
    timezone: str = "Asia/Shanghai"
    plans_dir: Path = BUNDLED_PLANS
    proxy_url: str | None = None
    access: Literal["open", "allowlist"] = "open"
    api_base_url: str | None = None
    api_file_url: str | None = None
    max_upload_bytes: int = 20 * 1024 * 1024
    # Limits on parsing one upload/reload file (see knowledge.limits and knowledge.isolated_build).
    build_memory_mb: int = 512
    build_timeout_seconds: float = 60.0
    max_paragraphs: int = 100_000
    max_table_cells: int = 50_000
    max_chars: int = 2_000_000
    max_lines: int = 200_000
    max_pdf_pages: int = 1_000
    # A font file that draws Chinese for the charts; None: the first installed one found (bot.charts).
    cjk_font: str | None = None
    # A fixed "today" for digests and tests (YYYY-MM-DD); None means the real date.
    today: dt.date | None = None
    # Digests: a digest that could not be sent is retried until this many hours after its send time
    # (0: until the end of its delivery day); one missed entirely is sent late once (digest_late).
    digest_deadline_hours: float = 0.0
    digest_late: bool = True
    # Retention (the daily job): unpublished drafts expire; logs are pruned by age (audit kept longest).
    draft_ttl_hours: float = 24.0
    query_log_days: int = 180
    access_refusals_days: int = 180
    digest_log_days: int = 400
    audit_log_days: int = 730
    # A busy database (another writer holds the lock): each statement waits this long, and a write
    # is retried, in the background, for up to db_retry_seconds before the user is told.
    db_busy_ms: int = 2000
    db_retry_seconds: float = 30.0

    @field_validator("admin_ids", "allowed_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept "1,2 3", a JSON list, a single int, or a list."""
        if isinstance(value, int):
            return [value]
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                import json

                return json.loads(text)
            return [int(part) for part in text.replace(",", " ").split() if part]
        return value

    @field_validator("token", "proxy_url", "api_base_url", "api_file_url", "today", "cjk_font", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """An empty variable (PLANBOT_TOKEN=) means "not set"."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("plans_dir", mode="before")
    @classmethod
    def _blank_plans_dir(cls, value: object) -> object:
        """An empty PLANBOT_PLANS_DIR means the bundled plans."""
        return BUNDLED_PLANS if value is None or (isinstance(value, str) and not value.strip()) else value

    @field_validator("database_url", mode="before")
    @classmethod
    def _blank_db_url(cls, value: object) -> object:
        """An empty database URL means the default SQLite file."""
        return DEFAULT_DATABASE_URL if value is None or (isinstance(value, str) and not value.strip()) else value

    @field_validator("database_url", mode="after")
    @classmethod
    def _normalise_db_url(cls, value: str) -> str:
        """postgres:// and postgresql:// URLs use the psycopg 3 driver."""
        for prefix in ("postgres://", "postgresql://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value[len(prefix):]
        return value

    def build_limits(self) -> BuildLimits:
        """The isolated build's limits (memory, time and per-file read limits) from these settings."""
        read = ReadLimits(max_bytes=self.max_upload_bytes, max_paragraphs=self.max_paragraphs,
                          max_table_cells=self.max_table_cells, max_chars=self.max_chars,
                          max_lines=self.max_lines, max_pages=self.max_pdf_pages)
        return BuildLimits(memory_bytes=self.build_memory_mb * 1024 * 1024,
                           seconds=self.build_timeout_seconds, read=read)


def local_clock(settings: Settings) -> Callable[[], dt.datetime]:
    """Local time in settings.timezone; with PLANBOT_TODAY set, that date at the current time of day."""
    tz = ZoneInfo(settings.timezone)
    fixed = settings.today

    def now() -> dt.datetime:
        current = dt.datetime.now(tz)
        if fixed is not None:
            current = current.replace(year=fixed.year, month=fixed.month, day=fixed.day)
        return current

    return now


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings (read once)."""
    return Settings()
