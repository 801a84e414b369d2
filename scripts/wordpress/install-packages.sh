#!/bin/sh
# Install the Debian packages for the test WordPress (wordpress, mariadb-server, php-cli,
# php-mysql) and make sure nothing they bring along keeps listening: `wordpress` pulls in
# apache2, which starts on 0.0.0.0:80 on machines without a policy-rc.d that forbids it,
# and mariadb-server may start the system database. The tests run private instances only.
# Idempotent: does nothing but the checks when the packages are already installed. Needs root
# to install.
set -eu

PACKAGES="wordpress mariadb-server php-cli php-mysql"

installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

stop_service() {
    service "$1" stop >/dev/null 2>&1 || systemctl stop "$1" >/dev/null 2>&1 || true
    if [ -d /run/systemd/system ]; then
        systemctl disable --quiet "$1" >/dev/null 2>&1 || true
    fi
}

missing=""
for p in $PACKAGES; do
    installed "$p" || missing="$missing $p"
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-packages: missing:$missing; run as root" >&2
        exit 1
    fi
    # A system MariaDB that ran before us belongs to someone else: leave it alone.
    mariadb_was_running=no
    [ -f /run/mysqld/mysqld.pid ] && mariadb_was_running=yes

    echo "install-packages: installing$missing"
    start=$(date +%s)
    # apt/debconf chatter goes to a log shown only when something fails.
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends $PACKAGES; } >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        echo "install-packages: apt-get failed" >&2
        exit 1
    fi
    rm -f "$log"
    echo "install-packages: installed in $(( $(date +%s) - start )) s"

    if [ "$mariadb_was_running" = no ] && [ -f /run/mysqld/mysqld.pid ]; then
        stop_service mariadb
        echo "install-packages: stopped the system mariadb the install started"
    fi
fi

# Apache is never wanted here (php -S serves WordPress); it may have started at install time
# or on a later boot.
if pidof apache2 >/dev/null 2>&1; then
    stop_service apache2
    echo "install-packages: stopped apache2"
fi
if pidof apache2 >/dev/null 2>&1; then
    echo "install-packages: apache2 is still running" >&2
    exit 1
fi
if command -v ss >/dev/null 2>&1 && ss -ltnp 2>/dev/null | grep -q '"apache2"'; then
    echo "install-packages: apache2 still listens:" >&2
    ss -ltnp | grep '"apache2"' >&2
    exit 1
fi
exit 0
