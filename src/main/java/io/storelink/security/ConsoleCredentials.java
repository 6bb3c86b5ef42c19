package io.storelink.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one operator credential of the HTTP port ({@code STORELINK_CONSOLE_USERNAME} / {@code _PASSWORD}): HTTP Basic on
 * the actuator and admin endpoints and Hawtio's login form both check it here. Unset (either part blank) means
 * nobody can log in and the console is off.
 */
@Component
public class ConsoleCredentials {

    private final byte[] user;
    private final byte[] password;

    public ConsoleCredentials(@Value("${storelink.console.username}") String username,
            @Value("${storelink.console.password}") String password) {
        boolean both = !username.isBlank() && !password.isBlank();
        this.user = both ? digest(username) : null;
        this.password = both ? digest(password) : null;
    }

    public boolean configured() {
        return user != null;
    }

    /** Constant-time comparison of fixed-length digests, so neither the length nor a common prefix leaks. */
    public boolean matches(String username, String password) {
        if (!configured() || username == null || password == null) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(user, digest(username));
        boolean passwordOk = MessageDigest.isEqual(this.password, digest(password));
        return userOk & passwordOk;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
