package io.storelink.fakes.salesforce;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a JWT bearer assertion as Salesforce does ("OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration",
 * help.salesforce.com, remoteaccess_oauth_jwt_flow): an RS256 signature by the key of the certificate uploaded to
 * the app named by iss, aud one of the accepted login hosts, exp not past. Camel sends base64url with padding and
 * exp as a JSON string, both of which Salesforce accepts. The user checks (sub approved, active) are OAuth's.
 */
final class JwtBearer {

    /** A verified assertion: the client id and the username it logs in as. */
    record Claims(String issuer, String subject) {
    }

    /** Why an assertion is refused: the OAuth error and description Salesforce sends. */
    static final class Refused extends Exception {
        final String error;
        final String description;

        Refused(String error, String description) {
            super(error + ": " + description, null, false, false);
            this.error = error;
            this.description = description;
        }
    }

    private JwtBearer() {
    }

    static Claims verify(String assertion, Function<String, PublicKey> keys, Set<String> audiences) throws Refused {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw invalidAssertion();
        }
        Map<?, ?> header = object(parts[0]);
        Map<?, ?> claims = object(parts[1]);
        if (!"RS256".equals(header.get("alg"))) {
            throw invalidAssertion();
        }
        String issuer = text(claims.get("iss"));
        PublicKey key = issuer == null ? null : keys.apply(issuer);
        if (key == null) {
            throw new Refused("invalid_client_id", "client identifier invalid");
        }
        if (!signedBy(key, parts)) {
            throw invalidAssertion();
        }
        if (!audienceAccepted(claims.get("aud"), audiences)) {
            throw new Refused("invalid_grant", "audience is invalid");
        }
        Long exp = epochSeconds(claims.get("exp"));
        if (exp == null || exp <= Instant.now().getEpochSecond()) {
            throw invalidAssertion();
        }
        String subject = text(claims.get("sub"));
        if (subject == null) {
            throw invalidAssertion();
        }
        return new Claims(issuer, subject);
    }

    private static boolean signedBy(PublicKey key, String[] parts) throws Refused {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(decode(parts[2]));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean audienceAccepted(Object aud, Set<String> audiences) {
        if (aud instanceof Collection<?> list) {
            return list.stream().map(JwtBearer::text).anyMatch(audiences::contains);
        }
        return audiences.contains(text(aud));
    }

    /** exp as a JSON number or as a numeric string (Camel's form). */
    private static Long epochSeconds(Object exp) {
        try {
            if (exp instanceof Number n) {
                return new BigDecimal(n.toString()).longValue();
            }
            return exp instanceof String s ? new BigDecimal(s.trim()).longValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<?, ?> object(String part) throws Refused {
        try {
            if (Json.MAPPER.readValue(decode(part), Object.class) instanceof Map<?, ?> map) {
                return map;
            }
        } catch (java.io.IOException e) {
            // falls through
        }
        throw invalidAssertion();
    }

    private static byte[] decode(String part) throws Refused {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw invalidAssertion();
        }
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static Refused invalidAssertion() {
        return new Refused("invalid_grant", "invalid assertion");
    }

}
