"""The triage rules: which lane a comment belongs in, why, and in what order.

Pure functions over plain facts, so the rules are table-tested in every language without a
database. The store gathers the facts when records are written and stores the verdict, so
opening a lane is an indexed query, not a scan.

Lanes (one per comment, first match wins):
1. moderate     — held for approval, flagged by users, or breaking a local rule;
2. reply        — a question, a mention of me, or a comment on my own post, with no reply from a
                  responder (post author, editor, moderator, admin, the area's ambassador);
3. acknowledge  — a recent contribution nobody from the team has reacted to (no reply, no like),
                  first-time contributors first.
Done, snoozed and follow-up are local marks laid over these (see store.overlay).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from collections.abc import Callable, Iterable, Mapping

from desktop.models.schema import ACKNOWLEDGE, FOLLOWUP, MODERATE, REPLY

STAFF_ROLES = frozenset({"admin", "moderator", "editor"})
HOUR = 3600.0
DAY = 24 * HOUR


@dataclasses.dataclass(frozen=True)
class Me:
    user_id: str
    username: str
    role: str = "employee"
    areas: frozenset[str] = frozenset()
    scope: str = "all"  # where I may moderate: all, own_posts, areas, none

    def moderates(self, post_author_id: str | None, area_id: str | None) -> bool:
        if self.scope == "all":
            return True
        if self.scope == "own_posts":
            return post_author_id is not None and post_author_id == self.user_id
        if self.scope == "areas":
            return area_id is not None and area_id in self.areas
        return False


INSULTS: dict[str, tuple[str, ...]] = {
    "en": ("idiot", "idiots", "stupid", "moron", "morons", "dumb", "pathetic", "shut up",
           "incompetent", "clown", "clowns"),
    "de": ("idiot", "dumm", "dummkopf", "vollidiot", "idioten", "blöd", "bescheuert", "halt die klappe",
           "inkompetent", "trottel"),
    "nb": ("idiot", "idioter", "dust", "dustete", "teit", "idiotisk", "hold kjeft", "tulling", "inkompetente"),
}
CONTENT_LANGUAGES = tuple(INSULTS)

# A staff reply that promises an outcome puts its thread into Follow-up. Regular expressions,
# matched case-insensitively anywhere in the text; the settings may replace them per language.
PROMISES: dict[str, tuple[str, ...]] = {
    "en": (r"\bwe(?:'ll| will) get back to you", r"\bi(?:'ll| will) (?:check|look into|find out|ask)",
           r"\blet me (?:check|find out|look into|ask)", r"\bwe(?:'ll| will) (?:check|look into|"
           r"find out|follow up)", r"\bi(?:'ll| will) get back to you"),
    "de": (r"\bwir melden uns", r"\bich melde mich", r"\bich kläre das", r"\bwir klären das",
           r"\bich (?:prüfe|schaue) (?:das|nach)", r"\bich finde (?:es|das) heraus"),
    "nb": (r"\bvi kommer tilbake", r"\bjeg kommer tilbake", r"\bjeg sjekker",
           r"\bvi sjekker", r"\bjeg finner ut", r"\bjeg undersøker"),
}
DEFAULT_FOLLOWUP_DUE = 7 * 24 * 3600.0


class BadPattern(ValueError):
    """A promise rule that is not a valid regular expression."""


def promise_pattern(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One alternation of every language's promise rules: one scan per staff reply."""
    parts = []
    for p in patterns:
        try:
            re.compile(p)
        except re.error as exc:
            raise BadPattern(f"{p}: {exc}") from None
        parts.append(f"(?:{p})")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


@functools.lru_cache(maxsize=32)
def _insult_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation for every word: one scan per comment instead of one per word."""
    alternatives = "|".join(
        re.escape(w[:-1].lower()) + r"\w*" if w.endswith("*") else re.escape(w.lower())
        for w in sorted(words, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)")


@dataclasses.dataclass(frozen=True)
class Engagement:
    """One language's rules of engagement. A word ending in ``*`` matches as a prefix."""

    insults: tuple[str, ...] = ()
    shout_min_letters: int = 12
    shout_ratio: float = 0.7
    max_links: int = 2


