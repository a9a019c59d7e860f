"""What a chart shows, without Dash: the pages and charts declared as data, the view state a URL
holds, which rows a chart selects, its figure, table and source line, and the download formats.
The dashboard (regstats.app) and the meeting (regstats.meeting) both build on these, so a slide
and the dashboard chart it names cannot disagree."""
