"""requirements.lock pins every package that `make` installs, and agrees with requirements.txt.

The snippet cache keys on the installed versions (hooks/snippet_scheduler.py), so a drift here
would also mean results cached for one environment are looked up from another.
"""

import re
from importlib import metadata

from helpers import ROOT

PIN_RE = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", re.M)


def pins(text: str) -> dict[str, str]:
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN_RE.findall(text)}


def test_the_lock_pins_each_direct_dependency_at_its_version():
    direct = pins((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    locked = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert direct, "requirements.txt pins nothing"
    wrong = {name: (version, locked.get(name)) for name, version in direct.items() if locked.get(name) != version}
    assert not wrong, f"requirements.txt and requirements.lock disagree (run `make lock`): {wrong}"


def test_the_environment_is_the_locked_one():
    locked = pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in metadata.distributions()}
    wrong = {name: (version, installed.get(name)) for name, version in locked.items() if installed.get(name) != version}
    assert not wrong, f"installed versions differ from requirements.lock (run `make test`): {wrong}"
