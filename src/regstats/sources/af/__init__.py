"""Arbetsförmedlingen: no API, monthly xlsx files found on its statistics pages."""
