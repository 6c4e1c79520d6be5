"""The watchdog keeps a rule's time on the main thread; elsewhere the regex calls carry timeouts."""
import signal
import threading

import pytest

from cleaner import watchdog
from cleaner.clean import clean_text
from cleaner.config import CleanConfig
from cleaner.errors import RuleTimeout
from cleaner.rules import load_rules

_SLOW = '''[[rule]]
id = "slow.backtrack"
description = "A pattern that backtracks exponentially."
scope = "line"
action = "drop-line"
pattern = '^(a|aa)+$'
must_match = ["aaa"]
must_not_match = ["b"]
'''
_PAGE = "a" * 40 + "b\n"


@pytest.fixture
def slow_rules(tmp_path):
    path = tmp_path / "slow.toml"
    path.write_text(_SLOW, encoding="utf-8")
    return load_rules([path])


def test_a_catastrophic_pattern_times_out_naming_rule_and_document(slow_rules):
    """On the main thread only the watchdog can stop it: the calls carry no timeout there."""
    before = signal.getsignal(signal.SIGVTALRM)
    assert watchdog.install() is not None
    watchdog.restore((before,))
    with pytest.raises(RuleTimeout) as caught:
        clean_text(_PAGE, slow_rules, CleanConfig(regex_timeout=0.2), doc="scrape/page.txt")
    assert str(caught.value) == "scrape/page.txt: rule slow.backtrack timed out after 0.2s; document skipped"
    assert signal.getsignal(signal.SIGVTALRM) is before
    assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)  # disarmed


def test_another_thread_times_out_through_the_calls(slow_rules):
    caught = []

    def clean():
        assert watchdog.install() is None  # not the main thread: no signal handler there
        try:
            clean_text(_PAGE, slow_rules, CleanConfig(regex_timeout=0.2), doc="page.txt")
        except RuleTimeout as exc:
            caught.append(str(exc))

    worker = threading.Thread(target=clean)
    worker.start()
    worker.join(timeout=30)
    assert caught == ["page.txt: rule slow.backtrack timed out after 0.2s; document skipped"]


def test_a_timer_of_someone_else_is_left_running(slow_rules):
    fired = []
    previous = signal.signal(signal.SIGVTALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_VIRTUAL, 60)
        assert watchdog.install() is None
        with pytest.raises(RuleTimeout):  # the calls' own timeouts still stop the rule
            clean_text(_PAGE, slow_rules, CleanConfig(regex_timeout=0.2), doc="page.txt")
        left, _interval = signal.getitimer(signal.ITIMER_VIRTUAL)
        assert 0 < left <= 60 and fired == []
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def test_a_signal_after_disarm_is_ignored():
    installed = watchdog.install()
    try:
        watchdog.arm(10)
        watchdog.disarm()
        signal.raise_signal(signal.SIGVTALRM)  # late: the rule has finished
    finally:
        watchdog.restore(installed)
