"""Saved replies: templates with placeholders, one text per language.

The shipped ``resources/templates/replies.json`` holds the defaults. They are copied into
state.db the first time a person changes anything (``seed``), and from then on state.db is the
only truth: a person's edits, deletions and imports stay theirs. Until then the defaults are
read from the file, so a read never writes.

A template file (the shipped one, an import, an export) is JSON:
``{"version": 1, "templates": [{"id": …, "title": {lang: …}, "body": {lang: …}}]}``.
A placeholder we do not know (``{firstname}``) is kept literally and reported, never dropped:
the person sees it in the composer and fixes it by hand.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from desktop.models import db as dbmod
from desktop.models import keys
from desktop.models.store import Store

PLACEHOLDERS = ("first_name", "author", "post_title", "area", "link", "my_name")
LANGUAGES = ("en", "de", "nb")
FILE_VERSION = 1
MAX_FILE_BYTES = 2_000_000  # a shared file of replies, not a data dump
_PLACEHOLDER = re.compile(r"\{([^{}\s]{1,40})\}")
_ID = re.compile(r"^[\w.\-]{1,64}$")


class TemplateError(ValueError):
    """A template or template file that cannot be used, with a one-line reason."""


@dataclasses.dataclass(frozen=True)
class Template:
    id: str
    title: Mapping[str, str]
    body: Mapping[str, str]

    def title_in(self, lang: str) -> str:
        return _in(self.title, lang) or self.id

    def body_in(self, lang: str) -> str:
        return _in(self.body, lang)

    def unknown_placeholders(self) -> list[str]:
        return unknown_placeholders(self.body.values())

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": dict(self.title), "body": dict(self.body)}


def _in(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``, else English, else any language the template has."""
    for want in (lang, "en", *LANGUAGES):
        if texts.get(want):
            return texts[want]
    return ""


@dataclasses.dataclass(frozen=True)
class Filled:
    text: str
    unknown: tuple[str, ...] = ()  # placeholders we do not know: kept as written
    missing: tuple[str, ...] = ()  # known placeholders this item has no value for: kept too


def unknown_placeholders(texts: Iterable[str]) -> list[str]:
    """Every ``{name}`` in ``texts`` that is not a placeholder we fill, in order, once each."""
    seen: list[str] = []
    for text in texts:
        for name in _PLACEHOLDER.findall(text):
            if name not in PLACEHOLDERS and name not in seen:
                seen.append(name)
    return seen


def fill(text: str, values: Mapping[str, str | None]) -> Filled:
    """Replace the placeholders that have a value; keep the rest literally and say which."""
    unknown: list[str] = []
    missing: list[str] = []

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            if name not in unknown:
                unknown.append(name)
            return match.group(0)
        value = values.get(name)
        if not value:
            if name not in missing:
                missing.append(name)
            return match.group(0)
        return value

    return Filled(_PLACEHOLDER.sub(one, text), tuple(unknown), tuple(missing))


def first_name(display_name: str) -> str:
    """"Kari Nordmann" → "Kari"; "Nordmann, Kari" → "Kari"; a username stays as it is."""
    name = display_name.strip()
    if "," in name:
        name = name.split(",", 1)[1].strip() or name
    return name.split()[0] if name.split() else ""


# --- files ---------------------------------------------------------------------------------

