package dev.salespipeline.command.web;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
@EnableConfigurationProperties(HttpProperties.class)
class WebConfiguration implements WebMvcConfigurer {

    /** Ahead of Spring Security's filters (order -100) and everything else that reads a body. */
    private static final int BEFORE_SECURITY = -1_000;

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestMetadataResolver());
    }

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(HttpProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(
                new BodyLimitFilter(properties));
        registration.setOrder(BEFORE_SECURITY);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The one place the command side reads the wall clock: the default business time of a request. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
