"""A rule's time on a document kept by an interval timer, not by a timeout on every regex call.

The regex module takes a `timeout` on each call and honours it by reading the process's CPU clock
when the call starts: a system call, about 2 µs, more than most of the calls themselves, and a page
makes a few hundred. In the main thread the budget is kept instead by a CPU-time timer
(`setitimer(ITIMER_VIRTUAL)`) armed while a rule runs: when it fires, the handler raises
TimeoutError in the rule's code, and the regex module, which checks for signals as it matches,
stops there too. In any other thread, or when the process already runs a timer of that kind, the
calls carry their timeouts as before (`installed()` says which).
"""
from __future__ import annotations

import signal
import threading

_TIMER = getattr(signal, "ITIMER_VIRTUAL", None)  # none on Windows: timeouts on the calls there
_SIGNAL = getattr(signal, "SIGVTALRM", None)
_armed = False


def _ring(signum, frame) -> None:
    if _armed:  # a signal that arrives just after disarm() is ignored
        raise TimeoutError


def install():
    """Put the handler in place for one document; returns what `restore` needs, or None when the
    watchdog cannot be used here (the calls then take timeouts)."""
    if _TIMER is None or threading.current_thread() is not threading.main_thread():
        return None
    if signal.getitimer(_TIMER) != (0.0, 0.0):
        return None  # someone else's timer of this kind: leave it alone
    return (signal.signal(_SIGNAL, _ring),)


def restore(installed) -> None:
    if installed is not None:
        signal.signal(_SIGNAL, installed[0])


def arm(seconds: float) -> None:
    """Raise TimeoutError in this thread once it has spent `seconds` more of CPU time."""
    global _armed
    _armed = True
    signal.setitimer(_TIMER, max(seconds, 1e-6))


def disarm() -> None:
    global _armed
    _armed = False
    signal.setitimer(_TIMER, 0)
