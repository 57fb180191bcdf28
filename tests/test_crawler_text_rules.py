"""Site rules (crawler/text/rules.py): a bad rule is refused when the sources file is read,
or, when only a page can show it, skipped on that page without costing the article."""

from __future__ import annotations

import pytest

from crawler.text import extract
from crawler.text.rules import RuleError, SiteRules, compile_selector

PAGE = """<html><head><title>Klaim JHT Naik - Portal</title></head><body>
<div class="isi">
<p>BPJS Ketenagakerjaan Cabang Gresik membayar klaim Jaminan Hari Tua (JHT) sebanyak 1.204 kasus
senilai Rp18,2 miliar sepanjang Oktober 2024, naik 12 persen dibanding bulan sebelumnya.</p>
<p class="promo">Ikuti kami di WhatsApp Channel</p>
<p>Kepala Cabang Gresik mengatakan peserta kini dapat mengajukan klaim JHT secara daring melalui
aplikasi JMO tanpa harus datang ke kantor cabang, sehingga antrean di kantor berkurang.</p>
</div></body></html>"""


@pytest.mark.parametrize(
    ("selector", "message"),
    [
        ("(count(//p))", "gives a float, not elements"),
        ("//p[@class='x'", "is not a valid XPath"),
        ("div[", "is not a CSS selector"),
    ],
)
def test_a_selector_that_cannot_select_elements_is_refused(selector: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        compile_selector(selector)


def test_a_rule_failing_on_a_page_is_skipped_and_the_article_kept() -> None:
    # An XPath function lxml does not know: it compiles, and fails only where a <p> is tested.
    rules = SiteRules(body="div.isi", prune=("//p[no-such-function()]", "p.promo"))
    found = extract(PAGE, "https://portal.example/berita/klaim-jht", rules=rules)
    assert "1.204 kasus" in found.text and "aplikasi JMO" in found.text
    assert "WhatsApp Channel" not in found.text  # the good rule still applies
    assert not found.reason.startswith("extraction failed")
