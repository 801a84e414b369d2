#!/usr/bin/env python3
"""Start and stop a real WordPress (Debian 12's package) on 127.0.0.1 for tests.

One instance = a private MariaDB (own datadir under WORKDIR, unix socket only, nothing on TCP),
a Debian config file /etc/wordpress/config-dd-PORT.php and `php -S 127.0.0.1:PORT` with
router.php, which hands that config name to WordPress. Instances on different ports are
independent. The packages come from install-packages.sh; this module only uses the stdlib.

    python scripts/wordpress/wpenv.py start --workdir DIR [--port N] [--seed 1] [--comments 60] [--json OUT]
    python scripts/wordpress/wpenv.py stop --workdir DIR

WORKDIR/env.json describes a running instance (url, users with application passwords, pids).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCROOT = Path("/usr/share/wordpress")
# The override exists for the suite's own check that an unstartable WordPress fails the run
# (tests/test_suite_servers.py points it at a missing directory); Debian's WordPress reads
# /etc/wordpress and nothing else.
CONFIG_DIR = Path(os.environ.get("DIALOGUE_DESK_WP_CONFIG_DIR") or "/etc/wordpress")
REQUIRED_BINARIES = ("php", "mariadbd", "mariadb-install-db", "mariadb-admin", "mariadb")
DB_NAME = "wordpress"
DB_USER = "wp"
TIMEZONE = "Europe/Oslo"  # a non-UTC site zone, so the `after=` without-`Z` trap is real here
SOCKET_PATH_MAX = 100  # sun_path is 108 bytes on Linux

# login -> (role, display name); "admin" is the site administrator created by wp_install().
USERS: dict[str, tuple[str, str]] = {
    "admin": ("administrator", "Site Admin"),
    "editor1": ("editor", "Eva Editor"),
    "author1": ("author", "Arne Author"),
    "sub1": ("subscriber", "Sara Subscriber"),
    "sub2": ("subscriber", "Sven Subscriber"),
}


class WpEnvError(RuntimeError):
    """Starting or stopping the test WordPress failed."""


@dataclass(frozen=True)
class WpUser:
    id: int
    login: str
    role: str
    app_password: str
    password: str  # the login password (wp-login.php), for cookie-based checks

    @property
    def auth(self) -> tuple[str, str]:
        """(login, application password) for HTTP Basic auth on the REST API."""
        return (self.login, self.app_password)


@dataclass
class WpEnv:
    url: str
    port: int
    workdir: Path
    users: dict[str, WpUser]
    pids: dict[str, int]
    config_name: str
    socket: Path
    db_name: str
    db_user: str
    db_password: str
    seed: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def config_file(self) -> Path:
        return CONFIG_DIR / f"config-{self.config_name}.php"

    @property
    def client_cnf(self) -> Path:
        """Option file for the `mariadb` client (user, password, socket)."""
        return self.workdir / "client.cnf"

    @property
    def api(self) -> str:
        return f"{self.url}/wp-json/wp/v2"

    def php_env(self) -> dict[str, str]:
        """Environment for PHP CLI scripts that load WordPress (see install.php)."""
        env = {k: v for k, v in os.environ.items() if k != "PHP_CLI_SERVER_WORKERS"}
        env["WORDPRESS_CONFIG"] = self.config_name
        env["WP_HTTP_HOST"] = f"127.0.0.1:{self.port}"
        return env

    def to_json(self) -> dict:
        data = asdict(self)
        data["workdir"] = str(self.workdir)
        data["socket"] = str(self.socket)
        data["users"] = {
            login: {"id": u.id, "role": u.role, "app_password": u.app_password, "password": u.password}
            for login, u in self.users.items()
        }
        return data

    @classmethod
    def from_json(cls, data: dict) -> WpEnv:
        users = {
            login: WpUser(id=u["id"], login=login, role=u["role"],
                          app_password=u["app_password"], password=u["password"])
            for login, u in data["users"].items()
        }
        return cls(
            url=data["url"], port=data["port"], workdir=Path(data["workdir"]), users=users,
            pids=dict(data["pids"]), config_name=data["config_name"], socket=Path(data["socket"]),
            db_name=data["db_name"], db_user=data["db_user"], db_password=data["db_password"],
            seed=data.get("seed", {}), timings=data.get("timings", {}),
        )

    @classmethod
    def load(cls, workdir: Path) -> WpEnv:
        return cls.from_json(json.loads((Path(workdir) / "env.json").read_text()))


def missing_requirements() -> list[str]:
    """What is missing on this machine to start an instance (empty = ready)."""
    missing = [b for b in REQUIRED_BINARIES if not _which(b)]
    if not (DOCROOT / "wp-load.php").is_file():
        missing.append(str(DOCROOT))
    return missing


def start(workdir: Path, *, port: int | None = None, seed: int = 1, comments: int = 60) -> WpEnv:
    """Create, seed and serve a fresh WordPress; returns once the REST API answers."""
    missing = missing_requirements()
    if missing:
        raise WpEnvError(f"missing: {', '.join(missing)} (run scripts/wordpress/install-packages.sh)")
    if not os.access(CONFIG_DIR, os.W_OK):
        raise WpEnvError(f"{CONFIG_DIR} is not writable (Debian's WordPress reads its config there)")
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    port = port or _free_port()
    env = WpEnv(
        url=f"http://127.0.0.1:{port}", port=port, workdir=workdir, users={}, pids={},
        config_name=f"dd-{port}", socket=_socket_path(workdir),
        db_name=DB_NAME, db_user=DB_USER, db_password=secrets.token_urlsafe(18),
    )
    if env.config_file.exists():
        raise WpEnvError(f"{env.config_file} exists: another instance on port {port}?")
    t0 = time.monotonic()
    try:
        _start_mariadb(env)
        t1 = time.monotonic()
        _write_config(env)
        _install(env)
        t2 = time.monotonic()
        env.seed = _run_php_json(env, [str(HERE / "seed.php"), str(seed), str(comments)])
        t3 = time.monotonic()
        _start_php(env)
        t4 = time.monotonic()
        env.timings = {name: round(b - a, 3) for name, a, b in (
            ("mariadb", t0, t1), ("install", t1, t2), ("seed", t2, t3), ("serve", t3, t4),
            ("total", t0, t4))}
    except BaseException:
        stop(env)
        raise
    (workdir / "env.json").write_text(json.dumps(env.to_json(), indent=2, ensure_ascii=False))
    return env


def stop(env: WpEnv) -> None:
    """Stop the php server (its whole process group) and MariaDB; remove the config file."""
    php = env.pids.get("php")
    if php and _is_our_process(php, b"php"):
        try:
            os.killpg(php, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _wait_gone(php, 5.0, kill_group=True)
    db = env.pids.get("mariadbd")
    if db and _is_our_process(db, b"mariadbd"):
        os.kill(db, signal.SIGTERM)  # mariadbd shuts down cleanly on SIGTERM
        _wait_gone(db, 30.0, kill_group=False)
    env.config_file.unlink(missing_ok=True)
    if env.socket.parent != env.workdir / "run":
        shutil.rmtree(env.socket.parent, ignore_errors=True)


# ---- MariaDB --------------------------------------------------------------------------------

def _start_mariadb(env: WpEnv) -> None:
    datadir = env.workdir / "db"
    if datadir.exists():
        raise WpEnvError(f"{datadir} exists; use a fresh workdir")
    env.socket.parent.mkdir(parents=True, exist_ok=True)
    # Running as the invoking user avoids chown games with private tmp dirs (pytest's are 0700).
    user = _user_name()
    _run(["mariadb-install-db", "--no-defaults", f"--datadir={datadir}", f"--user={user}",
          "--auth-root-authentication-method=socket", "--skip-test-db"],
         log=env.workdir / "mariadb-install.log")
    with open(env.workdir / "mariadb.out", "wb") as log:
        proc = subprocess.Popen(
            ["mariadbd", "--no-defaults", f"--user={user}", f"--datadir={datadir}",
             f"--socket={env.socket}", f"--pid-file={env.workdir / 'run' / 'mysqld.pid'}",
             "--skip-networking", "--character-set-server=utf8mb4",
             "--collation-server=utf8mb4_unicode_ci", f"--log-error={env.workdir / 'mariadb.err'}",
             "--innodb-flush-log-at-trx-commit=0", "--skip-log-bin"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    env.pids["mariadbd"] = proc.pid
    deadline = time.monotonic() + 20
    while True:
        # Not up yet is a non-zero exit: checked below, not an error.
        ping = subprocess.run(["mariadb-admin", "--no-defaults", f"--socket={env.socket}",
                               "-uroot", "ping"], capture_output=True, check=False)
        if ping.returncode == 0:
            break
        if proc.poll() is not None or time.monotonic() > deadline:
            raise WpEnvError(f"mariadbd did not come up:\n{_tail(env.workdir / 'mariadb.err')}")
        time.sleep(0.05)
    sql = (
        f"CREATE DATABASE {env.db_name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
        f"CREATE USER '{env.db_user}'@'localhost' IDENTIFIED BY '{env.db_password}';"
        f"GRANT ALL ON {env.db_name}.* TO '{env.db_user}'@'localhost';"
    )
    _run(["mariadb", "--no-defaults", f"--socket={env.socket}", "-uroot", "-e", sql])
    env.client_cnf.write_text(
        f"[client]\nuser={env.db_user}\npassword={env.db_password}\nsocket={env.socket}\n"
        f"database={env.db_name}\ndefault-character-set=utf8mb4\n"
    )
    env.client_cnf.chmod(0o600)


# ---- WordPress ------------------------------------------------------------------------------

def _write_config(env: WpEnv) -> None:
    def php_str(value: str) -> str:
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"

    salts = "\n".join(
        f"define({php_str(name)}, {php_str(secrets.token_urlsafe(48))});"
        for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY",
                     "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT")
    )
    text = f"""<?php
