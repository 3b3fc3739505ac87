"""summary.json's run section: the process's peak resident memory against the kernel's own figure."""
from pathlib import Path

import pytest

from farside.mission.outputs import peak_rss_mib

STATUS = Path("/proc/self/status")


@pytest.mark.skipif(not STATUS.exists(), reason="Linux /proc only")
def test_peak_rss_is_the_kernels_high_water_mark():
    held = b"\x01" * (64 * 1024 * 1024)  # every page written: the high-water mark is above 64 MiB
    hwm_kib = next(int(line.split()[1]) for line in STATUS.read_text().splitlines() if line.startswith("VmHWM:"))
    # getrusage's ru_maxrss and /proc's VmHWM are both the kernel's RSS high-water mark (KiB); the
    # margin is the 0.1 MiB rounding and what the interpreter allocates between the two reads
    assert peak_rss_mib() == pytest.approx(hwm_kib / 1024.0, abs=0.5)
    assert peak_rss_mib() > len(held) / 1024.0 ** 2
