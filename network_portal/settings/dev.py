"""Local development: `make run`. DEBUG on unless the environment says otherwise."""

from network_portal.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)

# The embedded SQLite database and uploads live under var/, which git ignores.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
