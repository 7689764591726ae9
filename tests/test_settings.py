import os
import subprocess
import sys

import pytest

CLEAN_ENV = {
    k: v
    for k, v in os.environ.items()
    if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DATABASE_URL"}
}


def undersigned(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "undersigned", *args],
        capture_output=True,
        text=True,
        env={**CLEAN_ENV, **env},
        timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = undersigned(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY="x" * 60 + "-Production-Secret-Key-1234567890",
        BASE_URL="https://letters.example.org",
        EMAIL_HOST="smtp.example.org",
        VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = undersigned("check", DEBUG="false", VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_a_debug_secret_key_is_generated_once_into_var(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert undersigned("check", DEBUG="true", VAR_DIR=str(tmp_path)).returncode == 0
    first = (tmp_path / "secret_key").read_text()
    assert undersigned("check", DEBUG="true", VAR_DIR=str(tmp_path)).returncode == 0
    assert (tmp_path / "secret_key").read_text() == first


@pytest.mark.parametrize("value", ["yes", "1", "True!"])
def test_a_boolean_must_be_true_or_false(tmp_path, value: str) -> None:  # type: ignore[no-untyped-def]
    result = undersigned("check", DEBUG=value, VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be 'true' or 'false'" in result.stderr


def test_every_django_command_works_through_the_cli(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = undersigned("help", DEBUG="true", VAR_DIR=str(tmp_path))
    for command in ("migrate", "createsuperuser", "shell", "demo", "serve", "worker"):
        assert command in result.stdout


def test_verify_runs_on_a_readers_machine_without_any_configuration(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = subprocess.run(
        [sys.executable, "-m", "undersigned", "verify", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={k: v for k, v in CLEAN_ENV.items() if k != "VAR_DIR"},
    )
    assert result.returncode == 0, result.stderr
    assert "--receipt" in result.stdout
    assert not (tmp_path / "var").exists()
