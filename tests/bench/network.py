"""The networks (and CPUs) the benchmark visits the pages on; tests/bench/devtools.py emulates them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkProfile:
    """A network (and a CPU) to visit the pages on."""

    name: str
    """What `--profiles` calls it."""
    title: str
    runs: int
    """Runs to take the median of, unless `--runs` says otherwise."""
    download_mbps: float | None = None
    """None: no emulation at all (loopback)."""
    upload_mbps: float | None = None
    round_trip_ms: float = 0
    cpu_slowdown: float = 1
    cold_target: float = 0.6
    """The issue's target for a cold visit: at most this times the reference page's time."""
    settle_s: float = 30
    """How long a first visit's background downloads (the service worker's precache, the snapshot
    kept for the next visit) may take before the second visit goes ahead anyway."""

    @property
    def emulated(self) -> bool:
        return self.download_mbps is not None

    def conditions(self) -> dict[str, object]:
        """`Network.emulateNetworkConditions`' parameters (throughputs in bytes per second)."""
        assert self.download_mbps is not None and self.upload_mbps is not None
        return {
            "offline": False,
            "latency": self.round_trip_ms,
            "downloadThroughput": self.download_mbps * 1e6 / 8,
            "uploadThroughput": self.upload_mbps * 1e6 / 8,
        }


PROFILES = (
    NetworkProfile("loopback", "loopback (no emulation)", runs=5, settle_s=30),
    NetworkProfile("10mbit", "10 Mbit/s down, 5 up, 40 ms round trip", runs=5,
                   download_mbps=10, upload_mbps=5, round_trip_ms=40, settle_s=60),
    NetworkProfile("1.6mbit", "1.6 Mbit/s down, 0.75 up, 150 ms round trip, 4x CPU slowdown of the page",
                   runs=3, download_mbps=1.6, upload_mbps=0.75, round_trip_ms=150, cpu_slowdown=4, cold_target=1.0,
                   settle_s=150),
)
"""1.6 Mbit/s, 150 ms and 4x CPU are Lighthouse's mobile ("slow 4G") settings."""

PROFILE_NAMED = {profile.name: profile for profile in PROFILES}
"""Each profile by the name `--profiles` gives it."""