def _default_engagement() -> dict[str, Engagement]:
    return {lang: Engagement(words) for lang, words in INSULTS.items()}


@dataclasses.dataclass(frozen=True)
class _Compiled:
    """What rule_breaks needs, built once per Rules: the hot path compiles nothing."""

    any_insult: re.Pattern[str] | None  # every language's words: one scan per comment
    everywhere: frozenset[str]  # words every language has (no pattern): no guess needed
    insult: dict[str, re.Pattern[str] | None]  # per language, asked only after a hit
    shout_min_letters: int  # the most lenient thresholds: the cheap pre-checks
    shout_ratio: float
    max_links: int
    strict_shout_letters: int  # the strictest: broken in every language, no guess needed
    strict_shout_ratio: float
    strict_max_links: int


@dataclasses.dataclass(frozen=True, eq=False)
class Rules:
    """Reply targets and rules of engagement, as the settings make them (settings.rules_for).

    ``language`` is the content language assumed when a text does not tell (``auto``: every
    language's rules apply); ``area_language`` and ``area_sla`` hold the areas that override
    the account's.
    """

    reply_sla: float = 24 * HOUR  # a question should get an answer within a day
    mention_sla: float = 8 * HOUR  # someone asked me by name
    own_post_sla: float = 48 * HOUR
    ack_window: float = 14 * DAY  # older contributions are not worth a late thank-you
    engagement: Mapping[str, Engagement] = dataclasses.field(default_factory=_default_engagement)
    language: str = "auto"
    area_language: Mapping[str, str] = dataclasses.field(default_factory=dict)
    area_sla: Mapping[str, tuple[float, float, float]] = dataclasses.field(default_factory=dict)
    promises: re.Pattern[str] | None = dataclasses.field(
        default_factory=lambda: promise_pattern(p for ps in PROMISES.values() for p in ps))
    followup_due: float = DEFAULT_FOLLOWUP_DUE  # a promise should be kept within this time
    compiled: _Compiled = dataclasses.field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", _compile(self.engagement))

    def slas(self, area: str | None) -> tuple[float, float, float]:
        """(question, mention, own post) reply targets in ``area``."""
        if area is not None and self.area_sla:
            found = self.area_sla.get(area)
            if found is not None:
                return found
        return self.reply_sla, self.mention_sla, self.own_post_sla

    def content_language(self, area: str | None) -> str | None:
        lang = self.area_language.get(area, self.language) if area else self.language
        return lang if lang in self.engagement else None


def _compile(engagement: Mapping[str, Engagement]) -> _Compiled:
    every = tuple(dict.fromkeys(w for e in engagement.values() for w in e.insults))
    rules = list(engagement.values()) or [Engagement()]
    return _Compiled(
        any_insult=_insult_pattern(every) if every else None,
        everywhere=frozenset.intersection(*(
            frozenset(w.lower() for w in e.insults if not w.endswith("*")) for e in rules)),
        insult={lang: _insult_pattern(e.insults) if e.insults else None
                for lang, e in engagement.items()},
        shout_min_letters=min(e.shout_min_letters for e in rules),
        shout_ratio=min(e.shout_ratio for e in rules),
        max_links=min(e.max_links for e in rules),
        strict_shout_letters=max(e.shout_min_letters for e in rules),
        strict_shout_ratio=max(e.shout_ratio for e in rules),
        strict_max_links=max(e.max_links for e in rules),
    )


DEFAULT_RULES = Rules()

