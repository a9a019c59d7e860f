"""The meeting without a browser: deck files, frozen snapshots, edits, and what changed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from regstats.catalog import load_catalog
from regstats.errors import InputError
from regstats.formatting import number_sv
from regstats.meeting import changes
from regstats.meeting.build import deck_for
from regstats.meeting.deck import load_deck, parse_deck
from regstats.meeting.snapshot import StoreData, create_meeting, edit_sentence, load_meeting
from regstats.store import SeriesStore
from tests.meeting_data import MEETING, NEXT, copy_sample, publish_november


@pytest.fixture
def store(data_root) -> Path:
    return copy_sample(data_root)


def texts(built) -> list[tuple[str, list[str]]]:
    return [(s.title, [x.text for x in s.sentences]) for s in built.slides]


def test_the_default_deck_is_the_statistics_segment():
    deck, _ = load_deck()
    assert [s.chart for s in deck.slides if s.kind == "chart"] == [
        "nara",
        "platser",
        "varsel-bransch",
        "varsel-lan",
        "sjp",
        "konk-hittills",
        "ki",
    ]
    assert deck.county == "23" and deck.slides[-1].kind == "changes"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("chart: nara", "okänt diagram 'narra'"),
        ('view: "?fran=2022-01"', "går inte att tolka"),
        ("highlights: [level, direction]", "highlights"),
    ],
)
def test_a_broken_deck_file_names_what_is_wrong(change, message):
    _, text = load_deck()
    broken = {
        "chart: nara": text.replace("chart: nara", "chart: narra", 1),
        'view: "?fran=2022-01"': text.replace('view: "?fran=2022-01"', 'view: "?fran=2022-13"', 1),
        "highlights: [level, direction]": text.replace("[level, direction]", "[level, guess]", 1),
    }[change]
    with pytest.raises(InputError) as error:
        parse_deck(broken, "mitt-bildspel.yaml")
    assert "mitt-bildspel.yaml" in str(error.value) and message in str(error.value)


def test_the_draft_deck_says_what_the_sample_data_says(store):
    built = deck_for(store)
    assert built.sample and built.name == "regstats-utkast-exempeldata"
    unemployment = built.slides[1]
    frame = SeriesStore(store).read("unemployment_close").frame
    share = frame[(frame.measure == "share") & (frame.sex == "T") & (frame.period == "2026-10-01")]
    county = share[share.region_code == "23"]["value"].iloc[0]
    riket = share[share.region_code == "00"]["value"].iloc[0]
    expected = f"var {county:.1f} % i oktober 2026, lägre än rikssnittet {riket:.1f} %".replace(".", ",")
    assert expected in unemployment.sentences[0].text
    assert unemployment.link == "/arbetsloshet?fran=2022-01"
    assert unemployment.source.startswith("Källa: Arbetsförmedlingen")
    assert unemployment.latest_period == "oktober 2026"
    assert built.slides[3].sentences[0].key == "top_industry"
    assert "information och kommunikation" in built.slides[3].sentences[0].text


def test_a_frozen_meeting_rebuilds_identically_after_new_data(store):
    create_meeting(store, MEETING)
    frozen = texts(deck_for(store, MEETING))
    publish_november(store)
    assert texts(deck_for(store, MEETING)) == frozen
    draft = deck_for(store)
    assert "november 2026" in draft.slides[1].sentences[0].text
    assert "oktober 2026" in deck_for(store, MEETING).slides[1].sentences[0].text


def test_edits_are_kept_with_the_meeting_and_survive_a_refreeze(store):
    create_meeting(store, MEETING)
    edit_sentence(store, MEETING, "konkurser", "year_to_date", "Många konkurser i år.")
    edit_sentence(store, MEETING, "arbetsloshet", "direction", "")
    publish_november(store)
    create_meeting(store, MEETING, replace=True)
    built = deck_for(store, MEETING)
    bankruptcies = next(s for s in built.slides if s.id == "konkurser")
    assert [x.text for x in bankruptcies.sentences] == ["Många konkurser i år."]
    assert bankruptcies.sentences[0].edited and "hittills i år" in bankruptcies.sentences[0].generated
    unemployment = next(s for s in built.slides if s.id == "arbetsloshet")
    keys = [x.key for x in unemployment.sentences]
    assert "direction" not in keys and keys[0] == "level"  # the hidden one stays hidden
    assert "november 2026" in unemployment.sentences[0].text  # re-frozen to the new release
    edit_sentence(store, MEETING, "konkurser", "year_to_date", None)
    assert not deck_for(store, MEETING).slides[6].sentences[0].edited


def test_editing_checks_the_slide_and_the_sentence(store):
    create_meeting(store, MEETING)
    with pytest.raises(InputError, match="Bilden 'nej' finns inte"):
        edit_sentence(store, MEETING, "nej", "level", "x")
    with pytest.raises(InputError, match="ingen mening med nyckeln 'sentiment'"):
        edit_sentence(store, MEETING, "konkurser", "sentiment", "x")
    with pytest.raises(InputError, match="finns redan"):
        create_meeting(store, MEETING)
    assert load_meeting(store, MEETING).edits == {}


def test_the_next_meeting_reports_new_periods_and_revisions(store):
    create_meeting(store, MEETING)
    publish_november(store)
    create_meeting(store, NEXT)
    built = deck_for(store, NEXT)
    news = built.slides[-1]
    assert built.previous == MEETING
    assert [s.key for s in news.sentences] == ["changes-unemployment_close"]
    text = news.sentences[0].text
    assert text.startswith("Arbetslösa som står nära arbetsmarknaden: ny period: november 2026 (")
    stored = StoreData(store).load("unemployment_close").frame
    november = stored[(stored.region_code == "23") & (stored.period == "2026-11-01") & (stored.sex == "T")]
    november = november[(november.breakdown == "") & (november.measure == "share")]["value"].iloc[0]
    assert f"Jämtlands län {number_sv(november, 1)} %" in text  # the new number itself
    assert "1 värde reviderat, störst Jämtlands län oktober 2026" in text
    assert news.table is not None and len(news.table) == 1
    first = deck_for(store, MEETING).slides[-1]
    assert first.sentences[0].text == "Det finns inget tidigare möte att jämföra med."


def test_revision_thresholds():
    series = load_catalog()["unemployment_close"]

    def rows(values):
        return pd.DataFrame(
            {
                "region_code": "23",
                "sex": "T",
                "breakdown": "",
                "measure": ["share", "unemployed_close"],
                "period": pd.Timestamp("2026-10-01"),
                "value": values,
            }
        )

    small = changes.compare(series, rows([3.0, 1000.0]), rows([3.05, 1009.0]), {"23"})
    assert small.empty
    large = changes.compare(series, rows([3.0, 1000.0]), rows([3.1, 1010.0]), {"23"})
    assert list(large.revisions["measure"]) == ["share", "unemployed_close"]
    elsewhere = changes.compare(series, rows([3.0, 1000.0]), rows([4.0, 2000.0]), {"00"})
    assert elsewhere.empty


def test_meeting_commands(cli, store):
    created = cli("meeting", "create", "2026-11-05")
    assert created.code == 0 and "Mötet 2026-11-05 är fryst (EXEMPELDATA)" in created.out
    assert cli("meeting", "create", "2026-11-5").code == 2
    edited = cli("meeting", "edit", "2026-11-05", "konkurser", "year_to_date", "--text", "Egen mening.")
    assert edited.code == 0
    shown = cli("meeting", "show", "2026-11-05")
    assert "[year_to_date] [redigerad] Egen mening." in shown.out.replace("\n", " ")
    assert "EXEMPELDATA" in shown.out
    listed = cli("meeting", "list")
    assert "2026-11-05" in listed.out and "1 redigerade meningar" in listed.out
    missing = cli("meeting", "show", "2027-01-01")
    assert missing.code == 2 and "Mötet 2027-01-01 finns inte" in missing.err


def test_export_html_is_one_self_contained_file(cli, store, tmp_path):
    result = cli("export", "--format", "html", "--out", str(tmp_path / "ut"))
    assert result.code == 0, result.err
    page = (tmp_path / "ut" / "regstats-utkast-exempeldata.html").read_text("utf-8")
    assert page.count('<section class="slide') == 9
    assert page.count("Exempeldata – inte officiell statistik") == 9
    assert "<script src=" not in page and "<link" not in page  # nothing to fetch: it presents offline
    bad = cli("export", "--format", "pdf,docx")
    assert bad.code == 2 and "Okänt exportformat: docx" in bad.err


def test_a_slide_view_may_name_another_county_than_the_deck(store):
    from regstats.meeting.slides import build_deck
    from regstats.meeting.snapshot import StoreData

    _, text = load_deck()
    deck = parse_deck(text.replace('view: "?fran=2022-01"', 'view: "?fran=2022-01&lan=01"', 1))
    built = build_deck(deck, StoreData(store))
    assert "i Stockholms län var" in built.slides[1].sentences[0].text
    assert "i Jämtlands län" in built.slides[5].sentences[0].text  # the others keep the deck's county


def test_an_own_deck_file_is_used_and_kept_with_the_meeting(cli, store, tmp_path):
    printed = cli("meeting", "deck")
    own = tmp_path / "mitt.yaml"
    own.write_text(printed.out.replace("title: Statistik inför regional näringslivsdialog", "title: Vårt möte"))
    assert cli("meeting", "create", "2026-11-05", "--deck", str(own)).code == 0
    own.unlink()  # the meeting keeps its own copy of the deck
    assert deck_for(store, MEETING).slides[0].title == "Vårt möte"
    own.write_text("title: [")
    broken = cli("meeting", "create", "2026-11-06", "--deck", str(own))
    assert broken.code == 2 and "mitt.yaml går inte att läsa" in broken.err


def test_export_without_a_browser_says_what_to_install_and_loses_nothing(cli, store, tmp_path, monkeypatch):
    monkeypatch.setenv("REGSTATS_CHROMIUM", str(tmp_path / "ingen-chromium"))
    earlier = tmp_path / "ut" / "regstats-utkast-exempeldata.pdf"
    earlier.parent.mkdir()
    earlier.write_bytes(b"last month's good PDF")
    result = cli("export", "--format", "html,pdf,pptx", "--out", str(tmp_path / "ut"))
    assert result.code == 2
    assert "Webbläsaren kunde inte rita bildspelet" in result.err and "REGSTATS_CHROMIUM" in result.err
    assert list((tmp_path / "ut").iterdir()) == [earlier]  # not even the HTML, which had succeeded
    assert earlier.read_bytes() == b"last month's good PDF"


def test_a_cached_server_export_is_not_reused_after_a_new_meeting(store):
    from regstats.app.present import _fingerprint

    draft = _fingerprint(None)
    create_meeting(store, MEETING)
    assert _fingerprint(None) != draft  # the draft's last slide now compares with this meeting
    frozen = _fingerprint(MEETING)
    assert _fingerprint(MEETING) == frozen
    create_meeting(store, NEXT)
    assert _fingerprint(MEETING) != frozen


def test_a_meeting_says_when_its_own_data_was_fetched(data_root, monkeypatch):
    """A refresh run as of an earlier day (how the sample builds its month-old meeting) names its
    vintages on that day, so the earlier meeting does not claim data fetched after it was held."""
    from datetime import date

    from regstats.fakes import FakePublishers
    from regstats.meeting.snapshot import create_meeting
    from regstats.pipeline.refresh import refresh

    earlier = date(2026, 10, 30)
    monkeypatch.setenv("REGSTATS_SAMPLE_DIR", str(data_root.parent / "no-sample"))  # only what was fetched
    with FakePublishers(today=earlier, enforce_limits=False) as fake, pytest.MonkeyPatch.context() as patch:
        for key, value in fake.env().items():
            patch.setenv(key, value)
        refresh(["sentiment"], root=data_root, today=earlier)
    create_meeting(data_root, earlier)
    built = deck_for(data_root, earlier)
    assert built.data_date == earlier


def test_an_edited_sentence_with_markup_is_shown_as_text(store):
    """The deck escapes what the analyst writes: markup shows as text and a plain '<' breaks nothing."""
    from regstats.meeting.render import render_deck

    create_meeting(store, MEETING)
    hostile = '<script>alert("x")</script> & <b>fet</b> < 5'
    edit_sentence(store, MEETING, "konkurser", "year_to_date", hostile)
    for mode in ["present", "all"]:
        html = render_deck(deck_for(store, MEETING), inline=True, mode=mode)
        assert '<script>alert("x")</script>' not in html and "<b>fet</b>" not in html
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;fet&lt;/b&gt; &lt; 5" in html


def test_varsel_by_industry_carries_its_quality_caveat_on_every_chart_and_slide(store):
    """§0b: monthly notices by industry were dropped by analysts in 2024 for poor quality."""
    from regstats.views.pages import CHARTS, VARSEL_BY_INDUSTRY

    by_industry = [c for c in CHARTS.values() if c.series == "redundancies" and c.kind.startswith("industry")]
    assert by_industry and all(c.caveat == VARSEL_BY_INDUSTRY for c in by_industry)
    slides = [s for s in deck_for(store).slides if s.id == "varsel-bransch"]
    assert slides and all(s.source.endswith(VARSEL_BY_INDUSTRY) and s.source.startswith("Källa:") for s in slides)
    assert all(VARSEL_BY_INDUSTRY not in s.source for s in deck_for(store).slides if s.id == "varsel-lan")
