"""Memory figures shared by the benchmark scripts (MiB, this process)."""

from __future__ import annotations


def peak_rss_mib() -> float:
    """Peak resident memory of this process (MiB).

    ``VmHWM`` of ``/proc/self/status`` where available: unlike ``ru_maxrss``, it is not
    inherited from the parent process across ``fork``/``exec``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mib() -> float:
    """Current resident memory of this process (MiB), ``VmRSS`` (0 where unavailable)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
