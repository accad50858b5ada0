"""API throttles counted with one atomic increment in the shared cache.

DRF's own throttles keep a list of request times per user and write it back (read, modify,
write): two workers answering at once both read the same list, and one write is lost. Across
two nodes that let 143 calls through a 100-a-minute limit. Here each call is one `incr` on a
counter per user and fixed window, atomic in Redis (INCR); the database cache's `incr` is a read
and a write, so without Redis simultaneous calls can still slip a few past the limit. A fixed
window can let up to twice the rate through across a window's edge, never more.
"""

import time

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AtomicWindowMixin:
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        self.cache.add(key, 0, timeout=self.duration + 1)
        try:
            count = self.cache.incr(key)
        except ValueError:  # expired between add and incr
            self.cache.add(key, 1, timeout=self.duration + 1)
            count = 1
        return count <= self.num_requests

    def wait(self):
        return max(0.0, self.window_ends - time.time())


class SharedUserRateThrottle(AtomicWindowMixin, UserRateThrottle):
    pass


class SharedAnonRateThrottle(AtomicWindowMixin, AnonRateThrottle):
    pass
