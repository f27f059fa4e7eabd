"""What depends on a large array alone, computed once per array object.

A story's or date range's analysis shares its corpus's vocabulary array, so what is derived from
the vocabulary alone (each term's house style, the terms a topic matches) is the same for every
cut; recomputing it walked hundreds of thousands of terms on each story change.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")


def per_array(entries: int = 4) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise ``fn(array, *args)`` on the array's identity and ``args`` (hashable), keeping the
    ``entries`` latest; an entry holds its array, so an id is never reused while it is cached."""
    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        cache: OrderedDict = OrderedDict()
        lock = threading.Lock()

        @wraps(fn)
        def wrapper(array, *args) -> T:
            key = (id(array), *args)
            with lock:
                hit = cache.get(key)
                if hit is not None and hit[0] is array:
                    cache.move_to_end(key)
                    return hit[1]
            value = fn(array, *args)
            with lock:
                cache[key] = (array, value)
                while len(cache) > entries:
                    cache.popitem(last=False)
            return value

        return wrapper

    return decorate
