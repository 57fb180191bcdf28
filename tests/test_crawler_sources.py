"""The sources file: built-ins, a user's additions and overrides, and clear errors."""

from pathlib import Path

import pytest

from crawler.errors import SourcesError
from crawler.sources import load_sources, select_sources
from crawler.text.rules import SiteRules

SEED_PORTALS = {"klikjatim", "nawacita", "realita", "jatimtimes", "beritalima"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, "utf-8")
    return path


def test_builtin_sources_are_the_seed_portals_with_real_home_pages() -> None:
    sources = load_sources()
    assert set(sources) == SEED_PORTALS
    assert sources["klikjatim"].url == "https://klikjatim.com/"
    assert sources["jatimtimes"].url == "https://jatimtimes.com/"
    assert all(s.region_code == "35" for s in sources.values())  # Jawa Timur


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[[source]]
name = "beritalima"
url = "http://127.0.0.1:9/"
listings = ["/tag/bpjs-ketenagakerjaan/"]
region = "Kota Surabaya"

[[source]]
name = "suarasurabaya"
url = "https://www.suarasurabaya.net/"
region = "Jawa Timur"
schedule = "0 */6 * * *"
""",
    )
    sources = load_sources(path)
    assert set(sources) == SEED_PORTALS | {"suarasurabaya"}
    replaced = sources["beritalima"]
    assert replaced.url == "http://127.0.0.1:9/"
    assert replaced.feeds == ()  # the built-in's feeds are gone with it
    assert replaced.listings == ("http://127.0.0.1:9/tag/bpjs-ketenagakerjaan/",)  # relative resolved
    assert replaced.region_code == "35.78"
    assert sources["suarasurabaya"].schedule == "0 */6 * * *"


RULED = '[[source]]\nname = "x"\nurl = "https://x.id/"\n[source.rules]\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[source]]\nname = "klikjatim"\nurl = "https://klikjatim.com/"\nfeeds = "https://klikjatim.com/feed/"\n',
            'source "klikjatim": "feeds" must be a list of URLs, got a string',
        ),
        ('[[source]]\nname = "x"\n', 'source "x": "url" must be a URL string, got None'),
        ('[[source]]\nname = "x"\nurl = "ftp://x.id/"\n', 'source "x": "url" must be an http(s) URL'),
        ('[[source]]\nname = "x"\nurl = "https://x.id/"\nregion = "Pasuruan"\n', 'is ambiguous: write "Kabupaten Pasuruan" or "Kota Pasuruan"'),
        ('[[source]]\nname = "x"\nurl = "https://x.id/"\nregion = "Atlantis"\n', "unknown region 'Atlantis'"),
        ('[[source]]\nname = "x"\nurl = "https://x.id/"\nschedule = "hourly"\n', '"schedule" \'hourly\' is not a cron expression'),
        ('[[source]]\nname = "x"\nurl = "https://x.id/"\nfeed = ["https://x.id/feed/"]\n', "unknown field 'feed'"),
        ('[[source]]\nname = "Berita Lima"\nurl = "https://x.id/"\n', "source #1: \"name\" must be a short id"),
        ('[[source]]\nname = "x"\nurl = "https://x.id/"\n[[source]]\nname = "x"\nurl = "https://y.id/"\n', "source 'x' is defined twice"),
        ("[[source]\nname = 1\n", "not valid TOML"),
        ('name = "x"\n', "unknown top-level key 'name'"),
        (RULED + 'prune = ["div["]\n', 'source "x": "rules.prune[0]": \'div[\' is not a CSS selector'),
        (RULED + 'prune = ["div.share", "//p[@class=\'x\'"]\n', 'source "x": "rules.prune[1]": "//p[@class=\'x\'" is not a valid XPath'),
        (RULED + 'body = ["div.isi"]\n', 'source "x": "rules.body" must be one CSS or XPath selector string'),
        (RULED + 'drop_lines = ["(Ikuti"]\n', 'source "x": "rules.drop_lines[0]": \'(Ikuti\' is not a regular expression'),
        (RULED + 'content = "div.isi"\n', 'source "x": unknown field "rules.content"'),
        ('[[source]]\nname = "x"\nurl = "https://x.id/"\nrules = "div.isi"\n', '"rules" must be a table'),
    ],
)
def test_bad_sources_file_names_file_entry_and_field(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SourcesError) as error:
        load_sources(path)
    assert str(error.value).startswith(str(path))
    assert message in str(error.value)


def test_missing_sources_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read the sources file"):
        load_sources(tmp_path / "nope.toml")


def test_select_unknown_source_lists_the_known_ones() -> None:
    with pytest.raises(SourcesError, match="unknown source 'kompas': known sources are beritalima, jatimtimes"):
        select_sources(load_sources(), ["kompas"])
    assert [s.name for s in select_sources(load_sources(), ["realita", "nawacita", "realita"])] == ["realita", "nawacita"]


def test_rules_accept_css_and_xpath_and_a_user_file_replaces_a_builtins_rules(tmp_path: Path) -> None:
    path = write(tmp_path, RULED.replace('name = "x"', 'name = "realita"').replace("https://x.id/", "https://realita.co/")
                 + 'body = "//div[@id=\'isi-berita\']"\nprune = ["p.bacajuga", "div.iklan > p"]\ndrop_lines = ["^Simak video"]\n')
    sources = load_sources(path)
    assert sources["realita"].rules == SiteRules(
        body="//div[@id='isi-berita']", prune=("p.bacajuga", "div.iklan > p"), drop_lines=("^Simak video",)
    )
    assert sources["nawacita"].rules.body == "div.td-post-content"  # built-ins keep theirs


def test_every_builtin_source_has_a_body_container() -> None:
    assert all(source.rules.body for source in load_sources().values())


@pytest.mark.parametrize("cron", ["0 6 * * 7", "0 6 * * 1-7", "0 6 * * sun-sat", "0 6 * * mon-fri/2"])
def test_crontab_weekdays_the_scheduler_runs_are_accepted(tmp_path: Path, cron: str) -> None:
    """7 is Sunday in crontab; names work in ranges and steps: the file accepts what the service runs."""
    path = write(tmp_path, f'[[source]]\nname = "x"\nurl = "https://x.id/"\nschedule = "{cron}"\n')
    assert load_sources(path)["x"].schedule == cron


@pytest.mark.parametrize(
    ("cron", "message"),
    [("0 0 31 2 *", "never fires"), ("0 0 1 * 1", "restricts both the day of month (1) and the weekday (1)")],
)
def test_crons_the_scheduler_cannot_run_are_refused(tmp_path: Path, cron: str, message: str) -> None:
    path = write(tmp_path, f'[[source]]\nname = "x"\nurl = "https://x.id/"\nschedule = "{cron}"\n')
    with pytest.raises(SourcesError) as error:
        load_sources(path)
    assert 'source "x": "schedule"' in str(error.value) and message in str(error.value)
