package io.storelink.fakes.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The token endpoint: registered credentials, issued access tokens, revocation and forced expiry. */
final class OAuth {

    static final String ORG_ID = "00D000000000001AAA";
    static final String USER_ID = "005000000000001AAA";

    private record Client(String id, String secret) {
    }

    private record User(Client client, String username, String password) {
    }

    /** Login outcome: HTTP status and the JSON body to send. */
    record Result(int status, Map<String, Object> body) {
    }

    private final List<Client> clientCredentials = new CopyOnWriteArrayList<>();
    private final List<User> users = new CopyOnWriteArrayList<>();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean rejectAll;

    void acceptClientCredentials(String clientId, String clientSecret) {
        clientCredentials.add(new Client(clientId, clientSecret));
    }

    void acceptPassword(String clientId, String clientSecret, String username, String password) {
        users.add(new User(new Client(clientId, clientSecret), username, password));
    }

    void rejectAll(boolean reject) {
        rejectAll = reject;
    }

    /** POST /services/oauth2/token; {@code basicAuth} is the decoded "id:secret" of an Authorization: Basic header, or null. */
    Result token(Map<String, String> form, String basicAuth, String instanceUrl) {
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (basicAuth != null && basicAuth.contains(":")) {
            int colon = basicAuth.indexOf(':');
            clientId = ApiRequest.decodeForm(basicAuth.substring(0, colon));
            secret = ApiRequest.decodeForm(basicAuth.substring(colon + 1));
        }
        String grant = form.get("grant_type");
        if (!"password".equals(grant) && !"client_credentials".equals(grant)) {
            return error("unsupported_grant_type", "grant type not supported");
        }
        if (rejectAll) {
            return error("invalid_grant", "authentication failure");
        }
        String id = clientId;
        boolean knownClient = clientCredentials.stream().anyMatch(c -> c.id().equals(id))
                || users.stream().anyMatch(u -> u.client().id().equals(id));
        if (!knownClient) {
            return error("invalid_client_id", "client identifier invalid");
        }
        Client presented = new Client(clientId, secret);
        boolean secretOk = clientCredentials.contains(presented) || users.stream().anyMatch(u -> u.client().equals(presented));
        if (!secretOk) {
            return error("invalid_client", "invalid client credentials");
        }
        if ("client_credentials".equals(grant)) {
            if (!clientCredentials.contains(presented)) {
                return error("invalid_grant", "no client credentials user enabled");
            }
        } else {
            User wanted = new User(presented, form.get("username"), form.get("password"));
            if (!users.contains(wanted)) {
                return error("invalid_grant", "authentication failure");
            }
        }
        return issue(instanceUrl);
    }

    private Result issue(String instanceUrl) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        // real tokens are "<15-char org id>!<opaque>"
        String token = ORG_ID.substring(0, 15) + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        valid.add(token);
        String issuedAt = Long.toString(System.currentTimeMillis());
        String id = instanceUrl + "/id/" + ORG_ID + "/" + USER_ID;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("signature", Base64.getEncoder().encodeToString((id + issuedAt).getBytes(StandardCharsets.UTF_8)));
        body.put("scope", "api");
        body.put("instance_url", instanceUrl);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        return new Result(200, body);
    }

    /** GET or POST /services/oauth2/revoke?token=...; unknown tokens get Salesforce's 400. */
    Result revoke(String token) {
        if (token != null && (valid.remove(token) || expired.remove(token))) {
            return new Result(200, null);
        }
        return error("unsupported_token_type", "this token type is not supported");
    }

    boolean isValid(String token) {
        return token != null && valid.contains(token);
    }

    /** Whether the token died by {@link Faults#expireSessions()} (so its 401 counts as an injected fault). */
    boolean wasExpired(String token) {
        return token != null && expired.contains(token);
    }

    void expireAll() {
        expired.addAll(valid);
        valid.removeAll(expired);
    }

    private static Result error(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return new Result(400, body);
    }
}
