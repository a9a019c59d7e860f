"""Every sentence regstats writes, read back as a listener hears it, for Riket's 21 counties: the
comparative words agree with the numbers the sentence prints, national figures say so, and a
county's summary speaks of the county's own breakdown. The checker parses the printed text —
an independent path from the rules that wrote it."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from regstats.county_groups import GROUP_NAMES, NEIGHBOURS, NORRLAND
from regstats.geography import COUNTIES
from regstats.meeting.deck import load_deck
from regstats.meeting.slides import build_deck
from regstats.meeting.snapshot import StoreData
from regstats.meeting.story import story
from regstats.store.reading import reading_store

SAMPLE = Path(__file__).resolve().parents[1] / "data"
CHOSEN = ("01", "12", "14")
GROUP_WORDS = "|".join(GROUP_NAMES.values())
NUMBER = r"[−-]?\d[\d\u00a0 ]*(?:,\d+)?"


def number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace("−", "-").replace(",", "."))


@cache
def _sentences(county: str) -> tuple[list[str], list[str]]:
    store = reading_store(SAMPLE)
    # Översikt's story beside every kind of comparison group (an own group of three large counties)
    groups = ("norrland", "grannar", "valda")
    overview = [p.text for p in story(county, lambda s: store.read(s) if store.exists(s) else None, groups, CHOSEN)]
    deck, _ = load_deck()
    built = build_deck(deck.model_copy(update={"county": county}), StoreData(SAMPLE))
    slides = [sentence.text for slide in built.slides for sentence in slide.sentences]
    return overview, slides


@cache
def _example_slides(county: str) -> list:
    from regstats.meeting.deck import example_deck_text, parse_deck

    deck = parse_deck(example_deck_text(), "exempelbildspelet")
    return build_deck(deck.model_copy(update={"county": county}), StoreData(SAMPLE)).slides


def check(sentence: str) -> list[str]:
    """What is wrong with one sentence, by the words it uses and the numbers it prints."""
    problems = []
    if m := re.search(rf"var ({NUMBER})[^,]*, (lägre än|högre än|i nivå med) rikssnittet ({NUMBER})", sentence):
        own, word, riket = number(m[1]), m[2], number(m[3])
        agrees = {"lägre än": own < riket, "högre än": own > riket, "i nivå med": abs(own - riket) <= abs(riket) * 0.01}
        if not agrees[word]:
            problems.append(f"{word}: {own} mot {riket}")
    if m := re.search(
        rf"var ({NUMBER})[^,]*, (lägre än|högre än|i nivå med) (?:i )?(?:{GROUP_WORDS}) \(({NUMBER})",
        sentence,
    ):
        own, word, group = number(m[1]), m[2], number(m[3])
        agrees = {"lägre än": own < group, "högre än": own > group, "i nivå med": abs(own - group) <= abs(group) * 0.01}
        if not agrees[word]:
            problems.append(f"{word} gruppen: {own} mot {group}")
    if m := re.search(
        rf"(ökar|minskar|ligger på oförändrad nivå)( något)? jämfört med [^(]*\(({NUMBER})[^→]*→ ({NUMBER})", sentence
    ):
        word, before, after = m[1], number(m[3]), number(m[4])
        if (
            "bland kvinnor" not in sentence
            and not {
                "ökar": after > before,
                "minskar": after < before,
                "ligger på oförändrad nivå": abs(after - before) < max(0.1, abs(before) * 0.02),
            }[word]
        ):
            problems.append(f"{word}: {before} → {after}")
    if m := re.search(
        rf"(ökar|minskar) bland kvinnor men (ökar|minskar) bland män .*\(kvinnor ({NUMBER})[^→]*→ ({NUMBER})"
        rf"[^,]*, män ({NUMBER})[^→]*→ ({NUMBER})",
        sentence,
    ):
        women, men = (number(m[3]), number(m[4])), (number(m[5]), number(m[6]))
        for word, (a, b) in [(m[1], women), (m[2], men)]:
            if (word == "ökar") != (b > a) or a == b:
                problems.append(f"{word}: {a} → {b}")
        if g := re.search(rf"Nivån är ({NUMBER})[^h]*högre för (kvinnor|män)", sentence):
            gap, higher = number(g[1]), g[2]
            if round(abs(women[1] - men[1]), 1) != gap or (higher == "kvinnor") != (women[1] > men[1]):
                problems.append(f"skillnad {gap} till {higher}: {women[1]} mot {men[1]}")
    if m := re.search(
        rf"hittills i år \([^)]*\): ({NUMBER})[^,]*, (fler än|färre än|i nivå med) snittet[^(]*\(({NUMBER})", sentence
    ):
        now, word, mean = number(m[1]), m[2], number(m[3])
        if not {"fler än": now > mean, "färre än": now < mean, "i nivå med": abs(now - mean) <= abs(mean) * 0.01}[word]:
            problems.append(f"{word} snittet: {now} mot {mean}")
        if y := re.search(rf"(fler än|färre än|i nivå med) samma period \d{{4}} \(({NUMBER})", sentence):
            last = number(y[2])
            if not {"fler än": now > last, "färre än": now < last, "i nivå med": abs(now - last) <= abs(last) * 0.01}[
                y[1]
            ]:
                problems.append(f"{y[1]} i fjol: {now} mot {last}")
            if c := re.search(rf"Förändring mot \d{{4}}: ([+−])({NUMBER}) %", sentence):
                printed = number(c[2]) * (1 if c[1] == "+" else -1)
                if abs(printed - 100 * (now / last - 1)) > 0.05 + 100 * 0.5 / max(last, 1):
                    problems.append(f"förändring {printed} % av {last} → {now}")
    if m := re.search(
        rf"är ({NUMBER}), (något )?(högre än|lägre än|i nivå med) för tre månader sedan \(({NUMBER})\)", sentence
    ):
        latest, word, earlier = number(m[1]), m[3], number(m[4])
        if not {"högre än": latest > earlier, "lägre än": latest < earlier, "i nivå med": abs(latest - earlier) < 0.5}[
            word
        ]:
            problems.append(f"{word}: {latest} mot {earlier}")
    if m := re.search(
        rf"Trenden för .* (pekar uppåt|pekar svagt uppåt|pekar nedåt|pekar svagt nedåt|ligger stilla) sedan "
        rf"[^(]*\(({NUMBER})[^→]*→ ({NUMBER})",
        sentence,
    ):
        word, before, after = m[1], number(m[2]), number(m[3])
        agrees = {
            "pekar uppåt": after > before,
            "pekar svagt uppåt": after > before,
            "pekar nedåt": after < before,
            "pekar svagt nedåt": after < before,
            "ligger stilla": abs(after - before) < max(0.1, abs(before) * 0.02) + 1e-9,
        }[word]
        if not agrees:
            problems.append(f"trenden {word}: {before} → {after}")
    if ("konfidensindikator" in sentence or "barometerindikator" in sentence) and "I riket" not in sentence:
        problems.append("ett tal för riket som inte säger det")
    return problems


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_no_sentence_contradicts_its_printed_numbers(county):
    overview, slides = _sentences(county)
    assert len(overview) >= 10 and len(slides) >= 10
    wrong = {sentence: problems for sentence in overview + slides if (problems := check(sentence))}
    assert not wrong


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_the_example_deck_speaks_of_every_county_without_contradicting_its_numbers(county):
    """The round-table deck: every chart slide has data and sentences for every county, the group
    slides say their group, and no sentence contradicts the numbers it prints."""
    slides = _example_slides(county)
    charts = [s for s in slides if s.kind == "chart"]
    assert len(charts) == 9 and not [s.id for s in charts if s.empty or not s.sentences]
    said = {s.id: " ".join(x.text for x in s.sentences) for s in charts}
    assert said["unga"].startswith("Arbetslösheten bland unga 18–24 år")
    assert said["utrikes-fodda"].startswith("Arbetslösheten bland dem som är födda utanför Sverige")
    # The deck's views compare with a group beside Riket: the young with Norrland, the long-term
    # unemployed with the county's neighbours (Gotland has none: Riket alone).
    assert re.search(r"(lägre än|högre än|i nivå med) (i )?(övriga Norrlandslän|Norrlandslänen) \(", said["unga"])
    assert bool(NEIGHBOURS[county]) == bool(re.search(r"(än i|i nivå med) grannlänen \(", said["langtidsarbetslosa"]))
    wrong = {t: problems for s in charts for t in [x.text for x in s.sentences] if (problems := check(t))}
    assert not wrong


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_a_county_summary_names_its_own_industry_and_riket_says_riket(county):
    overview, slides = _sentences(county)
    industry = [s for s in overview if "varsel inom" in s]
    assert industry and industry[0].startswith(f"I {COUNTIES[county]} berördes") and "i riket var det" in industry[0]
    national = [s for s in slides if "varsel inom" in s]
    assert national and national[0].startswith("I riket berördes")  # the slide's chart is Riket's
    unemployment = [s for s in overview + slides if s.startswith("Arbetslösheten")]
    assert unemployment and all("nära arbetsmarknaden" in s for s in unemployment)


@pytest.mark.parametrize("county", sorted(COUNTIES))
def test_the_story_compares_with_every_group_chosen(county):
    overview, _ = _sentences(county)
    level = [s for s in overview if s.startswith("Arbetslösheten") and "oktober 2026," in s]
    named = {name for name in GROUP_NAMES.values() for s in level if f" {name} (" in s}
    expected = {"övriga Norrlandslän" if county in NORRLAND else "Norrlandslänen", "valda län"}
    assert named == expected | ({"grannlänen"} if NEIGHBOURS[county] else set())


def test_the_checker_catches_a_contradiction():
    assert check("Det var 3,1 % i oktober 2026, lägre än i övriga Norrlandslän (3,0 %).")
    assert not check("Det var 3,1 % i oktober 2026, i nivå med grannlänen (3,1 %).")
    assert check("Det var 1,6 per 10 000 invånare i oktober 2026, lägre än rikssnittet 1,6 per 10 000 invånare.")
    assert check("X ligger på oförändrad nivå jämfört med oktober 2025 (3,9 % → 4,5 %).")
    assert check("K hittills i år (jan–okt): 2 000, fler än snittet för samma period 2023–2025 (2 100).")
    assert not check("K hittills i år (jan–okt): 113, fler än snittet för samma period 2023–2025 (99).")


def test_the_sample_meeting_says_sick_leave_rises_for_women_and_falls_for_men():
    """The October meeting of the sample, as frozen: its chart shows women up and men down."""
    from regstats.meeting.build import deck_for
    from regstats.meeting.snapshot import list_meetings

    (day,) = list_meetings(SAMPLE)
    built = deck_for(SAMPLE, day)
    slide = next(s for s in built.slides if s.id == "sjukskrivningar")
    said = " ".join(s.text for s in slide.sentences)
    assert "ökar bland kvinnor men minskar bland män" in said and "högre för kvinnor än för män" in said
