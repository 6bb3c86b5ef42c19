package io.storelink.lineitems;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The ids of the Standard Price Book and of the configured one (the same when none is configured), read once with
 * one SOQL query and kept: Pricebook2 has no external id a lookup could name, and the Opportunity's Pricebook2Id and
 * every PricebookEntry need the id. The start-up mapping check reads them ({@link LineItemsCheck}); a re-check reads
 * again. Salesforce's rule: a product gets a price in a custom price book only once it has a standard price.
 */
@Component
public class PriceBooks {

    /** The standard price book's id and the id of the one the lines are priced in. */
    public record Ids(String standard, String book) {
        public boolean custom() {
            return !standard.equals(book);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LineItemSettings settings;
    private final CamelContext camel;
    private volatile Ids ids;
    private volatile ProducerTemplate producer;

    public PriceBooks(LineItemSettings settings, CamelContext camel) {
        this.settings = settings;
        this.camel = camel;
    }

    /** The ids, reading them first if not read yet; a price book the org does not have throws. */
    public Ids ids() throws Exception {
        Ids known = ids;
        if (known != null) {
            return known;
        }
        List<String> problems = read();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.get(0));
        }
        return ids;
    }

    /** The ids if read already, else null (never asks Salesforce). */
    Ids known() {
        return ids;
    }

    /** For tests and checks without Salesforce: the ids as given. */
    public void use(Ids known) {
        ids = known;
    }

    /** Reads the ids again (at a mapping check); returns what is wrong, with the fix. */
    public synchronized List<String> read() throws Exception {
        String soql = "SELECT Id, Name, IsStandard, IsActive FROM Pricebook2 WHERE IsStandard = true"
                + (settings.standardPriceBook() ? "" : " OR Name = '" + soqlText(settings.priceBook()) + "'");
        return found(query(soql).path("records"));
    }

    /** The ids from the query's records, kept when nothing is wrong; else what is wrong, with the fix. */
    List<String> found(JsonNode records) {
        JsonNode standard = null;
        JsonNode book = null;
        for (JsonNode r : records) {
            if (r.path("IsStandard").asBoolean(false)) {
                standard = r;
            }
            if (!settings.standardPriceBook() && settings.priceBook().equalsIgnoreCase(r.path("Name").asText())) {
                book = r;
            }
        }
        if (settings.standardPriceBook()) {
            book = standard;
        }
        List<String> problems = new ArrayList<>();
        if (standard == null) {
            problems.add("storelink.mapping.line-items: the org has no Standard Price Book (Pricebook2 with IsStandard) "
                    + "the integration user can read: grant it read access to Price Books");
        }
        if (!settings.standardPriceBook() && book == null) {
            problems.add("storelink.mapping.line-items.price-book: the org has no price book named '" + settings.priceBook()
                    + "': create it in Salesforce (Price Books) or set price-book to \"\" for the Standard Price Book");
        }
        if (book != null && !book.path("IsActive").asBoolean(false)) {
            // an Opportunity takes only an active price book (UNCONFIRMED which error Salesforce gives otherwise)
            problems.add("storelink.mapping.line-items.price-book: the price book '" + book.path("Name").asText()
                    + "' is not active: activate it in Salesforce (Price Books, Edit, Active)");
        }
        ids = problems.isEmpty() ? new Ids(standard.path("Id").asText(), book.path("Id").asText()) : null;
        return problems;
    }

    private JsonNode query(String soql) throws Exception {
        try {
            String body = producer().requestBodyAndHeader("salesforce:query?rawPayload=true", null, "sObjectQuery", soql, String.class);
            return JSON.readTree(body);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e; // classified like any writer call (login, limits)
        }
    }

    /**
     * A PricebookEntry's external id: price book, product, and currency in a multi-currency org. Shared by the live
     * lines call and the backfill, so an entry either made is found by the other.
     */
    public static String entryKey(String priceBookId, String variantKey, String currency, boolean multiCurrency) {
        return priceBookId + ":" + variantKey + (multiCurrency && currency != null ? ":" + currency : "");
    }

    /** A SOQL string literal's content: quotes and backslashes escaped. */
    static String soqlText(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = camel.createProducerTemplate();
        }
        return producer;
    }
}
