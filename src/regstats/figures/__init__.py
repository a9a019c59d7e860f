"""Figures as pure functions of (frame, series metadata, options) → plotly Figure."""
