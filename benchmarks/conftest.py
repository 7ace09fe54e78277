"""Benchmarks: `make bench`. They print timings; results are written down in benchmarks/*.md.

Not part of `make test`: speed goals never live in timed unit tests.
"""

from tests.conftest import *  # noqa: F401,F403  (the same personas and world)
