package dev.durable.workflow.engine;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock whose time the test controls. */
abstract class TestClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
