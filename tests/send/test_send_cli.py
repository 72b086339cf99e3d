"""``guide send`` as a sender types it: outbox first, then --send, the summary, the exit status."""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import Result
from helpers.cli import invoke
from helpers.guides import FIRST_GUIDE, MINIMAL, ROOT
from helpers.mailserver import Mailbox, MailServer
from helpers.sending import Start

PASSWORD = "s3cret-Pa55word!"
FAMILY = """\
email,name,large_print
mum@example.com,Mum,
grandad@example.com,Grandad,yes
"""


@pytest.fixture
def family(tmp_path: Path) -> Path:
    """Two people (not the four of send/conftest.py): Mum, and Grandad in large print."""
    path = tmp_path / "family.csv"
    path.write_text(FAMILY, encoding="utf-8")
    return path


def guide_send(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> Result:
    result = invoke(
        "send",
        str(FIRST_GUIDE),
        "--from",
        "Anna <anna@example.net>",
        "--outbox",
        str(tmp_path / "outbox"),
        "--rate",
        "0",
        *args,
        input=input,
        env=env,
    )
    return result


def server_options(server: MailServer) -> list[str]:
    return ["--smtp-host", "127.0.0.1", "--smtp-port", str(server.port)]


def test_the_outbox_first_then_send(tmp_path: Path, family: Path, mail_server: Start) -> None:
    result = guide_send(tmp_path, "--to", str(family), "--note", "Please read this one.")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["RECIPIENT", "RESULT", "DETAIL"]
    assert lines[1].split()[:5] == [
        "Mum",
        "<mum@example.com>",
        "in",
        "outbox",
        "mum@example.com.eml",
    ]
    assert "(large print, A4)" in lines[2]
    assert lines[-3] == "2 recipients (in outbox: 2)."
    assert lines[-2] == (
        f"Every row is also in {tmp_path / 'outbox' / 'summary.csv'}, to open in a spreadsheet."
    )
    assert lines[-1].startswith(f"The messages are in {tmp_path / 'outbox'}: open them in your")
    assert lines[-1].endswith("then run the same command again with --send.")
    server = mail_server()
    result = guide_send(tmp_path, "--to", str(family), "--send", *server_options(server))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 recipients (sent: 2)." in result.stdout
    assert result.stdout.rstrip().endswith("Everyone has the guide.")
    assert server.mailbox.copies() == {"mum@example.com": 1, "grandad@example.com": 1}
    again = guide_send(tmp_path, "--to", str(family), "--send", *server_options(server))
    assert again.exit_code == 0
    assert "2 recipients (skipped: 2)." in again.stdout
    assert server.mailbox.copies() == {"mum@example.com": 1, "grandad@example.com": 1}


def test_someone_not_reached_makes_the_exit_status_non_zero(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server(Mailbox(refuse={"mum@example.com": "550 5.1.1 No such user"}))
    result = guide_send(tmp_path, "--to", str(family), "--send", *server_options(server))
    assert result.exit_code == 1
    [mum] = [line for line in result.stdout.splitlines() if "mum@example.com" in line]
    assert mum.split()[2:] == ["failed", "550", "5.1.1", "No", "such", "user"]
    assert "2 recipients (sent: 1, failed: 1)." in result.stdout
    assert "Run the same command again to send only to the 1 person still waiting." in (
        result.stdout
    )


def every_file(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def assert_password_nowhere(result: Result, folder: Path) -> None:
    forms = [PASSWORD.encode(), base64.b64encode(PASSWORD.encode())]
    forms.append(base64.b64encode(b"\0me@example.com\0" + PASSWORD.encode()))
    output = (result.stdout + result.stderr).encode()
    for form in forms:
        assert form not in output
        for path in every_file(folder):
            assert form not in path.read_bytes(), path


def send_as_me(
    tmp_path: Path, family: Path, server: MailServer, password: str, input: str | None = None
) -> Result:
    """Send logged in as me@example.com, the password in the environment (or typed)."""
    return guide_send(
        tmp_path,
        *("--to", str(family), "--send", "--smtp-user", "me@example.com"),
        *server_options(server),
        env={"GUIDE_SMTP_PASSWORD": password},
        input=input,
    )


def test_the_password_from_the_environment_appears_in_no_output_and_no_file(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server(password=PASSWORD, auth_require_tls=False)
    result = send_as_me(tmp_path, family, server, PASSWORD)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert server.mailbox.logins == [("me@example.com", PASSWORD.encode())]
    assert server.mailbox.copies() == {"mum@example.com": 1, "grandad@example.com": 1}
    assert len(every_file(tmp_path / "outbox")) >= 3
    assert_password_nowhere(result, tmp_path)


def test_the_password_typed_at_the_hidden_prompt_is_not_echoed(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server(password=PASSWORD, auth_require_tls=False)
    result = send_as_me(tmp_path, family, server, "", input=PASSWORD + "\n")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Password for me@example.com at 127.0.0.1" in result.stderr
    assert server.mailbox.logins == [("me@example.com", PASSWORD.encode())]
    assert_password_nowhere(result, tmp_path)


def test_a_wrong_password_stops_the_run_and_is_not_shown(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    server = mail_server(password="the right one", auth_require_tls=False)
    result = send_as_me(tmp_path, family, server, PASSWORD)
    assert result.exit_code == 1
    assert "The run stopped: 127.0.0.1 refused the login for me@example.com (535" in result.stdout
    assert "2 recipients (not sent: 2)." in result.stdout
    assert server.mailbox.mails == 0
    assert_password_nowhere(result, tmp_path)


def test_a_hostile_list_is_refused_row_by_row_and_nothing_is_sent(
    tmp_path: Path, mail_server: Start
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "email,name,large_print,colour\n"
        "mum@example.com,Mum,,\n"
        "mum@example.com (Mum),Mum again,,\n"
        "dad@example.com,Dad,maybe,\n",
        encoding="utf-8",
    )
    server = mail_server()
    result = guide_send(tmp_path, "--to", str(bad), "--send", *server_options(server))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{bad}:1: error: unknown column 'colour': the columns are email, name, large_print, "
        "paper, note, lang",
        f"{bad}:3: error: 'mum@example.com (Mum)' is a name and an address: put 'Mum' in the "
        "'name' column and only 'mum@example.com' in 'email'",
        f"{bad}:4: error: large_print must be 'yes' or 'no' (or left empty), not 'maybe'",
        "Nothing was sent.",
    ]
    assert "Traceback" not in result.stderr
    assert server.mailbox.mails == 0
    assert not (tmp_path / "outbox").exists()


def test_settings_from_guide_toml_but_never_the_password_or_send(
    tmp_path: Path, family: Path, mail_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = mail_server()
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "guide.toml"
    config.write_text(
        f'[send]\nsmtp-host = "127.0.0.1"\nsmtp-port = {server.port}\nrate = 0\n'
        f'sender = "Anna <anna@example.net>"\nto = ["{family}"]\n',
        encoding="utf-8",
    )
    result = invoke("send", str(FIRST_GUIDE), "--send")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert server.mailbox.copies() == {"mum@example.com": 1, "grandad@example.com": 1}
    assert (tmp_path / "output" / "outbox" / "meta-ai-objection" / "journal.sqlite").exists()
    config.write_text('[send]\nsmtp-password = "hunter2"\n', encoding="utf-8")
    result = invoke("send", str(FIRST_GUIDE), "--to", str(family))
    assert result.exit_code == 1
    assert "guide.toml:2: error: 'smtp-password': a password must not be kept in guide.toml" in (
        result.stderr
    )
    assert "hunter2" not in result.stderr
    config.write_text("[send]\ndeliver = true\n", encoding="utf-8")
    result = invoke("send", str(FIRST_GUIDE), "--to", str(family))
    assert result.exit_code == 1
    assert "type --send each time you mean it" in result.stderr


def test_a_password_over_an_unencrypted_line_is_refused(tmp_path: Path, family: Path) -> None:
    result = guide_send(
        tmp_path,
        "--to",
        str(family),
        "--send",
        "--smtp-host",
        "smtp.example.com",
        "--smtp-user",
        "me",
        env={"GUIDE_SMTP_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 1
    assert "would send the password unencrypted: add --starttls (port 587)" in result.stderr
    assert "Nothing was sent." in result.stderr


def test_killed_mid_send_then_run_again_everyone_has_exactly_one(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    (tmp_path / "family.csv").write_text(
        FAMILY + "dad@example.com,Dad,\naunt@example.com,,\n", encoding="utf-8"
    )
    # The server takes the 2nd message and never answers: the sender dies waiting.
    server = mail_server(Mailbox(hang_after_content={2}))
    outbox = tmp_path / "outbox"
    command = [sys.executable, "-m", "generator", "send", str(FIRST_GUIDE), "--to", str(family)]
    command += ["--from", "anna@example.net", "--outbox", str(outbox), "--rate", "0", "--send"]
    command += server_options(server)
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy()
    )
    deadline = time.monotonic() + 30
    while server.mailbox.contents < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert server.mailbox.contents == 2
    result = guide_send(tmp_path, "--to", str(family), "--send", *server_options(server))
    assert result.exit_code == 1
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:5]}
    assert "skipped" in rows["Mum"]
    assert "uncertain" in rows["Grandad"] and "--resend-uncertain" in rows["Grandad"]
    assert "sent" in rows["Dad"].split()
    assert server.mailbox.copies() == {
        "mum@example.com": 1,
        "grandad@example.com": 1,
        "dad@example.com": 1,
        "aunt@example.com": 1,
    }


def test_a_guide_not_checked_for_long_is_flagged_before_the_summary(
    tmp_path: Path, family: Path
) -> None:
    old = tmp_path / "old-guide.md"
    old.write_text(MINIMAL.replace("2026-11-01", "2020-01-01"), encoding="utf-8")
    outbox = str(tmp_path / "outbox")
    args = ["send", str(old), "--to", str(family), "--from", "anna@example.net"]
    result = invoke(*args, "--outbox", outbox)
    assert result.exit_code == 0, result.stderr
    assert f"{old}: warning: the steps were last checked" in result.stderr
    assert "2 recipients (in outbox: 2)." in result.stdout


def test_a_password_that_is_not_utf8_is_a_clear_error(
    tmp_path: Path, family: Path, mail_server: Start
) -> None:
    # A password set from bytes that are not UTF-8 reaches Python as lone surrogates.
    server = mail_server(password=PASSWORD, auth_require_tls=False)
    result = send_as_me(tmp_path, family, server, "p\udce4ss")
    assert result.exit_code == 1
    assert "GUIDE_SMTP_PASSWORD: error: cannot be read as UTF-8 text (0xe4)" in result.stderr
    assert server.mailbox.copies() == {}


@pytest.mark.parametrize("rate", ["nan", "inf", "1e-300", "0.01"])
def test_a_rate_that_is_no_rate_is_refused(tmp_path: Path, family: Path, rate: str) -> None:
    result = guide_send(tmp_path, "--to", str(family), "--rate", rate)
    assert result.exit_code == 2
    assert f"Invalid value for '--rate': {float(rate)} is not a rate" in result.stderr


def test_a_folder_and_a_server_named_with_escapes_are_shown_escaped(
    tmp_path: Path, family: Path
) -> None:
    outbox = str(tmp_path / "out\x1b]0;X\x07")
    filled = guide_send(tmp_path, "--to", str(family), "--outbox", outbox)
    assert "out\\x1b]0;X\\x07" in filled.stdout
    sent = guide_send(
        tmp_path, "--to", str(family), "--outbox", outbox, "--send", "--smtp-host", "h\x1b[2J"
    )
    assert "cannot reach h\\x1b[2J" in sent.stdout
    assert "\x1b" not in filled.stdout + sent.stdout
