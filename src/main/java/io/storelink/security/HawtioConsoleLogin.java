package io.storelink.security;

import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import io.hawt.springboot.SpringHawtioContextListener;
import io.hawt.system.ConfigManager;
import io.hawt.web.auth.AuthenticationConfiguration;
import jakarta.servlet.ServletContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.ServletListenerRegistrationBean;
import org.springframework.stereotype.Component;

/**
 * Gives Hawtio's JAAS realm the {@link ConsoleLoginModule}. Hawtio documents
 * {@code HawtioContextListener.configureAuthenticationProviders} as the place to add JAAS configurations; its Spring
 * Boot auto-configuration registers the listener without a way to pass one in, so this replaces the registered
 * listener by a subclass that adds ours (hawtio-springboot-security, Hawtio's own bridge to Spring Security, does not
 * exist for 5.2.0).
 */
@Component
class HawtioConsoleLogin implements BeanPostProcessor {

    private final ObjectProvider<ConsoleCredentials> credentials;
    private final ObjectProvider<ConfigManager> hawtioConfig;

    HawtioConsoleLogin(ObjectProvider<ConsoleCredentials> credentials, ObjectProvider<ConfigManager> hawtioConfig) {
        this.credentials = credentials;
        this.hawtioConfig = hawtioConfig;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof ServletListenerRegistrationBean<?> registration
                && registration.getListener() instanceof SpringHawtioContextListener hawtio) {
            ((ServletListenerRegistrationBean<SpringHawtioContextListener>) registration).setListener(
                    new Listener(hawtioConfig.getObject(), hawtio.servletPath, credentials.getObject()));
        }
        return bean;
    }

    private static final class Listener extends SpringHawtioContextListener {

        private final ConsoleCredentials credentials;

        Listener(ConfigManager config, String servletPath, ConsoleCredentials credentials) {
            super(config, servletPath);
            this.credentials = credentials;
        }

        @Override
        protected void configureAuthenticationProviders(ServletContext context, AuthenticationConfiguration auth) {
            AppConfigurationEntry[] entries = {new AppConfigurationEntry(ConsoleLoginModule.class.getName(),
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of(ConsoleLoginModule.CREDENTIALS, credentials))};
            auth.addConfiguration(new Configuration() {
                @Override
                public AppConfigurationEntry[] getAppConfigurationEntry(String realm) {
                    return entries;
                }
            });
            super.configureAuthenticationProviders(context, auth);
        }
    }
}
