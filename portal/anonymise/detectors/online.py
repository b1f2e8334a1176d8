"""IP addresses, social-media handles, usernames and profile links."""
from __future__ import annotations

import ipaddress
import re

from ..registry import register
from .base import PatternDetector, Scan

# --- IP addresses -----------------------------------------------------------------

_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_VERSION_BEFORE_RE = re.compile(r"(?:version|ver\.?|release|build|firmware|v)\s*$", re.IGNORECASE)
_NETMASK_OCTETS = frozenset({"0", "128", "192", "224", "240", "248", "252", "254", "255"})


def _is_address(match: re.Match[str]) -> bool:
    """Not a version number ("v1.2.3.4"), a netmask, or loopback/unspecified."""
    before = match.string[max(0, match.start() - 12):match.start()]
    if _VERSION_BEFORE_RE.search(before):
        return False
    text = match.group()
    octets = text.split(".")
    if octets[0] == "255" and set(octets) <= _NETMASK_OCTETS:
        return False
    address = ipaddress.ip_address(text)
    return not (address.is_loopback or address.is_unspecified)


register(PatternDetector(
    rule="ip-address",
    title="IP address",
    pattern=re.compile(rf"(?<![\w.])(?:{_OCTET}\.){{3}}{_OCTET}(?![\w]|\.\d)"),
    validate=_is_address,
    min_digits=4,
))


def _is_ipv6(match: re.Match[str]) -> bool:
    try:
        address = ipaddress.IPv6Address(match.group())
    except ValueError:
        return False
    return not (address.is_loopback or address.is_unspecified)


register(PatternDetector(
    rule="ip-address",
    title="IP address",
    pattern=re.compile(r"(?<![\w:.])(?=[0-9A-Fa-f:]*::|(?:[0-9A-Fa-f]{1,4}:){7})"
                       r"[0-9A-Fa-f:]{2,39}(?:\d{1,3}(?:\.\d{1,3}){3})?(?![\w:.])"),
    validate=_is_ipv6,
    case_keywords=(":",),
    min_digits=1,
))

# --- social media ------------------------------------------------------------------

register(PatternDetector(
    rule="social-handle",
    title="Social media handle",
    keywords=("@",),
    pattern=re.compile(r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])"),
    advice="remove it: a handle leads straight to the person's profile",
))

# Words that follow "username" without being one ("the username to", "username, which").
_NOT_A_USERNAME = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "him", "his", "in", "into", "is", "it", "its", "of", "on", "or", "she", "that", "the",
    "their", "them", "they", "this", "to", "was", "we", "were", "which", "who", "will", "with", "you",
    "your", "account", "accounts", "details", "profile", "page", "post", "posts", "name", "names",
    "unknown", "only", "online", "video",
))


def _plausible_username(match: re.Match[str], scan: Scan) -> bool:
    """Quoted, or with digits or symbols, or at least not an English word
    ("the username field" is no username)."""
    name = match.group("name")
    if name.lower() in _NOT_A_USERNAME:
        return False
    if match.group("quote") is not None or any(not ch.isalpha() for ch in name):
        return True
    return len(name) >= 4 and not scan.rules.is_word(name.lower())


# The username patterns run over the lower-cased record (lowercase=True), for speed.
register(PatternDetector(
    rule="username",
    title="Username",
    pattern=re.compile(
        r"\b(?:user\s?name|user\s?id|log-?in\s+name|handle|gamer\s?tag|screen\s?name|"
        r"account\s+name|profile\s+name|nickname|snapchat\s+name)"
        r"(?:\s+(?:is|was|of|called|named|as))?\s*[:=]?\s*(?P<quote>[\"'“‘])?"
        r"(?P<name>[a-z0-9_][a-z0-9_.\-]{1,31}[a-z0-9_])(?P=quote)?(?![\w@])"),
    lowercase=True,
    starts=("user", "log", "handle", "gamer", "screen", "account", "profile", "nickname", "snapchat"),
    group="name",
    validate_in_context=_plausible_username,
    keywords=("user", "login", "log-in", "handle", "gamer", "screen", "account name", "profile name",
              "nickname", "snapchat"),
    advice="remove it: a username leads straight to the person's account",
))
# "Snapchat: kerry_b123", "insta - jess.x": a platform name, a colon, a name.
register(PatternDetector(
    rule="username",
    title="Username",
    pattern=re.compile(
        r"\b(?:snapchat|snap|instagram|insta|tiktok|twitter|discord|kik|telegram|threads|"
        r"xbox|psn|steam|roblox|fortnite)(?:\s+(?:name|handle|username|account|id))?\s*[:=–-]\s*"
        r"(?P<quote>[\"'“‘])?(?P<name>[a-z0-9_][a-z0-9_.\-]{1,31}[a-z0-9_])(?P=quote)?(?![\w@])"),
    lowercase=True,
    starts=("snap", "insta", "tiktok", "twitter", "discord", "kik", "telegram", "threads", "xbox", "psn",
            "steam", "roblox", "fortnite"),
    group="name",
    validate_in_context=_plausible_username,
    keywords=("snap", "insta", "tiktok", "twitter", "discord", "kik", "telegram", "threads", "xbox",
              "psn", "steam", "roblox", "fortnite"),
    advice="remove it: a username leads straight to the person's account",
))
# "the user jsmith1990", "an account called xx_kayleigh_xx": after a bare
# "user" or "account" only a name no English word could be (a digit, "_" or
# ".", or quoted), so "the user was banned" and "an account called for calm" pass.
_ABBREVIATION_RE = re.compile(r"(?:[a-z]\.)+[a-z]?\Z")  # "e.g", "i.e"
# "v1.2", "3rd", "10am", "2fa", and web addresses and files ("example.com", "node.js").
_NOT_A_NAME_RE = re.compile(
    r"v?\d[\d.]*\Z|\d+[a-z]{1,3}\Z|.*\.(?:com|org|net|co|uk|gov|io|js|pdf|docx?|jpe?g|png)\Z")