def parse(text: str | bytes) -> list[Template]:
    """The templates of a file; TemplateError (one line) when it is not a usable template file.

    Refuses rather than guesses: a file that is not ours, a template without an id or text,
    a language we do not know, two templates with one id.
    """
    if len(text) > MAX_FILE_BYTES:
        raise TemplateError(f"the file is too big for a template file ({len(text):,} bytes)")
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise TemplateError(f"not a JSON file ({_first_line(exc)})") from exc
    except RecursionError as exc:  # "[[[[…" nested deeper than the parser goes
        raise TemplateError("not a template file (nested too deeply)") from exc
    if isinstance(data, dict) and isinstance(data.get("templates"), list):
        version = data.get("version", FILE_VERSION)
        if not isinstance(version, int) or version > FILE_VERSION:
            raise TemplateError(f"template file version {version!r} is newer than this "
                                f"version of Dialogue Desk reads ({FILE_VERSION})")
        items = data["templates"]
    else:
        raise TemplateError('not a template file (it needs a "templates" list)')
    out: list[Template] = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        t = _template(item, n)
        if t.id in seen:
            raise TemplateError(f"template {n}: the id '{t.id}' is used twice")
        seen.add(t.id)
        out.append(t)
    return out


def _template(item: Any, n: int) -> Template:
    if not isinstance(item, dict):
        raise TemplateError(f"template {n}: not an object")
    tid = item.get("id")
    if not isinstance(tid, str) or not _ID.match(tid):
        raise TemplateError(f"template {n}: needs an id of letters, digits, '.', '-' or '_'")
    title = _texts(item.get("title", {}), f"template '{tid}': title")
    body = _texts(item.get("body"), f"template '{tid}': body")
    if not any(v.strip() for v in body.values()):
        raise TemplateError(f"template '{tid}' has no text")
    return Template(tid, title, body)


def _texts(value: Any, what: str) -> dict[str, str]:
    if isinstance(value, str):  # one text: English
        value = {"en": value}
    if not isinstance(value, dict):
        raise TemplateError(f"{what}: expected texts by language ({', '.join(LANGUAGES)})")
    for lang, text in value.items():
        if lang not in LANGUAGES:
            raise TemplateError(f"{what}: unknown language '{lang}' "
                                f"(use {', '.join(LANGUAGES)})")
        if not isinstance(text, str):
            raise TemplateError(f"{what} in '{lang}' is not text")
    return {lang: value[lang] for lang in LANGUAGES if lang in value}


def dump(templates: Iterable[Template]) -> str:
    """A file ``parse`` reads back to the same templates (export, share with a team)."""
    return json.dumps({"version": FILE_VERSION, "templates": [t.as_json() for t in templates]},
                      ensure_ascii=False, indent=2) + "\n"


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def defaults_path() -> Path:
    """The shipped defaults: next to the package in a checkout, under _MEIPASS when frozen."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    root = Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]
    return root / "resources" / "templates" / "replies.json"


def defaults(path: Path | None = None) -> list[Template]:
    return parse((path or defaults_path()).read_text(encoding="utf-8"))


# --- state.db ------------------------------------------------------------------------------

def seeded(store: Store) -> bool:
    return store.state.execute("SELECT 1 FROM template_seed LIMIT 1").fetchone() is not None


def stored(store: Store) -> list[Template]:
    """The templates in state.db, in their order (none before the first change)."""
    return [Template(tid, json.loads(title), json.loads(body)) for tid, title, body in
            store.state.execute("SELECT id, title, body FROM templates ORDER BY position, id")]


def current(store: Store, shipped: list[Template] | None = None) -> list[Template]:
    """What the person has: state.db's templates once seeded, else the shipped defaults."""
    if seeded(store):
        return stored(store)
    return defaults() if shipped is None else shipped


def _seed(store: Store, shipped: list[Template] | None = None) -> None:
    """Copy the defaults in (inside the caller's transaction), once per state.db."""
    if seeded(store):
        return
    _upsert(store, defaults() if shipped is None else shipped)
    store.state.execute("INSERT INTO template_seed (version, at) VALUES (?, ?)",
                        (FILE_VERSION, time.time()))


