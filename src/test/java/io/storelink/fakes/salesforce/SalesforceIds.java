package io.storelink.fakes.salesforce;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Record ids shaped like real ones: 3-char key prefix, pod "5g", a reserved '0', 9 base-62 digits,
 * then the 3-char case-safe checksum. Clients that shorten to 15 chars or compare 18-char ids keep working.
 */
final class SalesforceIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String CHECKSUM_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    private final AtomicLong sequence = new AtomicLong();

    String next(String keyPrefix) {
        long n = sequence.incrementAndGet();
        char[] digits = new char[9];
        for (int i = 8; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (n % 62));
            n /= 62;
        }
        return withChecksum(keyPrefix + "5g0" + new String(digits));
    }

    /** 15- or 18-char id -> canonical 18-char id; empty when it cannot be an id at all. */
    static Optional<String> normalize(String id) {
        if (id == null || (id.length() != 15 && id.length() != 18)) {
            return Optional.empty();
        }
        for (int i = 0; i < id.length(); i++) {
            if (BASE62.indexOf(id.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        String canonical = withChecksum(id.substring(0, 15));
        // An 18-char id whose suffix does not match (ignoring case, as Salesforce does) is malformed.
        if (id.length() == 18 && !canonical.substring(15).equalsIgnoreCase(id.substring(15))) {
            return Optional.empty();
        }
        return Optional.of(canonical);
    }

    static String withChecksum(String id15) {
        StringBuilder out = new StringBuilder(id15);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            out.append(CHECKSUM_CHARS.charAt(bits));
        }
        return out.toString();
    }
}
