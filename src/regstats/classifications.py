"""SNI 2007 sections (Statistics Sweden's industry classification), for industry breakdowns."""

SNI_SECTIONS: dict[str, str] = {
    "A": "Jordbruk, skogsbruk och fiske",
    "B": "Utvinning av mineral",
    "C": "Tillverkning",
    "D": "Försörjning av el, gas, värme och kyla",
    "E": "Vattenförsörjning; avloppsrening, avfallshantering",
    "F": "Byggverksamhet",
    "G": "Handel; reparation av motorfordon och motorcyklar",
    "H": "Transport och magasinering",
    "I": "Hotell- och restaurangverksamhet",
    "J": "Information och kommunikation",
    "K": "Finans- och försäkringsverksamhet",
    "L": "Fastighetsverksamhet",
    "M": "Verksamhet inom juridik, ekonomi, vetenskap och teknik",
    "N": "Uthyrning, fastighetsservice, resetjänster",
    "O": "Offentlig förvaltning och försvar",
    "P": "Utbildning",
    "Q": "Vård och omsorg; sociala tjänster",
    "R": "Kultur, nöje och fritid",
    "S": "Annan serviceverksamhet",
    "T": "Förvärvsarbete i hushåll",
    "U": "Verksamhet vid internationella organisationer",
}

# One-line names beside a bar, where the full name would wrap into its neighbours (the full
# name is in the hover and the table).
SNI_SHORT: dict[str, str] = {
    "A": "Jordbruk, skog, fiske",
    "B": "Utvinning av mineral",
    "C": "Tillverkning",
    "D": "El, gas, värme",
    "E": "Vatten, avlopp, avfall",
    "F": "Byggverksamhet",
    "G": "Handel",
    "H": "Transport",
    "I": "Hotell, restaurang",
    "J": "Information, kommunikation",
    "K": "Finans, försäkring",
    "L": "Fastigheter",
    "M": "Juridik, ekonomi, teknik",
    "N": "Uthyrning, service",
    "O": "Offentlig förvaltning",
    "P": "Utbildning",
    "Q": "Vård och omsorg",
    "R": "Kultur, nöje, fritid",
    "S": "Annan service",
    "T": "Hushållsarbete",
    "U": "Internationella org.",
}

# ICD-10 chapters as Försäkringskassan codes them in its sick-leave statistics (diagnoskapitel_kod).
DIAGNOSIS_CHAPTERS: dict[str, str] = {
    "F00-F99": "Psykiska sjukdomar och syndrom samt beteendestörningar",
    "M00-M99": "Sjukdomar i muskuloskeletala systemet och bindväven",
}

# Status a value can carry besides "" (as published), in words for tables and hover texts.
STATUS_WORDS: dict[str, str] = {
    "..": "uppgift saknas",
    "rojd": "röjandeskyddad",
    "<5": "färre än 5",
    "sum": "summa av länen",
    "grp": "beräknad för gruppen av regstats",
}
SUMMED = "sum"  # a Riket value regstats summed from the counties (the publisher has no Riket row)
GROUPED = "grp"  # a comparison group's value, from its members' counts (regstats.analysis.groups)
DERIVED_STATUS = {SUMMED, GROUPED}  # a value regstats computed: shown, not flagged as missing


# The groups of AF's unemployment workbook (§0b: UNG, GAM, INR, UTR, FG, GY, EG), as stored in
# `breakdown` and named in the dashboard, its tables and the URL (`grupp=`).
GROUPS: dict[str, str] = {
    "18-24": "18–24 år",
    "55-64": "55–64 år",
    "inrikes_fodda": "födda i Sverige",
    "utrikes_fodda": "födda utanför Sverige",
    "forgymnasial": "förgymnasial utbildning",
    "gymnasial": "gymnasial utbildning",
    "eftergymnasial": "eftergymnasial utbildning",
}


# SCB's five-year bands in BAS by age (TAB6260), as the catalog names them.
AGE_BANDS: dict[str, str] = {f"{a}-{a + 4}": f"{a}–{a + 4} år" for a in range(20, 65, 5)}


def breakdown_heading(codes) -> str:
    if any(c in DIAGNOSIS_CHAPTERS for c in codes):
        return "Diagnoskapitel"
    return "Grupp" if any(c in GROUPS or c in AGE_BANDS for c in codes) else "Näringsgren"


def breakdown_label(code: str) -> str:
    if code in GROUPS:
        return GROUPS[code]
    if code in AGE_BANDS:
        return AGE_BANDS[code]
    return f"{code} {SNI_SECTIONS.get(code) or DIAGNOSIS_CHAPTERS.get(code, '')}".strip()
