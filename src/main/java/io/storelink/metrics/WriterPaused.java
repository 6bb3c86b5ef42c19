package io.storelink.metrics;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storelink.salesforce.ErrorClass;
import io.storelink.salesforce.SalesforceGate;
import org.springframework.stereotype.Component;

/**
 * {@code storelink.writer.paused} (0/1) per writer and reason, read from {@link SalesforceGate}: both writers pass the
 * same gate, which closes on a failed login ({@code reason=login}) or a used-up API allowance ({@code
 * reason=api_limit}; also while the governor's pause mode keeps the reserve of it), or a mapping that does not fit
 * the org ({@code reason=mapping}), and opens when the salesforce-recovery route's probe succeeds. Six series,
 * whatever happens.
 */
@Component
public class WriterPaused {

    static final List<String> WRITERS = List.of("orders", "fulfillments");
    static final List<ErrorClass> REASONS = List.of(ErrorClass.LOGIN, ErrorClass.API_LIMIT, ErrorClass.MAPPING);

    public WriterPaused(SalesforceGate gate, MeterRegistry meters) {
        for (String writer : WRITERS) {
            for (ErrorClass reason : REASONS) {
                Gauge.builder("storelink.writer.paused", gate, g -> pausedFor(g, reason))
                        .description("1 while the writer is paused (orders wait in Kafka), by reason")
                        .tag("writer", writer)
                        .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                        .register(meters);
            }
        }
    }

    static double pausedFor(SalesforceGate gate, ErrorClass reason) {
        SalesforceGate.Pause pause = gate.current();
        return pause != null && pause.reason() == reason ? 1 : 0;
    }
}
