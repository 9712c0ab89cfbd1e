"""The matching engine: pure ranking of a directory for one person (no Qt, no database, no I/O).

snapshot = DirectorySnapshot.build(activities)   # once per directory version
report = rank(profile, snapshot, now=datetime(2026, 11, 24, 9, 0), top=10)
snapshot.postcodes.resolve("N7 6PA")             # offline postcode -> point
"""

from navigator.matching.engine import rank
from navigator.matching.postcodes import PostcodeIndex, PostcodeMatch
from navigator.matching.snapshot import DirectorySnapshot

__all__ = ["DirectorySnapshot", "PostcodeIndex", "PostcodeMatch", "rank"]
