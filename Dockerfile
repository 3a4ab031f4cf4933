# PlanBot: slim Python 3.11, non-root, Asia/Shanghai time, database migrated at every start.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    TZ=Asia/Shanghai

# tzdata: zoneinfo needs the zone files, the slim image has none.
# fonts-wqy-microhei: a Chinese font for the charts (bot/charts.py; without one they fall back to tables).
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/* \
    && ln -snf /usr/share/zoneinfo/$TZ /etc/localtime && echo $TZ > /etc/timezone

WORKDIR /app
COPY pyproject.toml README.md ./
COPY knowledge ./knowledge
COPY bot ./bot
COPY handlers ./handlers
COPY jobs ./jobs
RUN pip install .

RUN useradd --create-home --uid 10001 planbot && mkdir -p /app/data && chown planbot:planbot /app/data
USER planbot
VOLUME ["/app/data"]

# Settings come from the environment (see .env.example): PLANBOT_TOKEN, DATABASE_URL, …
# Without a token `planbot run` is the console chat: use `docker run -it` for that.
CMD ["sh", "-c", "planbot migrate && exec planbot run"]
