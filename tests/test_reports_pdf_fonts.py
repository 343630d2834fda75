"""The PDF renderer keeps one font configuration per thread between renders (speed)."""

import threading

from claims.reports import pdf


def test_it_reuses_the_font_configuration_within_a_thread():
    assert pdf._font_config() is pdf._font_config()


def test_each_thread_gets_its_own_font_configuration():
    # Pango's font map is not thread-safe: threads must not share one.
    seen = []
    thread = threading.Thread(target=lambda: seen.append(pdf._font_config()))
    thread.start()
    thread.join()

    assert seen[0] is not pdf._font_config()
