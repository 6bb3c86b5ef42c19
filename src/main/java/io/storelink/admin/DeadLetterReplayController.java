package io.storelink.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storelink.deadletter.ReplayRun;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts and stops the dead-letter replay route (the same route Hawtio can start) and shows its progress.
 * {@code POST /admin/dead-letters/replay?errorCode=FIELD_CUSTOM_VALIDATION_EXCEPTION} replays only those.
 * Callers log in with the console credentials (HTTP Basic, {@code io.storelink.security.ConsoleSecurity}).
 */
@RestController
@RequestMapping("/admin/dead-letters/replay")
public class DeadLetterReplayController {

    private final ReplayRun replay;

    public DeadLetterReplayController(ReplayRun replay) {
        this.replay = replay;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String errorCode) throws Exception {
        if (replay.isRunning()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(status());
        }
        replay.requestErrorCode(errorCode);
        replay.startReplay();
        return ResponseEntity.accepted().body(status());
    }

    @PostMapping("/stop")
    public Map<String, Object> stop() {
        replay.stopReplay();
        return status();
    }

    @GetMapping
    public Map<String, Object> get() {
        return status();
    }

    private Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("running", replay.isRunning());
        s.put("errorCode", replay.errorCode());
        s.put("startedAt", replay.startedAt() == null ? null : replay.startedAt().toString());
        s.put("replayed", replay.replayed());
        s.put("kept", replay.kept());
        return s;
    }
}
