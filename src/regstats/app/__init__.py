"""The stakeholder dashboard (Dash). Reads the store only; never fetches."""