def _name_not_a_word(match: re.Match[str], scan: Scan) -> bool:
    name = match.group("name")
    if name in _NOT_A_USERNAME or _ABBREVIATION_RE.match(name) or _NOT_A_NAME_RE.match(name):
        return False
    if match.group("quote") is not None:  # closed right after the name, and no common word
        closing = match.string[match.end("name"):match.end("name") + 1]
        return closing != "" and closing in "\"'”’" and not scan.rules.is_common(name)
    return any(ch.isalpha() for ch in name) and any(ch.isdigit() or ch in "_." for ch in name)


register(PatternDetector(
    rule="username",
    title="Username",
    pattern=re.compile(
        r"\b(?:user|account|profile)(?:\s+(?:called|named))?(?:[ \t]*[:=\n][ \t]*|[ \t]+)"
        r"(?P<quote>[\"'“‘])?"
        r"(?P<name>[a-z0-9_][a-z0-9_.]{1,31}[a-z0-9_])(?![\w@/-])"),
    lowercase=True,
    starts=("user", "account", "profile"),
    group="name",
    validate_in_context=_name_not_a_word,
    keywords=("user", "account", "profile"),
    advice="remove it: a username leads straight to the person's account",
))
# Discord's older "name#1234" tags, near a word that says what they are.
register(PatternDetector(
    rule="username",
    title="Username",
    pattern=re.compile(r"(?<![\w#@./])[A-Za-z0-9_.]{2,32}#\d{4}(?![\w#])"),
    context=("discord", "tag", "gamertag", "username", "user name", "handle", "add me"),
    without_context=None,
    min_digits=4,
    hint=re.compile(r"#\d{4}"),  # faster than keywords: "tag" is in "footage"
    advice="remove it: a username leads straight to the person's account",
))
register(PatternDetector(
    rule="username",
    title="Username",
    keywords=("u/",),
    pattern=re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}(?![\w/])"),
    advice="remove it: a username leads straight to the person's account",
))

_PLATFORMS = ("facebook|fb|instagram|twitter|x|tiktok|linkedin|youtube|snapchat|threads|"
              "reddit|pinterest|twitch|onlyfans|telegram|t")
# Paths on those sites that are not a person's profile.
_GENERIC_PATHS = frozenset((
    "home", "search", "explore", "help", "about", "policies", "policy", "legal", "privacy", "terms",
    "settings", "login", "signup", "hashtag", "watch", "groups", "events", "pages", "share", "sharer",
    "messages", "notifications", "marketplace", "gaming", "intent", "i", "company", "jobs", "tos",
))


def _is_profile_path(match: re.Match[str]) -> bool:
    return match.group("path").lower() not in _GENERIC_PATHS


register(PatternDetector(
    rule="profile-url",
    title="Social media profile link",
    keywords=(".com/", ".net/", ".me/"),
    pattern=re.compile(
        rf"(?<![\w.-])(?:(?:https?://)?(?:www\.|m\.|mobile\.|vm\.)?)"
        rf"(?P<link>(?:{_PLATFORMS})\.(?:com|net|me)/(?:in/|@|u/|user/|add/|channel/|c/|profile\.php\?id=)?"
        rf"(?P<path>[A-Za-z0-9_.%-]*[A-Za-z0-9_%]))",
        re.IGNORECASE),
    group="link",
    validate=_is_profile_path,
    advice="remove it: a profile link identifies the person",
))