_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]{0,63})")
_SENTENCE = re.compile(r"(?:^|[.!?\n]\s*)([^\s.!?\n][^.!?\n]*)")
_QUESTION_OPENERS = re.compile(
    r"^(?:"
    # en
    r"who|what|when|where|why|how|which|does anyone|do you|can (?:you|we|i|someone|anyone)"
    r"|could (?:you|we|someone)|is (?:it|there)|are (?:there|we)|will (?:we|there)"
    r"|any (?:idea|news|update)s?"
    # de
    r"|wer|was|wann|wo|warum|wieso|weshalb|wie|welche[rsnm]?|weiß jemand|gibt es"
    r"|kann (?:man|jemand|ich)|können wir|könnt ihr|ist es|sind wir"
    # nb
    r"|hvem|hva|når|hvor|hvorfor|hvordan|hvilke[nt]?|vet noen|finnes det|kan (?:noen|vi|jeg)"
    r"|er det|blir det"
    r")\b",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"\b(?:thanks?|thank you|danke|vielen dank|takk|tusen takk)\b", re.IGNORECASE
)
_IDEA = re.compile(
    r"\b(?:idea|suggest|proposal|how about|what if|idee|vorschlag|schlage vor|forslag"
    r"|hva om|foreslår)\b",
    re.IGNORECASE,
)


def is_question(text: str) -> bool:
    """True when the text asks something, in English, German or Norwegian."""
    plain = _URL.sub(" ", text) if "://" in text else text
    if "?" in plain:
        return True
    return any(_QUESTION_OPENERS.match(m.group(1).strip()) for m in _SENTENCE.finditer(plain))


def mentions(text: str) -> set[str]:
    """Lower-cased usernames mentioned as @name (an e-mail address is not a mention)."""
    if "@" not in text:
        return set()
    return {m.group(1).rstrip(".-").lower() for m in _MENTION.finditer(text)}


def rule_breaks(text: str, rules: Rules = DEFAULT_RULES, area: str | None = None) -> list[str]:
    """Names of the local rules the text breaks: shouting, insult, links.

    Each rule is first tried with every language's words and most lenient threshold; only a
    text that could break one (a few %) has its language guessed and that language's rules
    asked. A text whose language is unknown answers to every language's rules.
    """
    c = rules.compiled
    broken: list[str] = []
    lang: str | None = ""  # "" = not guessed yet
    has_url = "://" in text  # every URL has it: skip the URL regexes for the other 99 %
    plain = _URL.sub(" ", text) if has_url else text
    if _may_shout(plain, c.shout_min_letters, c.shout_ratio):
        letters = "".join(_LETTERS.findall(plain))
        n = len(letters)
        if n >= c.shout_min_letters:
            share = sum(map(str.isupper, letters)) / n
            if share >= c.strict_shout_ratio and n >= c.strict_shout_letters:
                broken.append("shouting")  # shouting in every language
            elif share >= c.shout_ratio:
                lang = _language(text, rules, area)
                e = rules.engagement.get(lang) if lang else None
                if e is None or (n >= e.shout_min_letters and share >= e.shout_ratio):
                    broken.append("shouting")
    if c.any_insult is not None:
        lower = text.lower()
        hit = c.any_insult.search(lower)
        if hit:
            if hit.group(0) in c.everywhere:  # an insult in every language: no need to ask
                broken.append("insult")
            else:
                if lang == "":
                    lang = _language(lower, rules, area)
                own = c.insult.get(lang) if lang else c.any_insult
                if own is not None and (own is c.any_insult or own.search(lower)):
                    broken.append("insult")
    if has_url:
        links = len(_URL.findall(text))
        if links > c.strict_max_links:
            broken.append("links")
        elif links > c.max_links:
            if lang == "":
                lang = _language(text, rules, area)
            e = rules.engagement.get(lang) if lang else None
            if e is None or links > e.max_links:
                broken.append("links")
    return broken


