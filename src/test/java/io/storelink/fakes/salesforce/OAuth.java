package io.storelink.fakes.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The token endpoint: registered credentials per grant, issued access tokens, revocation and forced expiry, and
 * the login faults Salesforce answers with. Error codes and descriptions are Salesforce's wire values: "OAuth 2.0
 * Authorization Errors" (help.salesforce.com, remoteaccess_oauth_flow_errors: invalid_grant "expired
 * access/refresh token" for the refresh token flow), the JWT bearer flow page (remoteaccess_oauth_jwt_flow), and
 * what the token endpoint is widely reported to send: invalid_grant "request not supported on this domain"
 * (client credentials on login/test.salesforce.com), "user hasn't approved this consumer", "audience is invalid",
 * "ip restricted or invalid login hours", inactive_user, unsupported_grant_type "grant type not supported".
 */
final class OAuth {

    static final String ORG_ID = "00D000000000001AAA";
    static final String USER_ID = "005000000000001AAA";
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Set<String> GRANTS = Set.of("password", "client_credentials", "refresh_token", JWT_BEARER);

    private record Client(String id, String secret) {
    }

    private record User(Client client, String username, String password) {
    }

    private record RefreshToken(String clientId, String token) {
    }

    /** Login outcome: HTTP status and the JSON body to send. */
    record Result(int status, Map<String, Object> body) {
    }

    private final List<Client> clientCredentials = new CopyOnWriteArrayList<>();
    private final List<User> users = new CopyOnWriteArrayList<>();
    private final Map<String, String> refreshAppSecrets = new ConcurrentHashMap<>();
    private final Set<String> refreshSecretRequired = ConcurrentHashMap.newKeySet();
    private final Set<RefreshToken> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, PublicKey> jwtKeys = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> jwtApproved = new ConcurrentHashMap<>();
    private final Set<String> jwtAudiences = ConcurrentHashMap.newKeySet();
    private final Set<String> inactiveUsers = ConcurrentHashMap.newKeySet();
    private final Set<String> disabledGrants = ConcurrentHashMap.newKeySet();
    private final Set<String> valid = ConcurrentHashMap.newKeySet();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean rejectAll;
    private volatile boolean genericLoginHost;
    private volatile boolean ipRestricted;

    void acceptClientCredentials(String clientId, String clientSecret) {
        clientCredentials.add(new Client(clientId, clientSecret));
    }

    void acceptPassword(String clientId, String clientSecret, String username, String password) {
        users.add(new User(new Client(clientId, clientSecret), username, password));
    }

    void acceptRefreshToken(String clientId, String clientSecret, String refreshToken) {
        refreshAppSecrets.put(clientId, Objects.toString(clientSecret, "")); // every app has one; "" = none registered
        refreshTokens.add(new RefreshToken(clientId, refreshToken));
    }

    void requireSecretForRefreshToken(String clientId) {
        refreshSecretRequired.add(clientId);
    }

    void revokeRefreshToken(String refreshToken) {
        refreshTokens.removeIf(t -> t.token().equals(refreshToken));
    }

    void acceptJwt(String clientId, PublicKey certificateKey, List<String> preApprovedUsernames) {
        jwtKeys.put(clientId, certificateKey);
        jwtApproved.computeIfAbsent(clientId, id -> ConcurrentHashMap.newKeySet()).addAll(preApprovedUsernames);
    }

    void jwtAudiences(List<String> audiences) {
        jwtAudiences.clear();
        jwtAudiences.addAll(audiences);
    }

    void rejectAll(boolean reject) {
        rejectAll = reject;
    }

    void genericLoginHost(boolean generic) {
        genericLoginHost = generic;
    }

    void ipRestricted(boolean restricted) {
        ipRestricted = restricted;
    }

    void deactivate(String username) {
        inactiveUsers.add(username);
    }

    void disableGrant(String grantType) {
        disabledGrants.add(grantType);
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
        if (!GRANTS.contains(grant) || disabledGrants.contains(grant)) {
            return error("unsupported_grant_type", "grant type not supported");
        }
        if (rejectAll) {
            return error("invalid_grant", "authentication failure");
        }
        if ("client_credentials".equals(grant) && genericLoginHost) {
            return error("invalid_grant", "request not supported on this domain");
        }
        if (ipRestricted) {
            return error("invalid_grant", "ip restricted or invalid login hours");
        }
        Result result = switch (grant) {
            case "refresh_token" -> refresh(clientId, secret, form.get("refresh_token"));
            case JWT_BEARER -> jwt(form.get("assertion"));
            default -> secretGrant(grant, clientId, secret, form);
        };
        return result != null ? result : issue(instanceUrl);
    }

    /** client_credentials and password: both need the client secret. Null when the login succeeds. */
    private Result secretGrant(String grant, String clientId, String secret, Map<String, String> form) {
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
            return clientCredentials.contains(presented) ? null : error("invalid_grant", "no client credentials user enabled");
        }
        if (inactiveUsers.contains(form.get("username"))) {
            return error("inactive_user", "user is inactive");
        }
        User wanted = new User(presented, form.get("username"), form.get("password"));
        return users.contains(wanted) ? null : error("invalid_grant", "authentication failure");
    }

    private Result refresh(String clientId, String secret, String refreshToken) {
        if (clientId == null || !refreshAppSecrets.containsKey(clientId)) {
            return error("invalid_client_id", "client identifier invalid");
        }
        boolean given = secret != null && !secret.isEmpty();
        if (given ? !secret.equals(refreshAppSecrets.get(clientId)) : refreshSecretRequired.contains(clientId)) {
            return error("invalid_client", "invalid client credentials");
        }
        if (refreshToken == null || !refreshTokens.contains(new RefreshToken(clientId, refreshToken))) {
            return error("invalid_grant", "expired access/refresh token");
        }
        return null;
    }

    private Result jwt(String assertion) {
        JwtBearer.Claims claims;
        try {
            claims = JwtBearer.verify(assertion, jwtKeys::get, Set.copyOf(jwtAudiences));
        } catch (JwtBearer.Refused e) {
            return error(e.error, e.description);
        }
        if (!jwtApproved.getOrDefault(claims.issuer(), Set.of()).contains(claims.subject())) {
            return error("invalid_grant", "user hasn't approved this consumer");
        }
        if (inactiveUsers.contains(claims.subject())) {
            return error("inactive_user", "user is inactive");
        }
        return null;
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
        if (token != null && refreshTokens.removeIf(t -> Objects.equals(t.token(), token))) {
            return new Result(200, null); // revoking a refresh token ends it (and its sessions, in Salesforce)
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
