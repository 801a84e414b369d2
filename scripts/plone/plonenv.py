#!/usr/bin/env python3
"""Install, start and stop a real Plone 6 on 127.0.0.1 for tests.

Plone comes from PyPI into its own venv (``.plone/venv`` in the repository, git-ignored),
pinned by ``constraints.txt`` beside this file; the venv is reused while the constraints'
hash matches. One instance = a WSGI instance (``mkwsgiinstance``) in WORKDIR, served by
``runwsgi`` on 127.0.0.1 only, with a site ``Plone`` that has plone.restapi and
plone.app.discussion (comments with moderation) and is seeded by seed.py. Stdlib only.

    python scripts/plone/plonenv.py install
    python scripts/plone/plonenv.py start --workdir DIR [--port N] [--seed 1] [--json OUT]
    python scripts/plone/plonenv.py stop --workdir DIR

WORKDIR/env.json describes a running instance (url, users with passwords, pid, seed, timings).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CONSTRAINTS = HERE / "constraints.txt"
PLONE_VERSION = "6.2.2"
# DD_PLONE_VENV puts the install elsewhere, e.g. when .plone is shared and not writable
DEFAULT_VENV = Path(os.environ.get("DD_PLONE_VENV") or REPO / ".plone" / "venv")
SITE_ID = "Plone"
SITE_TITLE = "Dialogue Desk test intranet"
ADMIN = "admin"  # the Zope root Manager written by mkwsgiinstance


class PloneEnvError(RuntimeError):
    """Installing, starting or stopping the test Plone failed."""


@dataclass(frozen=True)
class PloneUser:
    login: str
    password: str
    roles: tuple[str, ...]
    fullname: str

    @property
    def auth(self) -> tuple[str, str]:
        return (self.login, self.password)


@dataclass
class PloneEnv:
    url: str  # the site: http://127.0.0.1:PORT/Plone
    port: int
    workdir: Path
    venv: Path
    users: dict[str, PloneUser]
    pid: int = 0
    seed: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["workdir"], data["venv"] = str(self.workdir), str(self.venv)
        data["users"] = {k: {"password": u.password, "roles": list(u.roles),
                             "fullname": u.fullname} for k, u in self.users.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PloneEnv:
        users = {k: PloneUser(k, u["password"], tuple(u["roles"]), u["fullname"])
                 for k, u in data["users"].items()}
        return cls(url=data["url"], port=data["port"], workdir=Path(data["workdir"]),
                   venv=Path(data["venv"]), users=users, pid=data.get("pid", 0),
                   seed=data.get("seed", {}), timings=data.get("timings", {}))

    @classmethod
    def load(cls, workdir: Path) -> PloneEnv:
        return cls.from_json(json.loads((Path(workdir) / "env.json").read_text()))


# ---- install --------------------------------------------------------------------------------

def constraints_hash() -> str:
    return hashlib.sha256(CONSTRAINTS.read_bytes()).hexdigest()


def installed(venv: Path = DEFAULT_VENV) -> bool:
    stamp = venv / "constraints.sha256"
    return (venv / "bin" / "runwsgi").is_file() and stamp.is_file() and \
        stamp.read_text().strip() == constraints_hash()


def install(venv: Path = DEFAULT_VENV, *, python: str = sys.executable) -> float:
    """Plone into ``venv`` unless it is there for these constraints; returns the seconds spent."""
    t0 = time.monotonic()
    if installed(venv):
        return time.monotonic() - t0
    if venv.exists():
        shutil.rmtree(venv)
    if venv.parent.is_symlink() and not venv.parent.exists():
        raise PloneEnvError(f"{venv.parent} links to {os.readlink(venv.parent)}, which does "
                            "not exist: create it, or set DD_PLONE_VENV to a directory")
    venv.parent.mkdir(parents=True, exist_ok=True)
    log = venv.parent / "install.log"
    with open(log, "wb") as out:
        def run(*cmd: str) -> None:
            res = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, check=False,
                                 stdin=subprocess.DEVNULL)
            if res.returncode != 0:
                raise PloneEnvError(f"{' '.join(cmd[:3])}… failed ({res.returncode}); "
                                    f"see {log}:\n{_tail(log)}")

        # The venv's bundled pip resolves a broken pre-release of plone.app.layout: upgrade it
        # first, and pin everything anyway.
        run(python, "-m", "venv", str(venv))
        pip = str(venv / "bin" / "pip")
        run(pip, "install", "-q", "-U", "pip")
        run(pip, "install", "-q", "-c", str(CONSTRAINTS), f"Plone=={PLONE_VERSION}")
    (venv / "constraints.sha256").write_text(constraints_hash() + "\n")
    return time.monotonic() - t0


# ---- start / stop ---------------------------------------------------------------------------

def start(workdir: Path, *, port: int | None = None, seed: int = 1,
          venv: Path = DEFAULT_VENV) -> PloneEnv:
    """Create, serve, configure and seed a fresh Plone site; returns once it is ready."""
    if not installed(venv):
        raise PloneEnvError(f"Plone is not installed in {venv} (run scripts/plone/plonenv.py "
                            "install)")
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or _free_port()
    password = secrets.token_urlsafe(15)
    env = PloneEnv(url=f"http://127.0.0.1:{port}/{SITE_ID}", port=port, workdir=workdir,
                   venv=venv, users={ADMIN: PloneUser(ADMIN, password, ("Manager",), "Admin")})
    t0 = time.monotonic()
    try:
        _make_instance(env, password)
        t1 = time.monotonic()
        _serve(env)
        t2 = time.monotonic()
        _make_site(env)
        t3 = time.monotonic()
        env.seed = _load_seed().seed(env, seed, sys.modules[__name__])
        t4 = time.monotonic()
        env.timings = {name: round(b - a, 3) for name, a, b in (
            ("instance", t0, t1), ("serve", t1, t2), ("site", t2, t3), ("seed", t3, t4),
            ("total", t0, t4))}
    except BaseException:
        stop(env)
        raise
    (workdir / "env.json").write_text(json.dumps(env.to_json(), indent=2, ensure_ascii=False))
    return env


def stop(env: PloneEnv) -> None:
    """Stop the WSGI server (its process group, by PID)."""
    pid = env.pid
    if not pid or not _is_ours(pid, env.venv):
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not _wait_gone(pid, 10.0):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        _wait_gone(pid, 5.0)


def _make_instance(env: PloneEnv, password: str) -> None:
    inst = env.workdir / "instance"
    res = subprocess.run([str(env.venv / "bin" / "mkwsgiinstance"), "-d", str(inst),
                          "-u", f"{ADMIN}:{password}"], capture_output=True, check=False)
    if res.returncode != 0:
        raise PloneEnvError(f"mkwsgiinstance failed: {res.stderr.decode(errors='replace')}")
    ini = inst / "etc" / "zope.ini"
    lines = []
    for line in ini.read_text().splitlines():
        key = line.split("=", 1)[0].strip()
        if key == "listen":
            line = f"listen = 127.0.0.1:{env.port}"
        elif key == "host":
            line = "host = 127.0.0.1"  # mkwsgiinstance writes it; never another address
        elif key == "port":
            line = f"port = {env.port}"
        lines.append(line)
    text = "\n".join(lines) + "\n"
    if f"127.0.0.1:{env.port}" not in text and f"port = {env.port}" not in text:
        raise PloneEnvError(f"could not set the port in {ini}")
    ini.write_text(text)


def _serve(env: PloneEnv) -> None:
    inst = env.workdir / "instance"
    with open(env.workdir / "runwsgi.log", "wb") as log:
        proc = subprocess.Popen([str(env.venv / "bin" / "runwsgi"), str(inst / "etc" / "zope.ini")],
                                cwd=inst, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    env.pid = proc.pid
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{env.root}/", timeout=5) as resp:
                if resp.status < 500:
                    return
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise PloneEnvError(f"runwsgi did not come up:\n{_tail(env.workdir / 'runwsgi.log')}")
        time.sleep(0.2)


def _make_site(env: PloneEnv) -> None:
    api(env, "POST", f"{env.root}/@sites", ADMIN, body={
        "distribution": "classic", "site_id": SITE_ID, "title": SITE_TITLE,
        "setup_content": False})
    # In 6.2 a new site has neither the REST API's @login nor comments: add both.
    for addon in ("plone.restapi", "plone.app.discussion"):
        api(env, "POST", f"{env.url}/@addons/{addon}/install", ADMIN)
    prefix = "plone.app.discussion.interfaces.IDiscussionSettings."
    api(env, "PATCH", f"{env.url}/@registry", ADMIN, body={
        prefix + name: True for name in ("globally_enabled", "moderation_enabled",
                                         "edit_comment_enabled", "delete_own_comment_enabled")})


def bulk_seed(env: PloneEnv, comments: int, *, posts: int = 100, seed: int = 1) -> dict[str, Any]:
    """Add ``comments`` comments on ``posts`` new News Items inside the instance's own Python
    (bulk_seed.py; over REST each costs a request, a workflow transition and a commit), then
    serve again. The server is stopped meanwhile: FileStorage allows one process. Returns
    bulk_seed.py's summary with the seconds spent, restart included."""
    t0 = time.monotonic()
    stop(env)
    inst = env.workdir / "instance"
    out = env.workdir / "bulk.json"
    res = subprocess.run([str(env.venv / "bin" / "zconsole"), "run",
                          str(inst / "etc" / "zope.conf"), str(HERE / "bulk_seed.py"), SITE_ID,
                          str(comments), str(posts), str(seed), str(out)],
                         cwd=inst, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    if res.returncode != 0 or not out.is_file():
        raise PloneEnvError(f"bulk_seed.py failed ({res.returncode}): "
                            f"{res.stderr.decode(errors='replace')[-2000:]}")
    _serve(env)
    summary: dict[str, Any] = json.loads(out.read_text())
    summary["seconds_with_restart"] = round(time.monotonic() - t0, 2)
    env.seed["bulk"] = summary
    (env.workdir / "env.json").write_text(json.dumps(env.to_json(), indent=2,
                                                     ensure_ascii=False))
    return summary


# ---- HTTP helpers (also used by seed.py and the tests) ----------------------------------------

def api(env: PloneEnv, method: str, url: str, login: str | None, *,
        body: dict[str, Any] | None = None, form: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200, 201, 204),
        raw: bool = False) -> tuple[int, dict[str, str], Any]:
    """One request as ``login`` (Basic auth; None = anonymous). Returns status, headers, JSON
    (or None; the bytes with ``raw``). Redirects are not followed: the moderation form answers
    302."""
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if login is not None:
        user = env.users[login]
        token = base64.b64encode(f"{user.login}:{user.password}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(req, timeout=60) as resp:
            status, hdrs, content = resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        status, hdrs, content = exc.code, dict(exc.headers), exc.read()
    if status not in expect:
        raise PloneEnvError(f"{method} {url} → {status}: {content[:500]!r}")
    if raw:
        return status, hdrs, content
    try:
        doc = json.loads(content) if content else None
    except ValueError:
        doc = None
    return status, hdrs, doc


def list_comments(env: PloneEnv, path: str, login: str | None) -> list[dict[str, Any]]:
    """Every comment of the item at ``path`` (below the site), all pages of ``@comments``."""
    items: list[dict[str, Any]] = []
    url: str | None = f"{env.url}/{path}/@comments?b_size=100"
    while url:
        _, _, doc = api(env, "GET", url, login)
        items.extend(doc["items"])
        url = (doc.get("batching") or {}).get("next")
    return items


def csrf_token(env: PloneEnv, login: str) -> str:
    """The site's CSRF token for ``login`` (plone.protect), as its moderation form wants it."""
    _, _, raw = api(env, "GET", f"{env.url}/@@authenticator/token", login, raw=True)
    return raw.decode().strip().strip('"')


def moderate(env: PloneEnv, path: str, comment_id: str, action: str, login: str,
             token: str | None) -> int:
    """The site's own moderation form (publish, reject, mark_as_spam, recall); returns the
    HTTP status. It answers 302 with or without effect: callers check the state."""
    form = {"workflow_action": action}
    if token is not None:
        form["_authenticator"] = token
    status, _, _ = api(env, "POST",
                       f"{env.url}/{path}/++conversation++default/{comment_id}/@@transmit-comment",
                       login, form=form, expect=(200, 302, 303))
    return status


def search(env: PloneEnv, login: str | None, **query: Any) -> list[dict[str, Any]]:
    """Every hit of ``@search`` (all pages); list values repeat the parameter."""
    params: list[tuple[str, str]] = [("b_size", "500")]
    for key, value in query.items():
        for v in value if isinstance(value, list | tuple) else [value]:
            params.append((key, str(v)))
    items: list[dict[str, Any]] = []
    url: str | None = f"{env.url}/@search?{urllib.parse.urlencode(params)}"
    while url:
        _, _, doc = api(env, "GET", url, login)
        items.extend(doc["items"])
        url = (doc.get("batching") or {}).get("next")
    return items


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _load_seed() -> Any:
    name = "dialogue_desk_plone_seed"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "seed.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# ---- processes ------------------------------------------------------------------------------

def _is_ours(pid: int, venv: Path) -> bool:
    """True when PID still runs our runwsgi (guards against a recycled PID)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"runwsgi" in cmdline


def _gone(pid: int) -> bool:
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            return True
    except ChildProcessError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while not _gone(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"({path} not readable)"


# ---- command line ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_install = sub.add_parser("install", help="install Plone into its venv (cached)")
    p_install.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    p_start = sub.add_parser("start", help="create, seed and serve a fresh Plone site")
    p_start.add_argument("--workdir", type=Path, required=True)
    p_start.add_argument("--port", type=int)
    p_start.add_argument("--seed", type=int, default=1)
    p_start.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    p_start.add_argument("--json", type=Path, help="also write env.json here")
    p_stop = sub.add_parser("stop", help="stop the instance described by WORKDIR/env.json")
    p_stop.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args(argv)
    try:
        if args.command == "install":
            print(f"Plone {PLONE_VERSION} in {args.venv}: {install(args.venv):.1f} s")
        elif args.command == "start":
            env = start(args.workdir, port=args.port, seed=args.seed, venv=args.venv)
            if args.json:
                args.json.write_text(json.dumps(env.to_json(), indent=2, ensure_ascii=False))
            t = env.timings
            print(f"Plone at {env.url} (pid {env.pid}); {t['total']:.2f} s: instance "
                  f"{t['instance']:.2f}, serve {t['serve']:.2f}, site {t['site']:.2f}, "
                  f"seed {t['seed']:.2f}")
        else:
            stop(PloneEnv.load(args.workdir))
            print(f"stopped Plone in {args.workdir}")
    except PloneEnvError as exc:
        print(f"plonenv: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