_WORDS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Frequent words that (nearly) only one of the languages has; words the languages share
# ("i", "en", "for", "man", "du", "die", "men") would only blur the guess.
_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and is are was were this that with have has you what not of it be they we our "
        "my your will would there their been but just about from which when who how why "
        "an a very should could does did"),
    "de": _words(
        "der das und ist nicht ich sie es wir ein eine einen einem mit auf für von zu den "
        "dem des auch noch wie aber oder wenn dass sind haben schon nur sehr mein kein keine "
        "bitte doch mal hier jetzt bist euch uns mich dich sich wer wo warum gibt einfach"),
    "nb": _words(
        "og jeg ikke det er som på med av fra vi han hun seg meg deg så når hva hvor være "
        "blir ble skal vil også bare noen dette denne disse eller etter fordi hvis må litt "
        "veldig nå mye bli hos dere hvorfor hvordan kjempe synes tror ikkje"),
}


_LANGUAGE_OF = {w: lang for lang, words in _STOP_WORDS.items() for w in words}


def guess_language(text: str) -> str | None:
    """en, de or nb by counting each language's frequent words; None when they do not tell
    (no such words, or a tie)."""
    counts: dict[str, int] = {}
    language_of = _LANGUAGE_OF.get
    for word in _WORDS.findall(text.lower()):
        lang = language_of(word)
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=counts.__getitem__)


def _language(text: str, rules: Rules, area: str | None) -> str | None:
    """The text's language if it tells, else the area's or account's content language."""
    lang = guess_language(text)
    if lang is not None and lang in rules.engagement:
        return lang
    return rules.content_language(area)


_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _may_shout(plain: str, min_letters: int, ratio: float) -> bool:
    """A cheap exact pre-check: False when the share of upper-case letters cannot reach the
    ratio. ASCII a-z are letters but not upper case, and there are at most len(plain) letters,
    so upper / letters <= 1 - ascii_lower / len(plain). Counting them is one C-level pass."""
    if len(plain) < min_letters:
        return False
    raw = plain.encode("utf-8", "surrogatepass")
    ascii_lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
    # the margin keeps float rounding from ever rejecting a text the exact test would flag
    return (len(plain) - ascii_lower) / len(plain) >= ratio - 1e-9


def is_responder(
    user_id: str,
    role: str | None,
    user_areas: Iterable[str],
    post_author_id: str | None,
    area_id: str | None,
) -> bool:
    """Whose answer counts as an answer: staff, the post's author, the area's ambassador."""
    if role in STAFF_ROLES or (post_author_id is not None and user_id == post_author_id):
        return True
    return role == "ambassador" and area_id is not None and area_id in user_areas


# Facts and Verdict are built once per comment on the ingest path: a frozen dataclass's
# __init__ sets each field through object.__setattr__ and costs 4x (2.2 vs 0.5 µs for Facts).
# Treat them as values all the same.
@dataclasses.dataclass(slots=True)
class Facts:
    """What the rules look at for one comment (gathered by the store)."""

    status: str
    text: str
    created_at: float
    author_id: str
    author_responder: bool  # the author's own word counts as the team's
    post_author_id: str | None
    post_author_role: str | None
    staff_replied: bool  # a responder replied somewhere below this comment
    staff_liked: bool  # a responder liked it
    flags: tuple[tuple[str, int], ...] = ()
    first_time: bool = False  # the author's first comment we know of
    area_id: str | None = None
    moderated: bool = False  # this user approved it: the local rules are settled (new flags are not)
    promise_kept: bool = False  # a promise in this text was kept (cache.db's promises)


@dataclasses.dataclass(slots=True)
class Verdict:
    lane: str | None
    reason: str | None = None
    args: dict[str, object] | None = None
    prio: int = 0
    sort: float = 0.0

    @property
    def args_json(self) -> str | None:
        args = self.args
        if not args:
            return None
        # A first load asks this of ~350k verdicts with a few dozen distinct arguments:
        # remembered, not encoded each time (0.3 instead of 2.6 µs). The rules' values are
        # strings and ints, never bools (True == 1 would share an entry with 1).
        try:
            key = tuple(args.items())
            known = _ARGS_JSON.get(key)
        except TypeError:  # a list among the values (the rules broken)
            return json.dumps(args, ensure_ascii=False)
        if known is None:
            if len(_ARGS_JSON) >= 4096:
                _ARGS_JSON.clear()
            known = _ARGS_JSON[key] = json.dumps(args, ensure_ascii=False)
        return known


