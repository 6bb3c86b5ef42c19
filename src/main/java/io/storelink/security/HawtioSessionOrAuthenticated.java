package io.storelink.security;

import java.util.function.Supplier;

import javax.security.auth.Subject;

import jakarta.servlet.http.HttpSession;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Jolokia answers the Hawtio console, which holds a session from Hawtio's own login form (Hawtio keeps the logged-in
 * JAAS subject in the session attribute {@code subject}), and scripts with HTTP Basic. Either lets a request
 * through here; Hawtio's AuthenticationFilter checks it again behind. Without this, a request without any
 * credentials would get Hawtio's 403 instead of the 401 every other protected endpoint answers.
 */
final class HawtioSessionOrAuthenticated implements AuthorizationManager<RequestAuthorizationContext> {

    private final AuthenticatedAuthorizationManager<RequestAuthorizationContext> authenticated =
            AuthenticatedAuthorizationManager.authenticated();

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpSession session = context.getRequest().getSession(false);
        if (session != null && session.getAttribute("subject") instanceof Subject) {
            return new AuthorizationDecision(true);
        }
        return authenticated.check(authentication, context);
    }
}
