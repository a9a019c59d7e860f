"""Groups of counties a county is compared with beside Riket: Norrland, its neighbours, or any
counties the reader picks. Definitions only (which counties, what the group is called); the
group's values are computed in regstats.analysis.groups from its members' numerators and
denominators."""

from __future__ import annotations

from dataclasses import dataclass

from regstats.geography import AREAS, COUNTIES

# The five counties of the landsdel Norrland. Dalarna is left out: most of it lies in Svealand and
# SCB's and the regions' own reports count it there.
NORRLAND = ("21", "22", "23", "24", "25")

# Counties whose municipalities share a boundary in the bundled outlines (geo/, Valmyndigheten's
# municipalities); a boundary through a lake counts (Uppsala–Södermanland in Mälaren), Vättern
# does not separate Östergötland from Västra Götaland by land. Gotland has none.
# tests/test_county_groups.py recomputes this table from the outlines.
NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "01": ("03", "04"),
    "03": ("01", "04", "19", "20", "21"),
    "04": ("01", "03", "05", "18", "19"),
    "05": ("04", "06", "08", "18"),
    "06": ("05", "07", "08", "13", "14"),
    "07": ("06", "08", "10", "12", "13"),
    "08": ("05", "06", "07", "10"),
    "09": (),
    "10": ("07", "08", "12"),
    "12": ("07", "10", "13"),
    "13": ("06", "07", "12", "14"),
    "14": ("06", "13", "17", "18"),
    "17": ("14", "18", "20"),
    "18": ("04", "05", "14", "17", "19", "20"),
    "19": ("03", "04", "18", "20", "21"),
    "20": ("03", "17", "18", "19", "21", "23"),
    "21": ("03", "19", "20", "22", "23"),
    "22": ("21", "23", "24"),
    "23": ("20", "21", "22", "24"),
    "24": ("22", "23", "25"),
    "25": ("24",),
}

# What a reader picks in the URL (jmf=norrland), and the control's words for it.
GROUP_KEYS: dict[str, str] = {
    "norrland": "Norrlandslänen som grupp",
    "grannar": "Grannlänen som grupp",
    "valda": "Egen grupp av län",
}
# What a group is called in legends, tables and sentences, by the code its rows carry. A group
# never holds the county it is compared with, so Jämtland is compared with the *other* Norrland
# counties ("lägre än i övriga Norrlandslän").
GROUP_NAMES: dict[str, str] = {
    "norrland": "Norrlandslänen",
    "ovriga-norrland": "övriga Norrlandslän",
    "grannar": "grannlänen",
    "valda": "valda län",
}


@dataclass(frozen=True)
class CountyGroup:
    code: str  # the region code its rows carry ('ovriga-norrland')
    members: tuple[str, ...]

    @property
    def name(self) -> str:
        """As in a sentence: 'övriga Norrlandslän'."""
        return GROUP_NAMES[self.code]

    @property
    def title(self) -> str:
        """As a legend or a table's row: 'Övriga Norrlandslän'."""
        return area_name(self.code)

    def describe(self) -> str:
        """'Övriga Norrlandslän: Gävleborgs, Västernorrlands, Västerbottens och Norrbottens län'."""
        names = [COUNTIES[c].removesuffix(" län") for c in self.members]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"
        return f"{self.title}: {listed} län"


def county_group(key: str, county: str, chosen: tuple[str, ...] = ()) -> CountyGroup | None:
    """The group `key` for `county`, without the county itself; None when it would be empty
    (Gotland's neighbours, Riket's neighbours, an own group of the county alone)."""
    if key == "norrland":
        members = tuple(c for c in NORRLAND if c != county)
        code = "ovriga-norrland" if county in NORRLAND else "norrland"
    elif key == "grannar":
        members, code = NEIGHBOURS.get(county, ()), "grannar"
    elif key == "valda":
        members, code = tuple(c for c in dict.fromkeys(chosen) if c in COUNTIES and c != county), "valda"
    else:
        return None
    return CountyGroup(code, members) if members else None


def area_name(code: str) -> str:
    """A region's, a municipality's or a group's name as a legend or a table shows it."""
    if code in GROUP_NAMES:
        return GROUP_NAMES[code][0].upper() + GROUP_NAMES[code][1:]
    return AREAS.get(code, code)
