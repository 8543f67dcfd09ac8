"""Hypothesis profiles for every test.

"ci", the default: the same examples every run (derandomized, no example database) and few of
them, so the fast suite stays quick and a failure in CI is one anyone can run again.
"thorough" (HYPOTHESIS_PROFILE=thorough): random examples, twenty times as many, to look for new
failures; what it finds becomes an explicit case.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SHARED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("ci", max_examples=25, derandomize=True, database=None, **_SHARED)
settings.register_profile("thorough", max_examples=500, **_SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
