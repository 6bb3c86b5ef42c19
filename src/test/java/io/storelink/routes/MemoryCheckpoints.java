package io.storelink.routes;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.storelink.kafka.Checkpoints;

/** The pollers' checkpoints in memory instead of on the compacted Kafka topic. */
class MemoryCheckpoints extends Checkpoints {

    final Map<String, Instant> written = new ConcurrentHashMap<>();

    MemoryCheckpoints() {
        super(null, "storelink.checkpoints");
    }

    @Override
    public Optional<Instant> read(String job) {
        return Optional.ofNullable(written.get(job));
    }

    @Override
    public void write(String job, Instant at) {
        written.put(job, at);
    }
}