// Test instance written by dialogue-desk scripts/wordpress/wpenv.py; removed by `wpenv.py stop`.
define('DB_NAME', {php_str(env.db_name)});
define('DB_USER', {php_str(env.db_user)});
define('DB_PASSWORD', {php_str(env.db_password)});
define('DB_HOST', {php_str('localhost:' + str(env.socket))});
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', {php_str(env.url)});
define('WP_SITEURL', {php_str(env.url)});
// Application passwords over plain http need a "local" environment.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
// No internet here: outbound HTTP (update checks, oEmbed, pingbacks) fails fast instead of hanging.
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_DEBUG', false);
{salts}
"""
    fd = os.open(env.config_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "w") as f:
        f.write(text)


def _install(env: WpEnv) -> None:
    passwords = {login: secrets.token_urlsafe(12) for login in USERS}
    spec = {
        "title": "Dialogue Desk test intranet",
        "timezone": TIMEZONE,
        "users": {
            login: {"role": role, "display_name": name, "password": passwords[login],
                    "email": f"{login}@example.com"}
            for login, (role, name) in USERS.items()
        },
    }
    made = _run_php_json(env, [str(HERE / "install.php")], stdin=json.dumps(spec))
    env.users = {
        login: WpUser(id=int(u["id"]), login=login, role=u["role"],
                      app_password=u["app_password"], password=passwords[login])
        for login, u in made.items()
    }


def _start_php(env: WpEnv) -> None:
    with open(env.workdir / "php.log", "wb") as log:
        # No PHP_CLI_SERVER_WORKERS: one process, so its PID (= its process group) is all there is.
        proc = subprocess.Popen(
            ["php", "-d", "opcache.enable_cli=1", "-d", "display_errors=stderr",
             "-S", f"127.0.0.1:{env.port}", "-t", str(DOCROOT), str(HERE / "router.php")],
            cwd=DOCROOT, env=env.php_env(), stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    env.pids["php"] = proc.pid
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{env.url}/wp-json/", timeout=5) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise WpEnvError(f"php -S did not come up:\n{_tail(env.workdir / 'php.log')}")
        time.sleep(0.05)


def _run_php_json(env: WpEnv, args: list[str], stdin: str = "") -> dict:
    res = subprocess.run(["php", *args], input=stdin.encode(), capture_output=True,
                         env=env.php_env(), cwd=env.workdir, check=False)
    if res.returncode != 0:
        raise WpEnvError(f"php {Path(args[0]).name} failed ({res.returncode}):\n"
                         f"{res.stderr.decode(errors='replace')[-2000:]}")
    try:
        return json.loads(res.stdout)
    except json.JSONDecodeError as exc:
        raise WpEnvError(f"php {Path(args[0]).name} printed no JSON:\n"
                         f"{res.stdout.decode(errors='replace')[-2000:]}") from exc


# ---- processes and small helpers ------------------------------------------------------------

def _is_our_process(pid: int, name: bytes) -> bool:
    """True when PID still runs the program we started (guards against a recycled PID)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return name in Path(cmdline.split(b"\0", 1)[0].decode(errors="replace")).name.encode()


