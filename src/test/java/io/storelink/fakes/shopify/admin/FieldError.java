package io.storelink.fakes.shopify.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/** Thrown by a data fetcher; {@link Guard} turns it into a GraphQL error at the field's path, as Shopify reports them. */
final class FieldError extends RuntimeException {

    final transient Map<String, Object> extensions;

    private FieldError(String message, Map<String, Object> extensions) {
        super(message, null, false, false);
        this.extensions = extensions;
    }

    static FieldError badRequest(String message) {
        return new FieldError(message, code("BAD_REQUEST"));
    }

    /** A field or argument the fake does not model: fail loudly rather than answer something Shopify would not. */
    static FieldError notModelled(String what) {
        return new FieldError("FakeShopifyAdmin does not model " + what, code("FAKE_NOT_MODELLED"));
    }

    private static Map<String, Object> code(String code) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        return m;
    }
}
