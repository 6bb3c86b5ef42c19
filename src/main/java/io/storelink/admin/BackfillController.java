package io.storelink.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import io.storelink.backfill.run.BackfillRequest;
import io.storelink.backfill.run.BackfillRun;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts, watches and stops a backfill (route {@code backfill-run}, the one Hawtio shows):
 * {@code POST /admin/backfill?since=2023-01-01[&until=...][&dryRun=true]} or {@code ?resume=true}; {@code GET} its
 * progress; {@code POST /admin/backfill/stop}. Callers log in with the console credentials (HTTP Basic,
 * {@code io.storelink.security.ConsoleSecurity}).
 */
@RestController
@RequestMapping("/admin/backfill")
public class BackfillController {

    private final BackfillRun run;

    public BackfillController(BackfillRun run) {
        this.run = run;
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> start(@RequestParam(required = false) String since,
            @RequestParam(required = false) String until, @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "false") boolean resume) throws Exception {
        BackfillRequest request;
        try {
            request = new BackfillRequest(BackfillRequest.time(since, "since"), BackfillRequest.time(until, "until"), dryRun, resume);
        } catch (IllegalArgumentException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage().replace("--", ""));
            return ResponseEntity.badRequest().body(error);
        }
        if (!run.start(request)) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(run.status());
        }
        return ResponseEntity.accepted().body(run.status());
    }

    @PostMapping("/stop")
    public Map<String, Object> stop() {
        run.stop();
        return run.status();
    }

    @GetMapping
    public Map<String, Object> get() {
        return run.status();
    }
}
