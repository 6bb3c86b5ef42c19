package io.storelink.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Who may call what on the HTTP port. Public: the Shopify webhooks (their HMAC is the check), the health status and its
 * liveness/readiness probes (no details), info. Everything else needs the console credentials, as HTTP Basic, or for
 * Jolokia also the session of Hawtio's login form (Hawtio authenticates that form and Jolokia itself, through
 * {@link ConsoleLoginModule}). Cross-origin requests are refused (no CORS origin allowed unless configured), which
 * is what keeps other web sites from using an operator's Hawtio session; that is why Spring's CSRF token, which
 * Hawtio's login form and Jolokia client do not send, is not used.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication // not under a command of the jar (io.storelink.command)
public class ConsoleSecurity {

    private static final PathPatternRequestMatcher.Builder PATH = PathPatternRequestMatcher.withDefaults();

    /**
     * No Spring Security observations: they wrapped every filter of every request in a Micrometer observation (no
     * metric a dashboard reads), a large part of a cold bridge's work per webhook. http.server.requests stays.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security without Spring MVC's handler lookup per request: {@link NoMvcRequestIntrospection}. */
    @Bean
    static NoMvcRequestIntrospection noMvcRequestIntrospection() {
        return new NoMvcRequestIntrospection();
    }

    /**
     * The webhook's own chain, without the console's filters: its HMAC is its authentication
     * ({@code webhookSignature}), it has no session, no login, no cookies and no browser. The console's chain ran a
     * dozen filters (security context, headers, CORS, logout, Basic, anonymous, authorization by path) on every
     * webhook, code a cold bridge interprets and compiles while a flash sale waits; here only Spring Security's fixed
     * frame remains. The console chain's order (last) lets this one match first.
     */
    @Bean
    @Order(0)
    SecurityFilterChain webhookSecurityChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher(PATH.matcher("/webhooks/shopify")) // the intake's path only: others stay behind the login
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .exceptionHandling(AbstractHttpConfigurer::disable)
                .build();
    }

    @Bean
    SecurityFilterChain consoleSecurityChain(HttpSecurity http, ConsoleAuthenticationProvider provider,
            ConsoleCredentials credentials, @Value("${storelink.console.allowed-origins}") List<String> allowedOrigins) throws Exception {
        RequestMatcher console = new OrRequestMatcher(PATH.matcher("/actuator/hawtio/**"), PATH.matcher("/actuator/jolokia/**"));
        // the console's scripts must not make the browser pop up its own login box: plain 401 for them
        DelegatingAuthenticationEntryPoint byPath = new DelegatingAuthenticationEntryPoint(
                new LinkedHashMap<>(Map.of(console, new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED))));
        byPath.setDefaultEntryPoint(basic());
        AuthenticationEntryPoint answer = new RejectedCredentialsEntryPoint(byPath);
        return http
                .authenticationProvider(provider)
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(PATH.matcher("/actuator/health"), PATH.matcher("/actuator/health/liveness"),
                                    PATH.matcher("/actuator/health/readiness"), PATH.matcher("/actuator/info"),
                                    PATH.matcher("/error")).permitAll();
                    if (!credentials.configured()) {
                        // both endpoints are switched off then (ConsoleOffWithoutCredentials): let them answer 404
                        requests.requestMatchers(console).permitAll();
                    }
                    requests.requestMatchers(PATH.matcher("/actuator/jolokia/**")).access(new HawtioSessionOrAuthenticated())
                            // the console's page and login form: static files and Hawtio's login servlet; its data is Jolokia
                            .requestMatchers(PATH.matcher("/actuator/hawtio/**")).permitAll()
                            .anyRequest().authenticated();
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(answer))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(answer))
                .requestCache(cache -> cache.disable()) // an API: no session for anonymous requests to return to
                .addFilterAfter(new HawtioLoginNewSession(), AuthorizationFilter.class)
                .csrf(AbstractHttpConfigurer::disable)
                .cors(cors -> cors.configurationSource(origins(allowedOrigins)))
                .build();
    }

    private static BasicAuthenticationEntryPoint basic() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("storelink");
        basic.afterPropertiesSet();
        return basic;
    }

    /** Same-origin requests pass; a request from another origin is refused with 403 unless configured here. */
    private static UrlBasedCorsConfigurationSource origins(List<String> allowedOrigins) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(allowedOrigins.stream().filter(o -> !o.isBlank()).toList());
        config.setAllowedMethods(List.of("GET", "POST"));
        config.setAllowedHeaders(List.of("*"));
        config.setAllowCredentials(true);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}
