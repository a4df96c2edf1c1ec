"""The scripts benchmark's memory figure is the measured command's own peak, whatever the size of the benchmark
process that starts it (Linux carries ru_maxrss over from the parent across fork + exec)."""

from __future__ import annotations

import resource
import sys

from assistant.benchmarks.scripts import _peak_rss_kb

CHILD = "x = bytearray(60 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"


def test_peak_rss_is_the_commands_own_not_the_benchmarks() -> None:
    ballast = bytearray(200 * 1024 * 1024)
    ballast[::4096] = b"1" * len(ballast[::4096])  # touched, so resident: the benchmark is now a big process
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 200 * 1024
    peak_kb = _peak_rss_kb([sys.executable, "-c", CHILD])
    del ballast
    assert 60 * 1024 < peak_kb < 150 * 1024
