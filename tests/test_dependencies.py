"""What can be checked of the dependencies without a network: that the set an audit
(`make audit`) looks at is exactly pinned, and that what is installed fits together."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

from helpers import ROOT

PINNED = re.compile(r"^[A-Za-z0-9_.-]+(\[[a-z,]+\])?==[0-9][0-9A-Za-z.+!-]*$")


def test_every_dependency_is_pinned_to_one_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        wanted += group
    assert len(wanted) > 30
    loose = [w for w in wanted if not PINNED.match(w)]
    assert not loose, f"not pinned with ==: {loose}"


def test_the_installed_packages_fit_together() -> None:
    checked = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
