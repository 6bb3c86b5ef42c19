package io.storelink.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hawtio's login servlet stores the logged-in user in whatever session the request already has; a session id
 * planted before the login would then be logged in too (session fixation). Spring Security's protection against
 * that only covers its own logins, so the id is changed here before Hawtio's form is checked.
 */
final class HawtioLoginNewSession extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/actuator/hawtio/auth/login"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        chain.doFilter(request, response);
    }
}
