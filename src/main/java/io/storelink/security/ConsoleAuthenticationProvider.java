package io.storelink.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks HTTP Basic against {@link ConsoleCredentials}. Written instead of Spring Boot's in-memory user
 * ({@code spring.security.user.*}) because that one invents a user and logs a generated password when none is set,
 * while here an unset credential must mean "nobody gets in"; and the same check serves Hawtio's JAAS login.
 */
@Component
public class ConsoleAuthenticationProvider implements AuthenticationProvider {

    static final String ROLE = "storelink-console";

    private final ConsoleCredentials credentials;

    public ConsoleAuthenticationProvider(ConsoleCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object password = authentication.getCredentials();
        if (!credentials.matches(user, password == null ? null : password.toString())) {
            throw new BadCredentialsException("wrong console credentials");
        }
        return UsernamePasswordAuthenticationToken.authenticated(user, null, List.of(new SimpleGrantedAuthority(ROLE)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