_ARGS_JSON: dict[tuple[tuple[str, object], ...], str] = {}


NO_LANE = Verdict(None)


def classify(f: Facts, me: Me, now: float, rules: Rules = DEFAULT_RULES) -> Verdict:
    """The lane of one comment. ``now`` only decides whether it is too old to acknowledge."""
    if f.status in ("hidden", "spam", "deleted", "pending"):
        return NO_LANE
    moderates = me.moderates(f.post_author_id, f.area_id)
    if f.status == "held":
        # not shown publicly until someone approves it: only the moderators' business
        return Verdict(MODERATE, "held", None, 0, f.created_at) if moderates else NO_LANE
    if f.flags and moderates:
        total = sum(n for _, n in f.flags)
        top = max(f.flags, key=lambda rn: rn[1])[0]
        return Verdict(MODERATE, "flagged", {"count": total, "why": top}, 1, f.created_at)
    if not f.author_responder and moderates and not f.moderated:
        broken = rule_breaks(f.text, rules, f.area_id)
        if broken:
            return Verdict(MODERATE, "rule", {"rules": broken}, 2, f.created_at)
    if f.author_responder:
        # only staff replies are searched (a few % of comments): the sync's hot path stays
        promises = rules.promises
        if not f.promise_kept and promises is not None and promises.search(f.text):
            due = f.created_at + rules.followup_due
            return Verdict(FOLLOWUP, "promise", {"due": int(due)}, 0, due)
        return NO_LANE
    if f.author_id == me.user_id:
        return NO_LANE
    if not f.staff_replied:
        reply_sla, mention_sla, own_post_sla = rules.slas(f.area_id)
        if me.username and me.username.lower() in mentions(f.text):
            return Verdict(REPLY, "mention", {"who": me.username}, 0,
                           f.created_at + mention_sla)
        if is_question(f.text):
            return Verdict(REPLY, "question", {"role": f.post_author_role or ""}, 0,
                           f.created_at + reply_sla)
        if f.post_author_id is not None and f.post_author_id == me.user_id and not (
                _THANKS.search(f.text) and len(f.text) < 80):
            return Verdict(REPLY, "own_post", None, 0, f.created_at + own_post_sla)
    if f.staff_replied or f.staff_liked or now - f.created_at > rules.ack_window:
        return NO_LANE
    if len(f.text) < 80 and _THANKS.search(f.text):
        return NO_LANE  # a thank-you needs no thank-you
    if f.first_time:
        return Verdict(ACKNOWLEDGE, "first_time", None, 0, -f.created_at)
    if _IDEA.search(f.text):
        return Verdict(ACKNOWLEDGE, "idea", None, 1, -f.created_at)
    return Verdict(ACKNOWLEDGE, "unseen", None, 2, -f.created_at)


# --- heated threads -----------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Heat:
    """When a thread is heated (settings heated_*): many replies, or several flagged or
    rule-breaking ones, within ``window`` seconds."""

    replies: int = 10
    window: float = 1800.0
    flags: int = 3


def heated(replies: Iterable[tuple[float, bool]], now: float, heat: Heat = Heat()
           ) -> dict[str, object] | None:
    """The heated reason's arguments for a thread, or None when it is calm.

    ``replies``: (created_at, flagged or breaking a rule) of the thread's comments; only
    those within the window before ``now`` count, so a busy thread of last year stays calm.
    """
    since = now - heat.window
    times: list[float] = []
    bad = 0
    for created, flagged in replies:
        if since <= created <= now:
            times.append(created)
            bad += bool(flagged)
    if len(times) < heat.replies and (bad < heat.flags or not times):
        return None
    minutes = max(1, round((max(times) - min(times)) / 60))
    return {"replies": len(times), "minutes": minutes, "flagged": bad}