def _gone(pid: int) -> bool:
    try:
        # Reap it if it is our child (a started-and-stopped env in the same process).
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


def _wait_gone(pid: int, timeout: float, *, kill_group: bool) -> None:
    if _wait(pid, timeout):
        return
    try:
        (os.killpg if kill_group else os.kill)(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    _wait(pid, 5.0)


def _wait(pid: int, timeout: float) -> bool:
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


def _socket_path(workdir: Path) -> Path:
    path = workdir / "run" / "mysqld.sock"
    if len(str(path)) <= SOCKET_PATH_MAX:
        return path
    return Path(tempfile.mkdtemp(prefix="dd-wp-")) / "mysqld.sock"


def _user_name() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def _which(binary: str) -> str | None:
    # mariadbd lives in /usr/sbin, which a non-root PATH often lacks.
    return shutil.which(binary) or shutil.which(binary, path="/usr/sbin:/sbin")


def _run(cmd: list[str], log: Path | None = None) -> None:
    cmd = [_which(cmd[0]) or cmd[0], *cmd[1:]]
    res = subprocess.run(cmd, capture_output=True, check=False)
    if log is not None:
        log.write_bytes(res.stdout + res.stderr)
    if res.returncode != 0:
        raise WpEnvError(f"{Path(cmd[0]).name} failed ({res.returncode}):\n"
                         f"{res.stderr.decode(errors='replace')[-2000:]}")


def _tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"({path} not readable)"


# ---- command line ---------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_start = sub.add_parser("start", help="create, seed and serve a fresh WordPress")
    p_start.add_argument("--workdir", type=Path, required=True)
    p_start.add_argument("--port", type=int)
    p_start.add_argument("--seed", type=int, default=1)
    p_start.add_argument("--comments", type=int, default=60)
    p_start.add_argument("--json", type=Path, help="also write env.json here")
    p_stop = sub.add_parser("stop", help="stop the instance described by WORKDIR/env.json")
    p_stop.add_argument("--workdir", type=Path, required=True)
    args = parser.parse_args(argv)

    try:
        if args.command == "start":
            env = start(args.workdir, port=args.port, seed=args.seed, comments=args.comments)
            if args.json:
                args.json.write_text(json.dumps(env.to_json(), indent=2, ensure_ascii=False))
            t = env.timings
            print(f"WordPress at {env.url} (workdir {env.workdir}); {t['total']:.2f} s: "
                  f"mariadb {t['mariadb']:.2f}, install {t['install']:.2f}, "
                  f"seed {t['seed']:.2f}, serve {t['serve']:.2f}")
        else:
            stop(WpEnv.load(args.workdir))
            print(f"stopped WordPress in {args.workdir}")
    except WpEnvError as exc:
        print(f"wpenv: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
