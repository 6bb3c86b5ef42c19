package io.storelink.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The admin endpoints' credential: {@code Authorization: Bearer <STORELINK_ADMIN_TOKEN>}. Without a configured
 * token the endpoints do not exist (404), so nobody forgets to protect them.
 */
@Component
public class AdminToken {

    private final byte[] token;

    public AdminToken(@Value("${storelink.admin.token:}") String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public void check(String authorization) {
        if (token.length == 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "admin endpoints are disabled: set STORELINK_ADMIN_TOKEN");
        }
        String given = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).trim() : "";
        if (!MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "admin token missing or wrong");
        }
    }
}
