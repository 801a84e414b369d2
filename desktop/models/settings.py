"""Every setting of the desk, declared once: key, type, default, label, help, validation, scope.

Values live in state.db's ``settings`` table as JSON, one row per (key, account, area); a
setting without a row has its default. Scopes: ``app`` settings have one value; an
``account`` setting may also be set per account, an ``area`` setting per account and per
area of it, and a narrower value wins over a wider one (area → account → app → default).

Window geometry and other window state stay in QSettings: they are not settings a person
chooses. This module imports no Qt, so the command line reads and writes settings without
loading Qt; labels and messages are marked for translation here and translated where shown.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from desktop.models import db as dbmod
from desktop.models import triage

if TYPE_CHECKING:
    from desktop.models.store import Store

log = logging.getLogger(__name__)

CONTEXT = "Settings"  # the translation context of every label, help text and message here


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for lupdate without importing Qt (the CLI reads settings without it)."""
    return text


Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


class SettingError(ValueError):
    """A value or scope a setting refuses. ``message(tr)`` is the sentence for a person."""

    def __init__(self, key: str, template: str, **args: object) -> None:
        super().__init__(key, template, args)
        self.key = key
        self.template = template
        self.args_ = args

    def message(self, tr: Translate = _identity) -> str:
        return tr(self.template).format(**self.args_)

    def __str__(self) -> str:
        return f"{self.key}: {self.message()}"


APP, ACCOUNT, AREA = "app", "account", "area"
SCOPES = (APP, ACCOUNT, AREA)

# Groups, in the order the Preferences dialog shows them.
GROUPS: dict[str, str] = {
    "general": QT_TRANSLATE_NOOP("Settings", "General"),
    "sync": QT_TRANSLATE_NOOP("Settings", "Sync"),
    "deadlines": QT_TRANSLATE_NOOP("Settings", "Reply deadlines"),
    "rules": QT_TRANSLATE_NOOP("Settings", "Rules of engagement"),
    "rules_en": QT_TRANSLATE_NOOP("Settings", "Rules of engagement: English"),
    "rules_de": QT_TRANSLATE_NOOP("Settings", "Rules of engagement: German"),
    "rules_nb": QT_TRANSLATE_NOOP("Settings", "Rules of engagement: Norwegian"),
    "notify": QT_TRANSLATE_NOOP("Settings", "Notifications"),
    "heated": QT_TRANSLATE_NOOP("Settings", "Heated threads"),
    "followup": QT_TRANSLATE_NOOP("Settings", "Follow-ups"),
    "insight": QT_TRANSLATE_NOOP("Settings", "Insight"),
}

CHOICE, SECONDS, INTEGER, PERCENT, WORDS = "choice", "seconds", "integer", "percent", "words"
PATTERNS = "patterns"  # regular expressions, one per line

