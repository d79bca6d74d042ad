"""What the benchmarks say about the machine they ran on (imported as bench.machine)."""

import platform
from pathlib import Path


def cpu_model(default="unknown"):
    """The CPU's model name from /proc/cpuinfo (Linux), else the platform's, else default."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or default
