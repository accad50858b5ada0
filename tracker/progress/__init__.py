"""What the log shows: the Progress page's chart data, the insights, the leg outlook, and
their pages."""
