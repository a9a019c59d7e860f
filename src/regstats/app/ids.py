"""Component ids the layout and the callbacks share, named once."""

URL, MAIN, NAV = "url", "main", "nav"
SAMPLE_BANNER, PROBLEMS, PAGE_TITLE, DOWNLOAD = "sample-banner", "problems", "page-title", "download"
SUMMARIES = {"county": "sum-county", "compare": "sum-compare", "chosen": "sum-chosen", "industry": "sum-industry"}
CONTROL_IDS = [
    "ctl-county",
    "ctl-compare",
    "ctl-chosen",
    "ctl-start",
    "ctl-end",
    "ctl-sex",
    "ctl-transform",
    "ctl-base",
    "ctl-view",
    "ctl-industry",
    "ctl-group",
]
WRAPPERS = {
    "region": ["wrap-county", "wrap-compare", "wrap-chosen"],
    "period": ["wrap-start", "wrap-end"],
    "sex": ["wrap-sex"],
    "transform": ["wrap-transform", "wrap-base"],
    "view": ["wrap-view"],
    "industry": ["wrap-industry"],
    "group": ["wrap-group"],
}
