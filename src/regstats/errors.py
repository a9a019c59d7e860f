"""Named exceptions. Each carries what a user needs: which series, which publisher, which URL,
and what to do about it. The CLI prints `str(error)` as one readable line."""

from __future__ import annotations


class RegstatsError(Exception):
    """Base class: a foreseeable failure with a readable message."""

    def __init__(
        self,
        message: str,
        *,
        series: str | None = None,
        publisher: str | None = None,
        url: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.series = series
        self.publisher = publisher
        self.url = url
        self.hint = hint

    def with_context(self, *, series: str | None = None, publisher: str | None = None):
        """Fill in context that the raising layer did not know."""
        self.series = self.series or series
        self.publisher = self.publisher or publisher
        return self

    def __str__(self) -> str:
        parts = [self.message]
        if self.url:
            parts.append(f"URL: {self.url}")
        if self.hint:
            parts.append(f"Åtgärd: {self.hint}")
        return " — ".join(parts)


class FetchError(RegstatsError):
    """The request could not be completed (network, timeout, 5xx after retries, 429)."""


class PublisherUnavailable(FetchError):
    """The publisher did not answer at all; its remaining series are skipped."""


class PublisherDown(PublisherUnavailable):
    """Not tried: the publisher did not answer an earlier request of this run."""


class PublisherError(RegstatsError):
    """The publisher answered with an error of its own (4xx with an error body)."""

    def __init__(self, message: str, *, status: int, **kwargs) -> None:
        super().__init__(message, **kwargs)
        self.status = status


class ContractError(RegstatsError):
    """The publisher's answer no longer has the documented shape."""


class ValidationError(RegstatsError):
    """Data was fetched but does not pass validation; nothing was stored."""


class StoreError(RegstatsError):
    """A file of the store is broken; `regstats check` repairs what it can."""


class StoreLockedError(RegstatsError):
    """Another refresh holds the store lock."""


class NotFoundError(RegstatsError):
    """An unknown series, region or stored file was asked for."""


class InputError(RegstatsError):
    """A file or argument the user wrote (a deck, a meeting, a date) is not valid."""


class CatalogError(InputError):
    """A catalog file (the bundled one or one named in REGSTATS_CATALOG) is not valid."""

    def __init__(self, message: str) -> None:
        super().__init__(message, hint="rätta katalogfilen; README-avsnittet \"Lägg till en serie\" visar formen")
