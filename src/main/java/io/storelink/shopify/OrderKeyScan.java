package io.storelink.shopify;

import java.nio.charset.StandardCharsets;

/**
 * The fast path of {@link OrderPartitionKey}: finds the top-level {@code customer} object's {@code id} (else the
 * top-level {@code id}) by walking the bytes, without tokenizing what it skips.
 * <p>
 * Why not only Jackson: its streaming parser reads every field name of every object it skips, and Shopify puts
 * {@code customer} after the line items (~85 % into the body). On a cold JVM that parse was 11 % of a webhook's CPU
 * (BENCHMARKS.md, "Cold start"); this loop is one method the JIT compiles within the first request. It answers only
 * what it is sure of: anything unusual (an escaped key or id, a token that is not JSON, a body cut short) gives
 * {@link #UNSURE} and Jackson decides. For well-formed JSON the key is Jackson's (OrderKeyScanTest compares both);
 * a malformed body (the writer dead-letters it) may get a key where Jackson would have given none.
 */
final class OrderKeyScan {

    /** Returned (compared by identity) when the bytes are not plain enough for this scan: the caller parses them. */
    static final String UNSURE = new String("unsure");

    private final byte[] b;
    private int i;
    private int keyStart;
    private int keyEnd;

    private OrderKeyScan(byte[] body) {
        this.b = body;
    }

    /** The customer's id, else the order's id (last one, as Jackson reads it), null for neither, or {@link #UNSURE}. */
    static String key(byte[] body) {
        try {
            return new OrderKeyScan(body).top();
        } catch (Unsure | ArrayIndexOutOfBoundsException e) {
            return UNSURE;
        }
    }

    private String top() {
        ws();
        expect('{');
        ws();
        String orderId = null;
        if (b[i] == '}') {
            return null;
        }
        do {
            member();
            if (is("customer") && b[i] == '{') {
                String customerId = customerId();
                if (customerId != null) {
                    return customerId;
                }
            } else if (is("id") && b[i] != '{' && b[i] != '[') {
                orderId = scalar();
            } else {
                value();
            }
        } while (more());
        return orderId;
    }

    /** At the customer object's '{': its last non-null scalar id (as Jackson), or null; leaves i after the object. */
    private String customerId() {
        i++;
        ws();
        String id = null;
        if (b[i] != '}') {
            do {
                member();
                if (is("id") && b[i] != '{' && b[i] != '[' && b[i] != 'n') {
                    id = scalar();
                } else {
                    value();
                }
            } while (more());
        }
        i++;
        return id;
    }

    /** At a member: reads its key and ':', stops at the value; the key's bytes are [keyStart, keyEnd). */
    private void member() {
        keyStart = i + 1;
        keyEnd = plainString(); // an escaped key is unsure: its bytes would not be its name
        ws();
        expect(':');
        ws();
    }

    /** After a member's value: true past the ',' when another follows, false at the object's '}' (not consumed). */
    private boolean more() {
        ws();
        if (b[i] == '}') {
            return false;
        }
        expect(',');
        ws();
        return true;
    }

    /** A string, number, true, false or null as Jackson's getText gives it; unsure for an escaped string. */
    private String scalar() {
        int start = i;
        if (b[i] == '"') {
            int end = plainString();
            return new String(b, start + 1, end - start - 1, StandardCharsets.UTF_8);
        }
        boolean number = true;
        while (b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] > ' ') {
            byte c = b[i++];
            number &= (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
        }
        String text = new String(b, start, i - start, StandardCharsets.US_ASCII);
        if (text.isEmpty() || !(number || text.equals("true") || text.equals("false") || text.equals("null"))) {
            throw new Unsure();
        }
        return text;
    }

    /** A string without escapes: returns the index of its closing quote. */
    private int plainString() {
        int start = i;
        int end = string();
        for (int k = start + 1; k < end; k++) {
            if (b[k] == '\\') {
                throw new Unsure();
            }
        }
        return end;
    }

    /** Skips any value; objects and arrays by their brackets, minding strings. */
    private void value() {
        byte c = b[i];
        if (c == '"') {
            string();
        } else if (c == '{' || c == '[') {
            int depth = 0;
            do {
                c = b[i];
                if (c == '"') {
                    string();
                    continue;
                }
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                }
                i++;
            } while (depth > 0);
        } else {
            scalar();
        }
    }

    /** At a '"': moves past the closing quote and returns the index of that quote. */
    private int string() {
        if (b[i] != '"') {
            throw new Unsure();
        }
        i++;
        while (b[i] != '"') {
            if (b[i] == '\\') {
                i++;
            }
            i++;
        }
        return i++;
    }

    /** Whether the last member's key is this name. */
    private boolean is(String name) {
        if (keyEnd - keyStart != name.length()) {
            return false;
        }
        for (int k = 0; k < name.length(); k++) {
            if (b[keyStart + k] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void ws() {
        while (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
            i++;
        }
    }

    private void expect(char c) {
        if (b[i] != c) {
            throw new Unsure();
        }
        i++;
    }

    /** Not plain enough to be sure: Jackson decides. */
    private static final class Unsure extends RuntimeException {
        Unsure() {
            super(null, null, false, false);
        }
    }
}
