package io.storelink.backfill.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.storelink.kafka.Checkpoints;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The backfill's checkpoint, one JSON document under one key of the pollers' compacted checkpoint topic. */
@Component
public class BackfillCheckpoints {

    private final Checkpoints checkpoints;
    private final ObjectMapper json;
    private final String key;

    public BackfillCheckpoints(Checkpoints checkpoints, ObjectMapper json, @Value("${storelink.backfill.checkpoint-key}") String key) {
        this.checkpoints = checkpoints;
        this.json = json;
        this.key = key;
    }

    public Optional<BackfillCheckpoint> last() {
        return checkpoints.readText(key).map(text -> {
            try {
                return json.readValue(text, BackfillCheckpoint.class);
            } catch (IOException e) {
                throw new UncheckedIOException("the backfill checkpoint (" + key + ") is not readable", e);
            }
        });
    }

    public void save(BackfillCheckpoint checkpoint) {
        try {
            checkpoints.writeText(key, json.writeValueAsString(checkpoint));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
