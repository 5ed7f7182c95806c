"""The operator kit: Dockerfile, compose.yaml and the systemd unit agree with the code they run."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from bot.settings import Settings

ROOT = Path(__file__).parent.parent
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
UNIT = ROOT / "deploy" / "newsbrief.service"
HEALTHZ = re.compile(r"http://127\.0\.0\.1:(\d+)/healthz")


def interpolated(value: str) -> str:
    """A compose value with `${NAME:-default}` replaced by its default, as with no such variable,
    and a required `${NAME:?message}` by "required"."""
    return re.sub(r"\$\{\w+:\?[^}]*\}", "required", re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", value))


def test_compose_bot_is_healthy_when_healthz_answers_on_health_port() -> None:
    bot = COMPOSE["services"]["bot"]
    port = bot["environment"]["HEALTH_PORT"]
    assert int(port) > 0  # the health server is on: off by default
    probe = " ".join(bot["healthcheck"]["test"])
    assert HEALTHZ.search(probe) and HEALTHZ.search(probe).group(1) == port
    assert bot["environment"]["HEALTH_LISTEN"] == "0.0.0.0"  # reachable from the compose network too


def test_compose_bot_waits_for_a_healthy_postgres_on_a_named_volume() -> None:
    postgres, bot = COMPOSE["services"]["postgres"], COMPOSE["services"]["bot"]
    assert postgres["image"] == "postgres:16"
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    assert bot["depends_on"]["postgres"]["condition"] == "service_healthy"
    volume = postgres["volumes"][0].split(":")[0]
    assert volume in COMPOSE["volumes"]  # named, so `docker compose down` keeps the data
    url = interpolated(bot["environment"]["DATABASE_URL"])
    assert "@postgres:5432/" in url
    settings = Settings(_env_file=None, database_url=url)
    assert settings.database_url.startswith("postgresql+asyncpg://")
    # The token comes from .env, and compose refuses to start without it.
    assert bot["env_file"] == ".env"
    assert ":?" in bot["environment"]["TELEGRAM_BOT_TOKEN"]


def test_dockerfile_runs_the_bot_unprivileged_on_the_projects_python() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    minimum = project["project"]["requires-python"].removeprefix(">=")
    images = re.findall(r"^FROM python:([\d.]+)-slim", DOCKERFILE, re.MULTILINE)
    assert images and set(images) == {minimum}  # the version the project is made and tested for
    assert "-c requirements.lock" in DOCKERFILE  # pinned versions, the spaCy model package among them
    for package in project["tool"]["setuptools"]["packages"]["find"]["include"]:
        assert f"COPY {package.rstrip('*')} " in DOCKERFILE
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r'^CMD \["newsbrief", "run"\]', DOCKERFILE, re.MULTILINE)
    port = re.search(r"HEALTH_PORT=(\d+)", DOCKERFILE).group(1)
    assert HEALTHZ.search(DOCKERFILE).group(1) == port
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8")
    assert ".env" not in re.findall(r"^!(.*)$", ignored, re.MULTILINE)  # the token never goes into the image


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(UNIT, encoding="utf-8")
    return parser


def test_systemd_unit_runs_as_its_own_user_restarts_and_is_hardened() -> None:
    service = unit()["Service"]
    assert service["ExecStart"].endswith("/newsbrief run")
    assert service["User"] == "newsbrief" and service["EnvironmentFile"] and service["WorkingDirectory"]
    assert service["Restart"] == "on-failure"
    assert service["RestartPreventExitStatus"] == "2"  # a bad setting: fixed by hand, not by restarts
    for option, value in {"NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes"}.items():
        assert service[option] == value
    # ProtectSystem=strict makes every path read-only: the working directory must be the state one.
    assert service["WorkingDirectory"] == f"/var/lib/{service['StateDirectory']}"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    # The unit as installed, but for the executable, which here is this checkout's.
    text = UNIT.read_text(encoding="utf-8").replace("/opt/newsbrief/.venv/bin/newsbrief", f"{sys.prefix}/bin/newsbrief")
    (tmp_path / "newsbrief.service").write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "newsbrief.service")], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def env_file_lines(path: Path) -> dict[str, str]:
    """The variables `docker run --env-file` and compose's `env_file` take from a file (comments skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip() and not line.lstrip().startswith("#"))


def test_docker_run_with_the_example_env_file_keeps_the_healthcheck_working(monkeypatch: pytest.MonkeyPatch) -> None:
    image = dict(re.findall(r"\b(HEALTH_\w+)=(\S+)", DOCKERFILE))
    example = env_file_lines(ROOT / ".env.example")
    merged = {**image, **example}  # the env file wins over the image's ENV
    for name in ("HEALTH_PORT", "HEALTH_LISTEN"):
        monkeypatch.setenv(name, merged[name])
    settings = Settings(_env_file=None)
    assert settings.health_port == int(HEALTHZ.search(DOCKERFILE).group(1))
    assert settings.health_listen == "0.0.0.0"


def test_compose_requires_a_postgres_password_the_example_names() -> None:
    postgres, bot = COMPOSE["services"]["postgres"], COMPOSE["services"]["bot"]
    assert ":?" in postgres["environment"]["POSTGRES_PASSWORD"]
    assert "${POSTGRES_PASSWORD:?" in bot["environment"]["DATABASE_URL"]
    assert "POSTGRES_PASSWORD" in env_file_lines(ROOT / ".env.example")
    processes = int(interpolated(bot["environment"]["NLP_PROCESSES"]))
    assert 1 <= processes <= 4  # each holds a model of some 200 MB
