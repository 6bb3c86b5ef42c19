package io.storelink.shopify.admin;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The nodes of a cursor-paginated connection, fetched page by page as they are consumed (a Camel split can stream
 * them). The document takes {@code $after}; {@code $first} is the caller's largest page size: each page asks for as
 * many nodes as Shopify's bucket can hold ({@link ShopifyAdmin#pageSize}), and a page refused as too costly is
 * asked again smaller from the same cursor.
 */
public final class Pages implements Iterator<JsonNode>, Iterable<JsonNode> {

    private final ShopifyAdmin admin;
    private final String documentName;
    private final Map<String, Object> variables;
    private final String[] path;
    private Iterator<JsonNode> page;
    private boolean more = true;
    private final int ceiling;
    private int pagesRead;

    Pages(ShopifyAdmin admin, String documentName, Map<String, Object> variables, String[] path) {
        this.admin = admin;
        this.documentName = documentName;
        this.variables = variables;
        this.path = path;
        this.ceiling = variables.get("first") instanceof Number n ? n.intValue() : 0;
    }

    @Override
    public boolean hasNext() {
        while ((page == null || !page.hasNext()) && more) {
            JsonNode connection = page();
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

    private JsonNode page() {
        while (true) {
            int size = ceiling > 0 ? admin.pageSize(documentName, ceiling) : 0;
            if (size > 0) {
                variables.put("first", size);
            }
            try {
                return admin.query(documentName, variables);
            } catch (PageTooCostlyException e) {
                if (size <= 1 || admin.pageSize(documentName, ceiling) >= size) {
                    throw e; // not even one node fits, or the answer taught nothing: a smaller page would not run either
                }
            }
        }
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
