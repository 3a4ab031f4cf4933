# PlanBot: Python 3.11, non-root, Asia/Shanghai time; the schema is migrated once, by `planbot run` itself.
# Layers: the base, then the dependencies (pinned by constraints.txt; rebuilt only when pyproject.toml or
# constraints.txt change), then the code (a code change rebuilds only the last layers).
# BASE: the Python image from the registry, or — where it is unreachable — a Debian bookworm base made
# from the Debian archive by ops/build-image.sh (python3 3.11, python3-venv, tzdata, ca-certificates).
ARG BASE=docker.io/library/python:3.11-slim-bookworm
FROM ${BASE}
# Only where TLS to the package index is intercepted: the CA bundle pip should trust, mounted by the
# build script for the build alone (an ARG is not kept in the image's environment).
ARG PIP_CERT

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TZ=Asia/Shanghai \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PLANBOT_DATA_DIR=/app/data

# tzdata: zoneinfo needs the zone files (the registry's slim image has none).
# fonts-wqy-microhei: a Chinese font for the charts (bot/charts.py; without one they fall back to tables).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/* \
    && ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone \
    && python3 -m venv /opt/venv \
    && useradd --create-home --uid 10001 planbot && mkdir -p /app/data && chown planbot:planbot /app/data

WORKDIR /app

# The dependency layer: the runtime dependencies named in pyproject.toml, at the versions in constraints.txt.
COPY pyproject.toml constraints.txt ./
RUN python3 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt -c constraints.txt \
    && rm /tmp/requirements.txt

# The code layer.
COPY README.md alembic.ini ./
COPY knowledge ./knowledge
COPY bot ./bot
COPY handlers ./handlers
COPY jobs ./jobs
RUN pip install --no-deps . && rm -rf /app/build

USER planbot
VOLUME ["/app/data"]
EXPOSE 8080

# `planbot health`: a webhook worker's /healthz (when PLANBOT_WEBHOOK_URL is set), else the polling heartbeat.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 CMD ["planbot", "health"]

# Settings come from the environment (see .env.example): PLANBOT_TOKEN, DATABASE_URL, …
# `planbot run` migrates the database (once, under a lock on PostgreSQL) and long-polls; compose.yaml runs
# `planbot run --webhook` workers. Without a token `planbot run` is the console chat: use `-it` for that.
CMD ["planbot", "run"]
