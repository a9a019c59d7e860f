"""The meeting: a deck of slides built from the store, frozen per meeting, shown and exported."""
