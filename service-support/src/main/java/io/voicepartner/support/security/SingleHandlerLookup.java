package io.voicepartner.support.security;

import java.util.List;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;

/**
 * Serves requests with Spring Security's own filter chain, without the filter Spring Security 6 puts in front of it
 * that looks up every request's Spring MVC handler ({@code HandlerMappingIntrospector}'s cache filter): the dispatcher
 * looks the handler up again anyway, and the first lookup only served request matchers that ask Spring MVC which
 * handler a request reaches. Ours match paths themselves ({@code PathPatternRequestMatcher}, in
 * {@link BearerTokenSecurity}) and CORS has a source of its own, so nothing reads that lookup: it cost a {@code GET}'s
 * request thread about a ninth of its CPU (BENCHMARKS.md, issue 23, ADR 0047).
 *
 * <p>Spring Security replaces the {@code springSecurityFilterChain} bean with a composite of that filter and the
 * chain, as a bean definition; this puts the chain's own definition back, after every registry post-processor has
 * run. A Spring Security that no longer wraps the chain leaves nothing to undo; one that wraps it differently fails
 * the start, rather than run a chain whose shape nobody checked ({@code SingleHandlerLookupTest} pins the shape).
 */
final class SingleHandlerLookup implements BeanFactoryPostProcessor {

    private static final String CHAIN = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
    private static final String COMPOSITE = "WebMvcSecurityConfiguration$CompositeFilterChainProxy";
    private static final String LOOKUP = "WebMvcSecurityConfiguration$HandlerMappingIntrospectorCacheFilterFactoryBean";

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
            return;
        }
        BeanDefinition wrapped = registry.getBeanDefinition(CHAIN);
        if (!endsWith(wrapped.getBeanClassName(), COMPOSITE)) {
            return;
        }
        ConstructorArgumentValues.ValueHolder filters =
                wrapped.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (filters != null
                && filters.getValue() instanceof List<?> parts
                && parts.size() == 2
                && parts.get(0) instanceof BeanDefinition lookup
                && endsWith(lookup.getBeanClassName(), LOOKUP)
                && parts.get(1) instanceof BeanDefinition chain) {
            registry.removeBeanDefinition(CHAIN);
            registry.registerBeanDefinition(CHAIN, chain);
            return;
        }
        throw new IllegalStateException("Spring Security wraps its filter chain in a way this platform does not know: "
                + wrapped + "; see SingleHandlerLookup");
    }

    private static boolean endsWith(String className, String suffix) {
        return className != null && className.endsWith("." + suffix);
    }
}
