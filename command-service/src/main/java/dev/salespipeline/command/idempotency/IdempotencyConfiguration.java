package dev.salespipeline.command.idempotency;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration
class IdempotencyConfiguration {

    /** After Spring Security's filters (order -100), which establish who the caller is. */
    private static final int AFTER_SECURITY = 0;

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcTemplate jdbc,
                                                               PlatformTransactionManager transactionManager) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(jdbc, new TransactionTemplate(transactionManager)));
        registration.setOrder(AFTER_SECURITY);
        registration.addUrlPatterns("/deals/*", "/deals", "/pipelines/*", "/pipelines");
        return registration;
    }
}
