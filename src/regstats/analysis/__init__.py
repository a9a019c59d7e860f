"""Transformations and rules on tidy frames. Pure functions: frames in, frames out."""
