"""Test configuration: Hypothesis without deadlines (tests never assert on wall-clock
time; a loaded CI machine must not turn a slow example into a failure)."""

from hypothesis import settings

settings.register_profile("socialroi", deadline=None)
settings.load_profile("socialroi")
