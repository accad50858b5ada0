"""The tracker's views, one module per area: log.py (the training log and settings)."""
