package io.storelink.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers 401 and logs wrong credentials (method, path, remote address; never the user name or password, which may
 * be a password typed into the wrong field). Missing credentials are not logged: probes and browsers send none first.
 */
final class RejectedCredentialsEntryPoint implements AuthenticationEntryPoint {

    private static final Logger LOG = LoggerFactory.getLogger(RejectedCredentialsEntryPoint.class);

    private final AuthenticationEntryPoint answer;

    RejectedCredentialsEntryPoint(AuthenticationEntryPoint answer) {
        this.answer = answer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, jakarta.servlet.ServletException {
        if (failure instanceof BadCredentialsException) {
            LOG.warn("Rejected wrong console credentials for {} {} from {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteAddr());
        }
        answer.commence(request, response, failure);
    }
}
