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

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from cssselect import GenericTranslator, SelectorError
from lxml import etree
from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SiteRules:
    """Extraction rules of one site; the empty default means "general rules only"."""

    body: str | None = None  # the element holding the article's paragraphs
    prune: tuple[str, ...] = ()  # elements removed before extraction
    drop_lines: tuple[str, ...] = ()  # regexes (case-insensitive) of lines that are not article text

    def __bool__(self) -> bool:
        return bool(self.body or self.prune or self.drop_lines)


NO_RULES = SiteRules()
_EMPTY_PAGE = etree.fromstring("<html><head/><body/></html>")


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
        compiled = etree.XPath(expression)
        # Some mistakes only show when run: an unknown function or variable, or an expression
        # that gives a number or a string instead of elements. Run it once on an empty page.
        found = compiled(_EMPTY_PAGE)
    except etree.XPathSyntaxError as exc:
        raise RuleError(f"{selector!r} is not a valid XPath ({exc})") from exc
    except etree.XPathError as exc:
        raise RuleError(f"{selector!r} cannot be evaluated ({exc}): use only standard XPath 1.0") from exc
    if not isinstance(found, list):
        raise RuleError(f"{selector!r} gives a {type(found).__name__}, not elements: select elements, e.g. //div[@class='x']")
    return compiled


def select(selector: str, tree: HtmlElement) -> list[HtmlElement]:
    """The elements a site rule selects on this page.

    A rule that fails here (an XPath function or variable lxml does not know shows only
    when a predicate is evaluated) selects nothing and is logged: one bad rule must not
    cost the source its articles.
    """
    try:
        found = compile_selector(selector)(tree)
    except (RuleError, etree.XPathError) as exc:
        logger.warning("site rule %r skipped on this page: %s", selector, exc)
        return []
    return [element for element in found if isinstance(element, HtmlElement)] if isinstance(found, list) else []


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
