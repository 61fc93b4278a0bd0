"""``lab.tools.suite_times``: the per-file table read from a pytest JUnit file (session 28).

Why: the suite's time is guarded by reading a JUnit file, not by timed tests; these pin that the
table sums per file, names the right file for a class's tests, and that the limits set the exit
code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.tools import suite_times

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="4">
<testcase classname="tests.test_bank" name="test_a[1]" time="12.5" />
<testcase classname="tests.test_bank" name="test_a[2]" time="11.5" />
<testcase classname="tests.security.test_cap.TestServer" name="test_b" time="3.0" />
<testcase classname="tests.test_fast" name="test_c" time="0.25" />
</testsuite></testsuites>
"""


@pytest.fixture
def junit(tmp_path: Path) -> Path:
    path = tmp_path / "j.xml"
    path.write_text(JUNIT, encoding="utf-8")
    return path


def test_the_files_are_summed_and_ordered(junit: Path) -> None:
    files = suite_times.by_file(suite_times.read_cases(junit))
    assert files == [
        ("tests/test_bank.py", 24.0, 2),
        ("tests/security/test_cap.py", 3.0, 1),
        ("tests/test_fast.py", 0.25, 1),
    ]


def test_the_report_names_the_bound_and_the_slow_tests(junit: Path) -> None:
    lines = suite_times.report(suite_times.read_cases(junit), top=2, over=5, workers=2)
    assert lines[0] == "4 tests in 3 files, 27 s summed"
    # 27.25 s on 2 workers is 13.6 s, but one file alone takes 24 s
    assert lines[1].startswith("on 2 workers (--dist loadfile): at least 24 s")
    assert "      24.0      2   12.00  tests/test_bank.py" in lines
    assert "2 tests over 5 s" in lines
    assert lines[-1] == "      11.5  tests/test_bank.py::test_a[2]"
    assert not any("test_fast" in line for line in lines)  # third file, top=2


def test_the_limits_set_the_exit_code(junit: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert suite_times.main([str(junit)]) == 0
    assert suite_times.main([str(junit), "--fail-over-file", "30"]) == 0
    assert suite_times.main([str(junit), "--fail-over-file", "20"]) == 1
    assert suite_times.main([str(junit), "--fail-over-test", "12"]) == 1
    assert "test over 12 s: tests/test_bank.py::test_a[1] (12.5 s)" in capsys.readouterr().out
