"""The installed version (for the User-Agent and recorded bundles): a leaf module, so the HTTP
client never imports the package's public API."""

from importlib.metadata import PackageNotFoundError, version

try:
    VERSION = version("regstats")
except PackageNotFoundError:  # a source tree that was never installed
    VERSION = "0+unknown"
