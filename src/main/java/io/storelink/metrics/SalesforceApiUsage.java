package io.storelink.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * {@code storelink.salesforce.api.used} and {@code storelink.salesforce.api.limit}: the org's rolling 24-hour API
 * usage as Salesforce reports it on every REST answer ({@code Sforce-Limit-Info: api-usage=25/15000}).
 * camel-salesforce copies {@code Sforce-*} response headers onto the message, so this Camel event notifier reads the
 * header after every send to a {@code salesforce:} endpoint (writers, pollers, the pause probe) instead of each
 * route doing it. Both gauges are NaN until Salesforce has answered once. The governor
 * ({@link io.storelink.salesforce.AllowanceGovernor}) reads the same values.
 */
@Component
public class SalesforceApiUsage extends EventNotifierSupport {

    static final String HEADER = "Sforce-Limit-Info";
    // api-usage only, not per-app-api-usage=17/250(appName=...)
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[\\s;,])api-usage=(\\d+)/(\\d+)");

    private final AtomicLong used = new AtomicLong(-1);
    private final AtomicLong limit = new AtomicLong(-1);

    public SalesforceApiUsage(MeterRegistry meters) {
        Gauge.builder("storelink.salesforce.api.used", used, SalesforceApiUsage::known)
                .description("Salesforce API calls used in the rolling 24 h (Sforce-Limit-Info)").register(meters);
        Gauge.builder("storelink.salesforce.api.limit", limit, SalesforceApiUsage::known)
                .description("Salesforce API calls allowed in the rolling 24 h (Sforce-Limit-Info)").register(meters);
        // only sends are of interest (Camel fires the sent event only when a notifier took the sending one)
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return (event instanceof ExchangeSendingEvent sending && sending.getEndpoint() instanceof SalesforceEndpoint)
                || (event instanceof ExchangeSentEvent sent && sent.getEndpoint() instanceof SalesforceEndpoint);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event instanceof ExchangeSentEvent sent) {
            record(sent.getExchange().getMessage().getHeader(HEADER, String.class));
        }
    }

    /** Takes the usage from one header value; ignores anything else. */
    public void record(String header) {
        Matcher m = API_USAGE.matcher(header == null ? "" : header);
        if (m.find()) {
            used.set(Long.parseLong(m.group(1)));
            limit.set(Long.parseLong(m.group(2)));
        }
    }

    /** Calls used in the rolling 24 h as last reported; -1 until Salesforce has answered. */
    public long used() {
        return used.get();
    }

    /** The org's 24 h allowance as last reported; -1 until Salesforce has answered. */
    public long limit() {
        return limit.get();
    }

    private static double known(AtomicLong value) {
        long v = value.get();
        return v < 0 ? Double.NaN : v;
    }
}