# --- reasons for people -------------------------------------------------------------------

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


def age_text(seconds: float, tr: Translate = _identity) -> str:
    seconds = max(0.0, seconds)
    if seconds < HOUR:
        return tr("{n} min").format(n=max(1, int(seconds // 60)))
    if seconds < 2 * DAY:
        return tr("{n} h").format(n=int(seconds // HOUR))
    return tr("{n} days").format(n=int(seconds // DAY))


_COUNT_WORDS = {1: "once", 2: "twice"}


def promise_text(by: str, at: float, due: float, now: float, tr: Translate = _identity) -> str:
    """"Promised by Erik 9 days ago, due 2 days ago" (or "due in 5 days")."""
    ago = age_text(now - at, tr)
    if due < now:
        return tr("Promised by {who} {age} ago, due {late} ago").format(
            who=by, age=ago, late=age_text(now - due, tr))
    return tr("Promised by {who} {age} ago, due in {left}").format(
        who=by, age=ago, left=age_text(due - now, tr))


def describe(
    reason: str | None,
    args: dict[str, object] | None,
    *,
    author: str,
    created_at: float,
    now: float,
    lane: str | None = None,
    mark_until: float | None = None,
    tr: Translate = _identity,
) -> str:
    """The human reason shown beside an item, e.g. "Flagged twice: insulting"."""
    args = args or {}
    if lane == "done":
        return tr("Done")
    if lane == "snoozed":
        return tr("Snoozed for {age}").format(age=age_text((mark_until or now) - now, tr))
    if lane == "followup" and reason == "promise":
        due = args.get("due")
        return promise_text(author, created_at,
                            float(due) if isinstance(due, (int, float)) else created_at, now, tr)
    if lane == "followup":
        return tr("Follow-up promised to {author}").format(author=author)
    waited = age_text(now - created_at, tr)
    if reason == "heated":
        return tr("Heated: {replies} replies in {minutes} min, {flagged} flagged — "
                  "consider locking the thread").format(
            replies=args.get("replies", 0), minutes=args.get("minutes", 0),
            flagged=args.get("flagged", 0))
    if reason == "held":
        return tr("Held for approval for {age}").format(age=waited)
    if reason == "flagged":
        raw_count = args.get("count", 1)
        count = int(raw_count) if isinstance(raw_count, int | float | str) else 1
        times = tr(_COUNT_WORDS[count]) if count in _COUNT_WORDS else tr("{n} times").format(n=count)
        return tr("Flagged {times}: {why}").format(times=times, why=tr(str(args.get("why", ""))))
    if reason == "rule":
        rules = args.get("rules")
        names = ", ".join(tr(str(r)) for r in rules) if isinstance(rules, list | tuple) else ""
        return tr("Breaks the rules of engagement: {rules}").format(rules=names)
    if reason == "mention":
        return tr("Mentions you (@{who}), unanswered for {age}").format(
            who=args.get("who", ""), age=waited
        )
    if reason == "question":
        role = str(args.get("role") or "")
        if role:
            return tr("Question to the {role}, unanswered for {age}").format(
                role=tr(role), age=waited
            )
        return tr("Question, unanswered for {age}").format(age=waited)
    if reason == "own_post":
        return tr("On your post, unanswered for {age}").format(age=waited)
    if reason == "first_time":
        return tr("First comment by {author} — nobody has reacted").format(author=author)
    if reason == "idea":
        return tr("An idea by {author} — nobody has reacted").format(author=author)
    if reason == "unseen":
        return tr("Nobody from the team has reacted to {author}").format(author=author)
    return ""
