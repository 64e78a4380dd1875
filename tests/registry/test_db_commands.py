"""`db verify` exit codes (0 intact, 1 tampered, 2 bad usage, 3 cannot open), `db head`, and `users add`,
which leaves no user behind unless its token was written out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from extrashield.adapters.registry import open_registry
from extrashield.adapters.registry.records import KINDS
from extrashield.adapters.registry.users import authenticate, list_users


def test_verify_exit_codes_tell_tampering_from_bad_usage_from_an_unreachable_database(
    sqlite_url: str, cli: Any, tmp_path: Path
) -> None:
    reg = open_registry(sqlite_url)
    reg.create(KINDS["person"], {"names": ["A"]}, "ana")
    assert cli("db", "verify", "--database", sqlite_url).returncode == 0

    for bad in (["--expect-head", "1:nothex"], ["--format", "xml"], ["--no-such-option"]):
        run = cli("db", "verify", "--database", sqlite_url, *bad)
        assert run.returncode == 2 and "Traceback" not in run.stderr, bad
    bad_url = cli("db", "verify", "--database", "nosuchdb://x/y")
    assert bad_url.returncode == 2 and "--database" in bad_url.stderr

    missing = tmp_path / "typo" / "registry.sqlite3"
    gone = cli("db", "verify", "--database", f"sqlite:///{missing}")
    assert gone.returncode == 3 and "no such file" in gone.stderr
    assert not missing.exists()  # not created: an empty new registry would have "verified"
    refused = cli("db", "verify", "--database", "postgresql://nobody:x@127.0.0.1:1/none")
    assert (
        refused.returncode == 3
        and "cannot open the registry" in refused.stderr
        and "x@" not in refused.stderr
    )

    with reg.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE persons SET notes = 'edited'")
    tampered = cli("db", "verify", "--database", sqlite_url)
    assert tampered.returncode == 1 and "BROKEN" in tampered.stderr


def test_verify_help_and_readme_state_the_exit_codes(cli: Any) -> None:
    help_text = " ".join(cli("db", "verify", "--help").stdout.split())
    for code in ("0 all intact", "1 tampering found", "2 bad usage", "3 the database cannot be opened"):
        assert code in help_text
    readme = " ".join((Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8").split())
    assert (
        "exit 0 intact, 1 tampering found, 2 bad usage or input, 3 the database cannot be opened or read"
        in readme
    )


def test_db_head_prints_an_anchor_that_verify_accepts(db_url: str, cli: Any) -> None:
    reg = open_registry(db_url)
    for n in range(3):
        reg.create(KINDS["person"], {"names": [f"P{n}"]}, "ana")
    text = cli("db", "head", "--database", db_url)
    assert (
        text.returncode == 0 and text.stdout.strip() == reg.head()["anchor"] and text.stdout.startswith("3:")
    )
    as_json = json.loads(cli("db", "head", "--database", db_url, "--format", "json").stdout)
    assert as_json["seq"] == 3 and as_json["anchor"] == text.stdout.strip() and as_json["at"]
    ok = cli("db", "verify", "--database", db_url, "--expect-head", text.stdout.strip(), "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout)["head"]["seq"] == 3
    wrong = cli("db", "verify", "--database", db_url, "--expect-head", "2:" + as_json["hash"])
    assert wrong.returncode == 1 and "entry 2 has hash" in wrong.stderr


# -- users add: the token is out, or there is no user ------------------------------------------------------------


def _users_add(db_url: str, **popen: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "extrashield", "users", "add", "ana", "--role", "admin", "--database", db_url],
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def _assert_no_user(db_url: str) -> None:
    reg = open_registry(db_url)
    assert list_users(reg) == [] and reg.audit() == [] and reg.verify().ok


def test_users_add_with_standard_output_closed_creates_no_user(db_url: str) -> None:
    proc = _users_add(db_url, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "no user was created" in err and "Traceback" not in err
    _assert_no_user(db_url)


def test_users_add_into_a_broken_pipe_creates_no_user(db_url: str) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will ever read the token
    proc = _users_add(db_url, stdout=write_end)
    os.close(write_end)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "BrokenPipeError" in err and "no user was created" in err
    assert "Exception ignored" not in err  # no second failure when Python flushes at exit
    _assert_no_user(db_url)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_users_add_onto_a_full_disk_creates_no_user(db_url: str) -> None:
    with open("/dev/full", "w") as full:
        proc = _users_add(db_url, stdout=full)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1 and "no user was created" in err
    _assert_no_user(db_url)


def test_users_add_killed_before_the_token_is_out_leaves_no_user(db_url: str) -> None:
    """The token's write blocks on a full pipe (as behind a stalled reader); kill -9 then must leave
    nothing: the user is committed only after the token is written."""
    read_end, write_end = os.pipe()
    os.set_blocking(write_end, False)
    try:
        while True:
            os.write(write_end, b"x")
    except BlockingIOError:
        pass
    os.set_blocking(write_end, True)
    proc = _users_add(db_url, stdout=write_end)
    os.close(write_end)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()  # printed just before the token
        assert "shown this once" in line
        time.sleep(0.5)
        assert proc.poll() is None, "the command should be blocked writing the token"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        os.close(read_end)
        if proc.stderr is not None:
            proc.stderr.close()
    _assert_no_user(db_url)


def test_users_add_commits_the_user_whose_token_it_printed(db_url: str, cli: Any) -> None:
    run = cli("users", "add", "ana", "--role", "editor", "--database", db_url)
    assert run.returncode == 0
    user = authenticate(open_registry(db_url), run.stdout.strip())
    assert user is not None and user.name == "ana" and user.role == "editor"
