"""Per-site extraction rules: what a portal's markup needs beyond the general rules.

A source in the sources file may carry a `[source.rules]` table:

    body = "div.td-post-content"              # the article container (CSS or XPath)
    prune = ["div.sharedaddy", "//p[@class='bacajuga']"]  # elements that are never article text
    drop_lines = ["^Ikuti berita .* di Google News"]      # regexes of whole lines to drop

so that a new portal's quirks are configuration, not code. A selector starting with "/"
or "(" is XPath; anything else is CSS (translated by cssselect). `SiteRules` holds only
strings, so it pickles into a process pool; the compiled forms are cached per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cssselect import GenericTranslator, SelectorError
from lxml import etree


@dataclass(frozen=True, slots=True)
class SiteRules:
    """Extraction rules of one site; the empty default means "general rules only"."""

    body: str | None = None  # the element holding the article's paragraphs
    prune: tuple[str, ...] = ()  # elements removed before extraction
    drop_lines: tuple[str, ...] = ()  # regexes (case-insensitive) of lines that are not article text

    def __bool__(self) -> bool:
        return bool(self.body or self.prune or self.drop_lines)


NO_RULES = SiteRules()


class RuleError(ValueError):
    """A selector or pattern that cannot be used; the message says why."""


def is_xpath(selector: str) -> bool:
    return selector.lstrip().startswith(("/", "(", "./"))


@lru_cache(maxsize=512)
def compile_selector(selector: str) -> etree.XPath:
    """The XPath of a CSS or XPath selector, compiled; RuleError when it is neither."""
    text = selector.strip()
    if not text:
        raise RuleError("an empty selector selects nothing")
    if is_xpath(text):
        expression = text
    else:
        try:
            expression = GenericTranslator().css_to_xpath(text)
        except SelectorError as exc:
            raise RuleError(f"{selector!r} is not a CSS selector ({exc}); XPath must start with '/'") from exc
    try:
        return etree.XPath(expression)
    except etree.XPathSyntaxError as exc:
        raise RuleError(f"{selector!r} is not a valid XPath ({exc})") from exc


@lru_cache(maxsize=512)
def compile_line_pattern(pattern: str) -> re.Pattern[str]:
    """A line rule, case-insensitive; RuleError when it is not a regular expression."""
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(f"{pattern!r} is not a regular expression ({exc})") from exc


def check_rules(rules: SiteRules) -> None:
    """Compile every selector and pattern once, so a mistake shows when the file is read."""
    if rules.body is not None:
        compile_selector(rules.body)
    for selector in rules.prune:
        compile_selector(selector)
    for pattern in rules.drop_lines:
        compile_line_pattern(pattern)
