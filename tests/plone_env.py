"""pytest fixture for a real Plone 6 on 127.0.0.1 (scripts/plone/plonenv.py).

Use from conftest.py:  ``from plone_env import plone  # noqa: F401``
and mark the tests ``@pytest.mark.plone``.

``plone`` is session-scoped: one seeded site serves every test, so a test that changes
something creates its own comment first instead of changing a seeded one. The install (a
venv under .plone/, reused while scripts/plone/constraints.txt is unchanged) happens here when
needed; the site is started once per session (kept on the pytest config) and stopped, by PID,
when the session ends. A machine that cannot install or start Plone (no PyPI) fails these
tests; only ``--no-plone`` leaves them out (tests/conftest.py), and the run says so.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts" / "plone"


def _load_plonenv():
    # scripts/ is not a package; load plonenv.py by path, once, under a stable module name.
    name = "dialogue_desk_plonenv"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / "plonenv.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


plonenv = _load_plonenv()
PloneEnv = plonenv.PloneEnv
PloneUser = plonenv.PloneUser

_ENV_KEY = pytest.StashKey["PloneEnv"]()
_FAILED_KEY = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def plone(request: pytest.FixtureRequest,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[PloneEnv]:
    """A running, seeded Plone: ``.url`` (the site), ``.users["reviewer1"].auth``, ``.seed``."""
    config = request.config
    if _FAILED_KEY in config.stash:  # one failed start is enough for the whole session
        _give_up(config.stash[_FAILED_KEY])
    if _ENV_KEY not in config.stash:
        try:
            plonenv.install()
            env = plonenv.start(tmp_path_factory.mktemp("plone"))
        except (plonenv.PloneEnvError, OSError) as exc:
            config.stash[_FAILED_KEY] = str(exc)
            _give_up(str(exc))
        config.stash[_ENV_KEY] = env
        config.add_cleanup(lambda: plonenv.stop(env))
    yield config.stash[_ENV_KEY]


def _give_up(reason: str) -> None:
    pytest.fail(f"Plone cannot start: {reason[-1500:]} (leave its tests out with --no-plone)",
                pytrace=False)
