package io.storelink.security;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.PriorityOrdered;

/**
 * Keeps Spring Security from asking Spring MVC which handler would serve each request.
 * <p>
 * With Spring MVC present, Spring Security 6.5 wraps its filter chain in a filter of Spring MVC's
 * {@code HandlerMappingIntrospector} that looks up, for every request, the handler every handler mapping would pick
 * (MVC request matchers and CORS read the result). A webhook is served by {@code io.storelink.webhook.WebhookServlet},
 * not by MVC, so the lookup matched every request mapping in vain: 11 % of a cold bridge's request-thread samples and
 * its longest JIT compilations during the load (BENCHMARKS.md, "Fifth round"). Storelink's rules match paths only
 * ({@code PathPatternRequestMatcher}, a fixed CORS source: {@link ConsoleSecurity}), so they never need it. Spring
 * Security wraps the chain only while the introspector's bean ({@code mvcHandlerMappingIntrospector}, lazy, used by
 * nothing else here) is defined, and has no setting for it: the definition is removed before Spring Security looks
 * (this post-processor is priority-ordered; Spring Security's is not). {@code requestMatchers(String)} would then
 * fail at start-up, loudly, rather than match differently.
 */
final class NoMvcRequestIntrospection implements BeanDefinitionRegistryPostProcessor, PriorityOrdered {

    static final String INTROSPECTOR = "mvcHandlerMappingIntrospector";

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(INTROSPECTOR)) {
            registry.removeBeanDefinition(INTROSPECTOR);
        }
    }

    @Override
    public int getOrder() {
        return LOWEST_PRECEDENCE; // the last of the priority-ordered ones: after the configuration classes are read
    }
}
