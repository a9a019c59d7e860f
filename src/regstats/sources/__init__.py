"""Publisher protocols. Everything that touches the network lives in this package."""
