"""refresh: fetch → archive raw → parse → validate → store, and a report of what happened."""