_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|[ '\-])*[^\W\d_]\*?$")
# a user name as platforms allow them (WordPress: letters, digits, space, _ . - @)
_NAME = re.compile(r"^[\w.@\-](?:[\w.@\- ]*[\w.@\-])?$")


@dataclasses.dataclass(frozen=True)
class Setting:
    key: str
    kind: str  # choice, seconds, integer, percent, words
    default: Any
    label: str  # marked with QT_TRANSLATE_NOOP("Settings", …)
    help: str
    group: str
    scope: str = APP
    choices: tuple[tuple[str, str], ...] = ()  # (value, label marked for translation)
    minimum: int = 0
    maximum: int = 0
    restart: bool = False  # takes effect the next time the desk starts
    triage: bool = False  # decides lanes: cached comments are triaged again on a change
    names: bool = False  # a WORDS list of user names, not of words

    def parse(self, text: str) -> Any:
        """A value from what a person typed (the command line)."""
        if self.kind == CHOICE:
            return self.check(text.strip())
        if self.kind == WORDS:
            return self.check(tuple(w.strip() for w in re.split(r"[,\n]", text) if w.strip()))
        if self.kind == PATTERNS:  # a comma belongs to many patterns: one per line only
            return self.check(tuple(p.strip() for p in text.split("\n") if p.strip()))
        if self.kind == SECONDS:
            m = _DURATION.match(text)
            if m is None:
                raise SettingError(self.key, QT_TRANSLATE_NOOP(
                    "Settings", "'{value}' is not a number of seconds"), value=text)
            return self.check(int(m.group(1)) * _UNIT[m.group(2).lower()])
        try:
            number = int(text.strip().rstrip("%"))
        except ValueError:
            raise SettingError(self.key, QT_TRANSLATE_NOOP(
                "Settings", "'{value}' is not a whole number"), value=text) from None
        return self.check(number)

    def check(self, value: Any) -> Any:
        """``value`` if this setting takes it (normalised), else SettingError."""
        if self.kind == CHOICE:
            allowed = [c for c, _ in self.choices]
            if value not in allowed:
                raise SettingError(self.key, QT_TRANSLATE_NOOP(
                    "Settings", "'{value}' is not one of {choices}"),
                    value=value, choices=", ".join(allowed))
            return value
        if self.kind == WORDS:
            if isinstance(value, str) or not isinstance(value, Iterable):
                raise SettingError(self.key, QT_TRANSLATE_NOOP(
                    "Settings", "a list of words is expected"))
            words = tuple(dict.fromkeys(str(w).strip().lower() for w in value if str(w).strip()))
            for w in words:
                if self.names:
                    if not _NAME.match(w):
                        raise SettingError(self.key, QT_TRANSLATE_NOOP(
                            "Settings", "'{value}' is not a user name"), value=w)
                elif not _WORD.match(w):
                    raise SettingError(self.key, QT_TRANSLATE_NOOP(
                        "Settings", "'{value}' is not a word or phrase (letters, spaces, "
                        "hyphens; a * at the end matches any ending)"), value=w)
            return words
        if self.kind == PATTERNS:
            return _check_patterns(self.key, value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise SettingError(self.key, QT_TRANSLATE_NOOP(
                "Settings", "'{value}' is not a whole number"), value=value)
        if not self.minimum <= value <= self.maximum:
            raise SettingError(self.key, QT_TRANSLATE_NOOP(
                "Settings", "{value} is outside {minimum}–{maximum}"),
                value=value, minimum=self.minimum, maximum=self.maximum)
        return value

    def format(self, value: Any) -> str:
        """The value as ``parse`` reads it back."""
        if self.kind == WORDS:
            return ", ".join(value)
        if self.kind == PATTERNS:
            return "\n".join(value)
        return str(value)


def _rules_of(lang: str, name: str) -> list[Setting]:
    default = triage.Engagement(triage.INSULTS[lang])
    group = f"rules_{lang}"
    return [
        Setting(f"insults_{lang}", WORDS, default.insults,
                QT_TRANSLATE_NOOP("Settings", "&Insulting words"),
                QT_TRANSLATE_NOOP("Settings", "A comment in this language with one of these "
                                  "words or phrases goes to Moderate. One per line; a * at "
                                  "the end matches any ending."),
                group, ACCOUNT, triage=True),
        Setting(f"shout_letters_{lang}", INTEGER, default.shout_min_letters,
                QT_TRANSLATE_NOOP("Settings", "Shouting: at &least this many letters"),
                QT_TRANSLATE_NOOP("Settings", "Shorter comments in capitals (\"OK!\") are "
                                  "not shouting."),
                group, ACCOUNT, minimum=3, maximum=500, triage=True),
        Setting(f"shout_percent_{lang}", PERCENT, round(default.shout_ratio * 100),
                QT_TRANSLATE_NOOP("Settings", "Shouting: share of &capital letters (%)"),
                QT_TRANSLATE_NOOP("Settings", "A comment with at least this share of capital "
                                  "letters is shouting."),
                group, ACCOUNT, minimum=50, maximum=100, triage=True),
        Setting(f"max_links_{lang}", INTEGER, default.max_links,
                QT_TRANSLATE_NOOP("Settings", "Most lin&ks in a comment"),
                QT_TRANSLATE_NOOP("Settings", "A comment with more links goes to Moderate "
                                  "(link spam)."),
                group, ACCOUNT, minimum=0, maximum=100, triage=True),
    ]


# --- follow-ups: promises in staff replies (issue 15 §3) -------------------------------------

def _check_patterns(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise SettingError(key, QT_TRANSLATE_NOOP("Settings", "a list of patterns is expected"))
    patterns = tuple(dict.fromkeys(str(p).strip() for p in value if str(p).strip()))
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise SettingError(key, QT_TRANSLATE_NOOP(
                "Settings", "'{value}' is not a valid pattern: {error}"),
                value=p, error=str(exc)) from None
    return patterns


_FOLLOWUP_SETTINGS = [
    Setting("followup_due", SECONDS, int(triage.DEFAULT_FOLLOWUP_DUE),
            QT_TRANSLATE_NOOP("Settings", "Keep a &promise within"),
            QT_TRANSLATE_NOOP("Settings", "A staff reply that promises an outcome puts its "
                              "thread into Follow-up, due after this time."),
            "followup", ACCOUNT, minimum=3600, maximum=365 * 86400, triage=True),
    *(Setting(f"promises_{lang}", PATTERNS, triage.PROMISES[lang], label,
              QT_TRANSLATE_NOOP("Settings", "Regular expressions, one per line, matched "
                                "case-insensitively in staff replies: a match is a promise."),
              "followup", ACCOUNT, triage=True)
      for lang, label in (
          ("en", QT_TRANSLATE_NOOP("Settings", "Promises in &English")),
          ("de", QT_TRANSLATE_NOOP("Settings", "Promises in &German")),
          ("nb", QT_TRANSLATE_NOOP("Settings", "Promises in &Norwegian")))),
]

_LANGUAGE_NAMES = (
    ("en", QT_TRANSLATE_NOOP("Settings", "English")),
    ("de", QT_TRANSLATE_NOOP("Settings", "German")),
    ("nb", QT_TRANSLATE_NOOP("Settings", "Norwegian (Bokmål)")),
)

_DECLARED: list[Setting] = [
    Setting("language", CHOICE, "system", QT_TRANSLATE_NOOP("Settings", "&Language"),
            QT_TRANSLATE_NOOP("Settings", "The language of the desk. --lang on the command "
                              "line overrides it and is saved."),
            "general", choices=(("system", QT_TRANSLATE_NOOP("Settings", "As the system")),
                                *_LANGUAGE_NAMES), restart=True),
    Setting("theme", CHOICE, "system", QT_TRANSLATE_NOOP("Settings", "&Theme"),
            QT_TRANSLATE_NOOP("Settings", "Light or dark colours. --style-dark and "
                              "DIALOGUE_DESK_DARK=1 override it for one run."),
            "general", choices=(("system", QT_TRANSLATE_NOOP("Settings", "As the system")),
                                ("light", QT_TRANSLATE_NOOP("Settings", "Light")),
                                ("dark", QT_TRANSLATE_NOOP("Settings", "Dark"))), restart=True),
    Setting("sync_interval", SECONDS, 60, QT_TRANSLATE_NOOP("Settings", "&Sync every"),
            QT_TRANSLATE_NOOP("Settings", "How often the desk fetches what is new while it is "
                              "open. 0 syncs only when you ask (F5)."),
            "sync", minimum=0, maximum=86400, restart=True),
    Setting("wordpress_sweep_interval", SECONDS, 3600,
            QT_TRANSLATE_NOOP("Settings", "&WordPress: re-read every comment every"),
            QT_TRANSLATE_NOOP("Settings", "Every sync finds new, moderated and deleted "
                              "comments by their counts; only re-reading every comment "
                              "finds an edit of an old one. Shift+F5 does it at once."),
            "sync", ACCOUNT, minimum=60, maximum=7 * 86400),
    Setting("deadline_question", SECONDS, int(24 * triage.HOUR),
            QT_TRANSLATE_NOOP("Settings", "Answer a &question within"),
            QT_TRANSLATE_NOOP("Settings", "The reply target for a question; the Reply lane "
                              "is ordered by the time left."),
            "deadlines", AREA, minimum=3600, maximum=90 * 86400, triage=True),
    Setting("deadline_mention", SECONDS, int(8 * triage.HOUR),
            QT_TRANSLATE_NOOP("Settings", "Answer a &mention within"),
            QT_TRANSLATE_NOOP("Settings", "The reply target when someone mentions you."),
            "deadlines", AREA, minimum=3600, maximum=90 * 86400, triage=True),
    Setting("deadline_own_post", SECONDS, int(48 * triage.HOUR),
            QT_TRANSLATE_NOOP("Settings", "Answer on your &own post within"),
            QT_TRANSLATE_NOOP("Settings", "The reply target for a comment on a post of "
                              "yours."),
            "deadlines", AREA, minimum=3600, maximum=90 * 86400, triage=True),
    Setting("content_language", CHOICE, "auto",
            QT_TRANSLATE_NOOP("Settings", "&Comments are written in"),
            QT_TRANSLATE_NOOP("Settings", "Used when a comment's own words do not tell its "
                              "language. Automatic: every language's rules apply to it."),
            "rules", AREA, choices=(("auto", QT_TRANSLATE_NOOP("Settings", "Automatic")),
                                    *_LANGUAGE_NAMES), triage=True),
    *(s for lang, name in _LANGUAGE_NAMES for s in _rules_of(lang, name)),
    *_FOLLOWUP_SETTINGS,
    # --- insight (the report and the dashboard) ---
    Setting("leaders", WORDS, (), QT_TRANSLATE_NOOP("Settings", "&Leaders"),
            QT_TRANSLATE_NOOP("Settings", "User names of the managers whose posts and replies "
                              "the report counts, one per line. For platforms that do not mark "
                              "leaders themselves (WordPress)."),
            "insight", ACCOUNT, names=True),
]

# --- notifications and heated threads (services/notifications.py, triage.heated) -----------
NOTIFY_MODES = ("everything", "mentions", "digest", "off")
_DECLARED += [
    Setting("notify_mode", CHOICE, "mentions", QT_TRANSLATE_NOOP("Settings", "&Notify me of"),
            QT_TRANSLATE_NOOP("Settings", "What shows as a desktop notification. Deadlines "
                              "of your own posts, moderation spikes and heated threads notify "
                              "unless this is off."),
            "notify", AREA, choices=(
                ("everything", QT_TRANSLATE_NOOP("Settings", "Everything new")),
                ("mentions", QT_TRANSLATE_NOOP("Settings", "Mentions and questions to me")),
                ("digest", QT_TRANSLATE_NOOP("Settings", "Digest only")),
                ("off", QT_TRANSLATE_NOOP("Settings", "Nothing")))),
    Setting("notify_budget", INTEGER, 6,
            QT_TRANSLATE_NOOP("Settings", "At &most this many notifications an hour"),
            QT_TRANSLATE_NOOP("Settings", "What does not fit is folded into one summary "
                              "(\"12 more in Reply, 3 in Moderate\")."),
            "notify", minimum=1, maximum=120),
    Setting("quiet_from", INTEGER, 22, QT_TRANSLATE_NOOP("Settings", "&Quiet from (hour)"),
            QT_TRANSLATE_NOOP("Settings", "From this hour nothing is shown; what comes in is "
                              "folded into the next summary. The same hour as the end: no "
                              "quiet hours."),
            "notify", minimum=0, maximum=23),
    Setting("quiet_until", INTEGER, 7, QT_TRANSLATE_NOOP("Settings", "Quiet &until (hour)"),
            QT_TRANSLATE_NOOP("Settings", "The hour the quiet hours end."),
            "notify", minimum=0, maximum=23),
    Setting("digest_hour", INTEGER, 9, QT_TRANSLATE_NOOP("Settings", "&Digest at (hour)"),
            QT_TRANSLATE_NOOP("Settings", "One summary of what came in since the last one, "
                              "at this hour. -1: no digest notification (the Digest view "
                              "keeps the list)."),
            "notify", minimum=-1, maximum=23),
    Setting("notify_spike", INTEGER, 8,
            QT_TRANSLATE_NOOP("Settings", "Moderation &spike: this many at once"),
            QT_TRANSLATE_NOOP("Settings", "So many new items in Moderate from one sync are "
                              "one notification, not one each."),
            "notify", minimum=2, maximum=1000),
    Setting("heated_replies", INTEGER, 10,
            QT_TRANSLATE_NOOP("Settings", "Heated: at least this many &replies"),
            QT_TRANSLATE_NOOP("Settings", "A thread with this many replies within the time "
                              "below becomes one Moderate item with a suggestion to lock."),
            "heated", ACCOUNT, minimum=2, maximum=10000),
    Setting("heated_window", SECONDS, 1800, QT_TRANSLATE_NOOP("Settings", "Heated: &within"),
            QT_TRANSLATE_NOOP("Settings", "The time in which the replies, flags and rule "
                              "breaks are counted."),
            "heated", ACCOUNT, minimum=60, maximum=7 * 86400),
    Setting("heated_flags", INTEGER, 3,
            QT_TRANSLATE_NOOP("Settings", "Heated: or this many &flagged replies"),
            QT_TRANSLATE_NOOP("Settings", "Flagged or rule-breaking replies in that time that "
                              "make a thread heated on their own."),
            "heated", ACCOUNT, minimum=1, maximum=10000),
]

# --- the ambassador's patch and coaching in the composer (issue 17) ------------------------
_DECLARED += [
    Setting("patch_quiet_days", INTEGER, 7,
            QT_TRANSLATE_NOOP("Settings", "Patch: a thread is &quiet after (days)"),
            QT_TRANSLATE_NOOP("Settings", "A question or discussion in your areas with no "
                              "new comment for this many days shows under \"Gone quiet\" "
                              "in My patch (Ctrl+Shift+P)."),
            "insight", ACCOUNT, minimum=1, maximum=90),
    Setting("coaching", CHOICE, "on", QT_TRANSLATE_NOOP("Settings", "&Coaching hints"),
            QT_TRANSLATE_NOOP("Settings", "One line under the reply box while you write: "
                              "the person who asked is not @mentioned, a reply to an idea "
                              "does not end with a question, a reply is over 120 words."),
            "general", choices=(("on", QT_TRANSLATE_NOOP("Settings", "Shown")),
                                ("off", QT_TRANSLATE_NOOP("Settings", "Off")))),
]

SETTINGS: dict[str, Setting] = {s.key: s for s in _DECLARED}
DEADLINES = ("deadline_question", "deadline_mention", "deadline_own_post")


def declaration(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        raise SettingError(key, QT_TRANSLATE_NOOP("Settings", "no such setting (see "
                                                  "'dialogue-desk config list')")) from None


def check_scope(s: Setting, account: str | None, area: str | None) -> tuple[str, str]:
    """The table's (account, area) for a value at this scope; '' is the wider scope."""
    if area and not account:
        raise SettingError(s.key, QT_TRANSLATE_NOOP("Settings", "an area belongs to an "
                                                    "account: name the account too"))
    if s.scope == APP and (account or area):
        raise SettingError(s.key, QT_TRANSLATE_NOOP("Settings", "this setting is the same "
                                                    "for every account and area"))
    if s.scope == ACCOUNT and area:
        raise SettingError(s.key, QT_TRANSLATE_NOOP("Settings", "this setting is the same "
                                                    "for every area of an account"))
    return account or "", area or ""


@dataclasses.dataclass(frozen=True)
class Change:
    """One value to store (or, with ``value`` None, to forget) at one scope."""

    key: str
    value: Any
    account: str | None = None
    area: str | None = None


class Settings:
    """The stored values of one state.db, read once into a dict.

    The dict is dropped on our own write and when another connection wrote the file
    (``PRAGMA data_version``: the command line, or the writer while the window reads).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._values: dict[tuple[str, str, str], Any] | None = None
        self._version: int | None = None
        self._rules: dict[str, triage.Rules] = {}

    def _load(self) -> dict[tuple[str, str, str], Any]:
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if self._values is not None and version == self._version:
            return self._values
        values: dict[tuple[str, str, str], Any] = {}
        for key, account, area, raw in self._conn.execute(
                "SELECT key, account, area, value FROM settings"):
            s = SETTINGS.get(key)
            if s is None:
                continue  # written by a newer version, or a setting since removed
            try:
                values[(key, account, area)] = s.check(json.loads(raw))
            except (ValueError, SettingError) as exc:
                log.warning("ignoring the stored value of %s: %s", key, exc)
        self._values, self._version = values, version
        self._rules.clear()
        return values

    def invalidate(self) -> None:
        self._values = None

    def get(self, key: str, account: str | None = None, area: str | None = None) -> Any:
        """The value that applies here: the narrowest stored one, or the default."""
        return self.lookup(key, account, area)[0]

    def lookup(self, key: str, account: str | None = None, area: str | None = None
               ) -> tuple[Any, str | None]:
        """(value, scope it comes from: app/account/area, or None for the default)."""
        s = declaration(key)
        values = self._load()
        tries = [((key, "", ""), APP)]
        if account and s.scope in (ACCOUNT, AREA):
            tries.insert(0, ((key, account, ""), ACCOUNT))
            if area and s.scope == AREA:
                tries.insert(0, ((key, account, area), AREA))
        for where, scope in tries:
            if where in values:
                return values[where], scope
        return s.default, None

    def stored(self) -> list[tuple[str, str, str, Any]]:
        """Every stored value: (key, account, area, value), sorted."""
        return sorted((k, acc, ar, v) for (k, acc, ar), v in self._load().items())

    def write(self, changes: Iterable[Change]) -> list[Change]:
        """Validate every change, then store them together; returns them normalised."""
        rows: list[tuple[str, str, str, str | None]] = []
        done: list[Change] = []
        for ch in changes:
            s = declaration(ch.key)
            account, area = check_scope(s, ch.account, ch.area)
            value = None if ch.value is None else s.check(ch.value)
            raw = None if value is None else json.dumps(value, ensure_ascii=False)
            rows.append((ch.key, account, area, raw))
            done.append(Change(ch.key, value, account or None, area or None))
        now = time.time()
        try:
            with dbmod.transaction(self._conn):
                for key, account, area, raw in rows:
                    if raw is None:
                        self._conn.execute("DELETE FROM settings WHERE key = ? AND account = ? "
                                           "AND area = ?", (key, account, area))
                    else:
                        self._conn.execute(
                            "INSERT INTO settings (key, account, area, value, updated_at) "
                            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key, account, area) DO UPDATE "
                            "SET value = excluded.value, updated_at = excluded.updated_at",
                            (key, account, area, raw, now))
        finally:
            self.invalidate()
        return done

    def rules(self, account: str | None) -> triage.Rules:
        """The triage rules of ``account``, built once per change of the settings."""
        self._load()
        name = account or ""
        rules = self._rules.get(name)
        if rules is None:
            rules = self._rules[name] = self._build_rules(account)
        return rules

    def _build_rules(self, account: str | None) -> triage.Rules:
        get = self.get
        engagement = {
            lang: triage.Engagement(
                insults=tuple(get(f"insults_{lang}", account)),
                shout_min_letters=int(get(f"shout_letters_{lang}", account)),
                shout_ratio=int(get(f"shout_percent_{lang}", account)) / 100,
                max_links=int(get(f"max_links_{lang}", account)),
            )
            for lang in triage.CONTENT_LANGUAGES
        }
        areas = {ar for (k, acc, ar) in self._load() if acc == (account or "") and ar}
        area_sla = {}
        area_language = {}
        for ar in sorted(areas):
            slas = tuple(float(get(k, account, ar)) for k in DEADLINES)
            if slas != tuple(float(get(k, account)) for k in DEADLINES):
                area_sla[ar] = slas
            lang = get("content_language", account, ar)
            if lang != get("content_language", account):
                area_language[ar] = lang
        question, mention, own_post = (float(get(k, account)) for k in DEADLINES)
        promises = triage.promise_pattern(
            p for lang in triage.PROMISES for p in get(f"promises_{lang}", account))
        return triage.Rules(
            reply_sla=question, mention_sla=mention, own_post_sla=own_post,
            engagement=engagement, language=get("content_language", account),
            area_language=area_language, area_sla=area_sla,  # type: ignore[arg-type]
            promises=promises, followup_due=float(get("followup_due", account)),
        )


# --- on the writer --------------------------------------------------------------------------

def rules_for(store: Store, acct: int) -> triage.Rules:
    """The rules of the account behind a cache id (the writer's hot path: a dict lookup)."""
    row = store.cache.execute("SELECT account FROM sources WHERE id = ?", (acct,)).fetchone()
    return store.settings.rules(row[0] if row else None)


def heat_for(store: Store, acct: int) -> triage.Heat:
    """When a thread of the account behind a cache id is heated (settings heated_*)."""
    row = store.cache.execute("SELECT account FROM sources WHERE id = ?", (acct,)).fetchone()
    account = row[0] if row else None
    get = store.settings.get
    return triage.Heat(replies=int(get("heated_replies", account)),
                       window=float(get("heated_window", account)),
                       flags=int(get("heated_flags", account)))


def apply_changes(store: Store, changes: Iterable[Change], *, now: float | None = None
                  ) -> list[Change]:
    """Store the changes; when one decides lanes, triage the cached comments again.

    Lanes are stored with each comment, so a rule or deadline that changed must reach the
    comments already cached, not only the ones the next sync brings: the affected accounts'
    comments are decided again here, on the writer, in one transaction per account.
    """
    done = store.settings.write(changes)
    retriage_after(store, done, now=now)
    return done


def retriage_after(store: Store, done: Iterable[Change], *, now: float | None = None) -> int:
    """Triage again the cached comments of the accounts whose lanes ``done`` may change."""
    accounts = {ch.account for ch in done if SETTINGS[ch.key].triage}
    if not accounts:
        return 0
    # an app-wide change (account None) touches every account
    named = {a for a in accounts if a is not None}
    return retriage(store, None if None in accounts else named, now=now)


def retriage(store: Store, accounts: Iterable[str] | None = None, *,
             now: float | None = None) -> int:
    """Decide the lane of every cached comment of ``accounts`` (None: all) again."""
    wanted = None if accounts is None else set(accounts)
    n = 0
    for acct, name in store.cache.execute("SELECT id, account FROM sources").fetchall():
        if wanted is not None and name not in wanted:
            continue
        ids = [i for (i,) in store.cache.execute(
            "SELECT id FROM comments WHERE acct = ?", (acct,))]
        with dbmod.transaction(store.cache):
            store.retriage(acct, ids, now=now, rules=store.settings.rules(name))
        n += len(ids)
    return n


def snapshot(store: Store, keys: Iterable[str] | None = None) -> Mapping[str, Any]:
    """App-wide values by key, for the composition root (read once at start)."""
    return {k: store.settings.get(k) for k in (keys or SETTINGS)}


def area_names(store: Store, account: str) -> list[tuple[str, str]]:
    return [(rid, name) for rid, name in store.cache.execute(
        "SELECT a.rid, a.name FROM areas a JOIN sources s ON s.id = a.acct "
        "WHERE s.account = ? ORDER BY a.name COLLATE NOCASE", (account,))]
