#!/usr/bin/env python3
"""A seeded Plone and a desk profile connected to it, for screenshots (scripts/screenshots.sh).

    python scripts/plone/desk_profile.py start WORKDIR   # prints the profile and the secret
    python scripts/plone/desk_profile.py stop WORKDIR

``start`` serves a fresh seeded Plone (plonenv.py) in WORKDIR/plone, adds the account
"intranet" for reviewer1 to the profile WORKDIR/profile and syncs it. It prints two shell
lines: the profile's path and the account's secret as DIALOGUE_DESK_SECRET_INTRANET (a
screenshot machine has no keyring; the secret is a throwaway test password).
"""

from __future__ import annotations

import asyncio
import importlib.util
import shlex
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))


def _plonenv() -> Any:
    spec = importlib.util.spec_from_file_location("dialogue_desk_plonenv",
                                                  Path(__file__).with_name("plonenv.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["dialogue_desk_plonenv"] = module
    spec.loader.exec_module(module)
    return module


async def _connect(profile: Path, url: str, password: str) -> None:
    from desktop.services.desk import DeskService

    service = DeskService(profile)
    try:
        await service.add_account("intranet", "plone", url, "reviewer1", password)
        await service.sync(full=True)
    finally:
        await service.aclose()


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    plonenv = _plonenv()
    workdir = Path(argv[1]).resolve()
    if argv[0] == "stop":
        plonenv.stop(plonenv.PloneEnv.load(workdir / "plone"))
        return 0
    plonenv.install()
    env = plonenv.start(workdir / "plone")
    try:
        password = env.users["reviewer1"].password
        asyncio.run(_connect(workdir / "profile", env.url, password))
    except BaseException:
        plonenv.stop(env)
        raise
    print(f"PROFILE={shlex.quote(str(workdir / 'profile'))}")
    print(f"DIALOGUE_DESK_SECRET_INTRANET={shlex.quote(password)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
