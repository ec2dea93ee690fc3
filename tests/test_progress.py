"""Progress: a bar with counts, rate and time left on a terminal; plain ordered lines on stdout
elsewhere (CI logs, schedulers); the summary last either way."""

from __future__ import annotations

import io
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, edit, run_build

from leaflets.outputs.progress import Bar, Lines, reporter

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_on_a_terminal(*args: str | Path) -> tuple[int, str, str]:
    """Run `python build.py ARGS` with stdout on a pseudo-terminal, as a user at a shell would;
    its exit status, what the terminal showed (escape codes removed) and stderr."""
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, str(ROOT / "build.py"), *map(str, args)], stdout=child,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "TERM": "xterm", "COLUMNS": "120"})
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the other end closed: the build has finished
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    err = proc.stderr.read().decode() if proc.stderr else ""
    return proc.wait(timeout=300), ANSI.sub("", shown.decode()), err


def test_a_build_into_a_log_prints_one_line_per_pdf_in_plan_order_then_the_summary(content: Path,
                                                                                      tmp_path: Path) -> None:
    result = run_build("--content", content, "--out", tmp_path, "--today", "2026-06-01", "--jobs", "2")
    assert result.code == 0, result.err
    assert result.err == ""
    assert result.out.splitlines() == [
        "[1/4] rendered testclinic/alpha-email-a4",
        "[2/4] rendered testclinic/overview-email-a4",
        "[3/4] rendered testclinic/alpha-email-a4-large-print",
        "[4/4] rendered testclinic/overview-email-a4-large-print",
        f"wrote 17 files of the web site {tmp_path / 'site' / 'testclinic'}",
        f"rendered 4 of 4 PDFs (0 already up to date); wrote them and manifest.json to {tmp_path}",
    ]


def test_warnings_go_to_stderr_and_progress_to_stdout(content: Path, tmp_path: Path) -> None:
    edit(content / "alpha.yaml", "what_it_is: Alpha therapy is a test.", "what_it_is: Alpha therapy # is a test.")
    result = run_build("--content", content, "--out", tmp_path, "--today", "2026-06-01", "--leaflet", "alpha",
                       "--standard-print")
    assert result.code == 0, result.err
    assert result.err.startswith("warning: ") and "'# is a test.'" in result.err
    assert "warning:" not in result.out
    assert result.out.splitlines()[0] == "[1/1] rendered testclinic/alpha-email-a4"


@pytest.mark.slow
def test_a_build_on_a_terminal_shows_a_bar_with_count_rate_and_time_left(content: Path, tmp_path: Path) -> None:
    code, shown, err = run_on_a_terminal("--content", content, "--out", tmp_path, "--today", "2026-06-01")
    assert code == 0, err
    assert "] rendered " not in shown  # the bar, not a line per PDF
    bar = [line for line in shown.replace("\r", "\n").splitlines() if line.startswith("PDFs ")]
    assert bar, shown
    assert re.fullmatch(r"PDFs ━+ 4/4 \d+\.\d PDFs/s \d:\d\d:\d\d spent, \d:\d\d:\d\d left", bar[-1].strip()), bar[-1]
    assert shown.strip().splitlines()[-1] == (f"rendered 4 of 4 PDFs (0 already up to date); "
                                             f"wrote them and manifest.json to {tmp_path}")


def test_the_bar_names_a_pdf_that_failed_above_it() -> None:
    screen = io.StringIO()
    bar = Bar(screen, width=100, terminal=True)
    bar.start(3)
    bar.step(1, "rendered", "riverside/ivig-email-a4")
    bar.step(2, "failed", "riverside/hsct-email-a4")
    bar.step(3, "rendered", "riverside/overview-email-a4")
    bar.summary("rendered 2 of 3 PDFs")
    shown = ANSI.sub("", screen.getvalue())
    assert "[2/3] failed riverside/hsct-email-a4" in shown
    assert "riverside/ivig-email-a4" not in shown
    assert "3/3" in shown
    assert shown.rstrip().endswith("rendered 2 of 3 PDFs")


def test_output_that_is_not_a_terminal_gets_plain_lines() -> None:
    log = io.StringIO()
    report = reporter(log)
    assert type(report) is Lines
    report.start(2)
    report.step(1, "up to date", "a/b-email-a4")
    report.note("a note")
    report.summary("done")
    assert log.getvalue() == "[1/2] up to date a/b-email-a4\na note\ndone\n"


def test_a_dumb_terminal_gets_plain_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm")
    assert type(reporter(Terminal())) is Bar
    monkeypatch.setenv("TERM", "dumb")
    assert type(reporter(Terminal())) is Lines