def _upsert(store: Store, templates: Iterable[Template]) -> int:
    n = 0
    for t in templates:
        position = store.state.execute(
            "SELECT COALESCE((SELECT position FROM templates WHERE id = ?), "
            "(SELECT COALESCE(MAX(position), 0) + 1 FROM templates))", (t.id,)).fetchone()[0]
        store.state.execute(
            "INSERT INTO templates (id, title, body, position, updated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title, "
            "body = excluded.body, updated_at = excluded.updated_at",
            (t.id, json.dumps(dict(t.title), ensure_ascii=False),
             json.dumps(dict(t.body), ensure_ascii=False), position, time.time()))
        n += 1
    return n


def save(store: Store, template: Template, previous_id: str | None = None) -> Template:
    """Add or change one template (``previous_id``: the id it had, when it is renamed)."""
    _template(template.as_json(), 1)  # the same checks as a file's
    with dbmod.transaction(store.state):
        _seed(store)
        if previous_id and previous_id != template.id:
            if store.state.execute("SELECT 1 FROM templates WHERE id = ?",
                                   (template.id,)).fetchone():
                raise TemplateError(f"a template called '{template.id}' exists already")
            store.state.execute("UPDATE templates SET id = ? WHERE id = ?",
                                (template.id, previous_id))
        _upsert(store, [template])
    return template


def delete(store: Store, template_id: str) -> bool:
    with dbmod.transaction(store.state):
        _seed(store)
        gone = store.state.execute("DELETE FROM templates WHERE id = ?", (template_id,))
    return gone.rowcount > 0


def merge(store: Store, templates: list[Template]) -> int:
    """An import: a template with a known id replaces it, a new one is added, none is removed.

    One transaction: a failure leaves the old templates exactly as they were."""
    with dbmod.transaction(store.state):
        _seed(store)
        return _upsert(store, templates)


# --- what an item fills in -----------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class ItemFacts:
    """What the placeholders of a reply to one item are filled with, and hints to its language."""

    account: str
    author: str
    post_title: str
    area: str | None  # the area's name
    area_id: str | None
    link: str | None
    my_name: str
    post_text: str
    comment_text: str

    def values(self) -> dict[str, str | None]:
        return {"first_name": first_name(self.author), "author": self.author,
                "post_title": self.post_title, "area": self.area, "link": self.link,
                "my_name": self.my_name}


def item_facts(store: Store, key: str) -> ItemFacts | None:
    """The facts of a cached item (``account:c<rid>`` or ``account:p<rid>``), or None."""
    account, entity, rid = keys.parse(key)
    acct = store.acct_id(account)
    if acct is None:
        return None
    me = store.state.execute(
        "SELECT COALESCE(NULLIF(display_name, ''), username) FROM accounts WHERE name = ?",
        (account,)).fetchone()
    comment_author, comment_text, post_rid = None, "", rid
    if entity == "comment":
        row = store.cache.execute(
            "SELECT c.post_rid, COALESCE(u.display_name, c.author_rid), c.body_text "
            "FROM comments c LEFT JOIN users u ON u.acct = c.acct AND u.rid = c.author_rid "
            "WHERE c.acct = ? AND c.rid = ?", (acct, rid)).fetchone()
        if row is None:
            return None
        post_rid, comment_author, comment_text = row[0], row[1], row[2] or ""
    post = store.cache.execute(
        "SELECT p.title, COALESCE(u.display_name, p.author_rid, ''), p.url, a.name, "
        "p.area_rid, p.body_text FROM posts p "
        "LEFT JOIN users u ON u.acct = p.acct AND u.rid = p.author_rid "
        "LEFT JOIN areas a ON a.acct = p.acct AND a.rid = p.area_rid "
        "WHERE p.acct = ? AND p.rid = ?", (acct, post_rid)).fetchone()
    if post is None:
        if entity != "comment":
            return None
        post = ("", "", None, None, None, "")
    return ItemFacts(
        account=account, author=comment_author or post[1] or "", post_title=post[0] or "",
        area=post[3] or post[4], area_id=post[4], link=post[2],
        my_name=me[0] if me else "", post_text=f"{post[0] or ''}\n{post[5] or ''}",
        comment_text=comment_text)
