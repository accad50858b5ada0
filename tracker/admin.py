"""Django's admin looks for the app's admin here; each part of the app registers its own."""

from tracker.log import admin as log_admin  # noqa: F401
from tracker.transfer import admin as transfer_admin  # noqa: F401
