"""Fake publishers on loopback, for tests, benchmarks and building the offline sample.

Everything they serve is synthetic ("exempeldata"): plausible in level and seasonality, never
official statistics. Shapes follow SOURCES.md and the recorded responses.
"""

from regstats.fakes.server import FakePublishers, Fault

__all__ = ["FakePublishers", "Fault"]
