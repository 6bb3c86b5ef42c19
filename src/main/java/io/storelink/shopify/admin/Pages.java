package io.storelink.shopify.admin;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The nodes of a cursor-paginated connection, fetched page by page as they are consumed (a Camel split can stream
 * them). The document takes {@code $after}; {@code $first} is the caller's page size.
 */
public final class Pages implements Iterator<JsonNode>, Iterable<JsonNode> {

    private final ShopifyAdmin admin;
    private final String documentName;
    private final Map<String, Object> variables;
    private final String[] path;
    private Iterator<JsonNode> page;
    private boolean more = true;
    private int pagesRead;

    Pages(ShopifyAdmin admin, String documentName, Map<String, Object> variables, String[] path) {
        this.admin = admin;
        this.documentName = documentName;
        this.variables = variables;
        this.path = path;
    }

    @Override
    public boolean hasNext() {
        while ((page == null || !page.hasNext()) && more) {
            JsonNode connection = admin.query(documentName, variables);
            for (String field : path) {
                connection = connection.path(field);
            }
            if (connection.isMissingNode() || connection.isNull()) {
                throw new ShopifyAdminException(documentName + ": no " + String.join(".", path) + " in Shopify's answer");
            }
            pagesRead++;
            page = connection.path("nodes").iterator();
            JsonNode info = connection.path("pageInfo");
            more = info.path("hasNextPage").asBoolean(false) && info.hasNonNull("endCursor");
            if (more) {
                variables.put("after", info.get("endCursor").asText());
            }
        }
        return page != null && page.hasNext();
    }

    @Override
    public JsonNode next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.next();
    }

    @Override
    public Iterator<JsonNode> iterator() {
        return this;
    }

    public int pagesRead() {
        return pagesRead;
    }
}
