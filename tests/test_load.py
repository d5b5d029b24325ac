"""A short, bounded version of bench/load.py: a few people walk the whole journey at the same time
against one server. Only errors are checked; latency is measured and reported by bench/load.py."""

import asyncio

from bench.load import journeys_at_once

PEOPLE = 5


def test_several_people_walk_the_journey_at_once_without_errors(app_url):
    tally = asyncio.run(journeys_at_once(app_url, PEOPLE))
    assert tally.errors == []
    assert tally.journeys == PEOPLE
