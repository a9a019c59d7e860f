"""The baked site: every page's default view as static HTML with server-drawn charts, the data
behind them at stable URLs, a feed and a release calendar — what any static host or CDN serves."""
