package io.storelink.security;

import java.io.IOException;
import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import io.hawt.web.auth.RolePrincipal;
import io.hawt.web.auth.UserPrincipal;

/**
 * Hawtio authenticates its login form and Jolokia requests through JAAS realm {@code hawtio}; this module checks the
 * console credentials there. Hawtio's Spring Security bridge ({@code io.hawt:hawtio-springboot-security}) is not
 * available in 5.2.0, so the JAAS side is configured directly. The {@link ConsoleCredentials} arrive in the
 * module's options ({@link #CREDENTIALS}); no jaas.conf file and no global JAAS configuration are involved.
 */
public final class ConsoleLoginModule implements LoginModule {

    static final String CREDENTIALS = ConsoleCredentials.class.getName();

    private Subject subject;
    private CallbackHandler callbacks;
    private ConsoleCredentials credentials;
    private UserPrincipal user;
    private RolePrincipal role;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        this.credentials = (ConsoleCredentials) options.get(CREDENTIALS);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("no user name and password given: " + e.getClass().getSimpleName());
        }
        char[] secret = password.getPassword();
        boolean ok = credentials != null && secret != null && credentials.matches(name.getName(), new String(secret));
        password.clearPassword();
        if (!ok) {
            throw new FailedLoginException("wrong console credentials"); // Hawtio logs this message: no user name in it
        }
        user = new UserPrincipal(name.getName());
        role = new RolePrincipal(ConsoleAuthenticationProvider.ROLE);
        return true;
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        subject.getPrincipals().add(user);
        subject.getPrincipals().add(role);
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        if (user != null) {
            subject.getPrincipals().remove(user);
            subject.getPrincipals().remove(role);
        }
        user = null;
        role = null;
        return true;
    }
}
