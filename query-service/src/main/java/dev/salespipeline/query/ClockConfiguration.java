package dev.salespipeline.query;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place the query side reads the wall clock: "now" of a request (how long a deal has been in
 * its stage, which tasks are due today). Projections never use it: documents hold business times from
 * the events only, so a rebuild gives the same documents.
 */
@Configuration
class ClockConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
