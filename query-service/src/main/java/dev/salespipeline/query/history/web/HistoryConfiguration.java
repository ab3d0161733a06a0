package dev.salespipeline.query.history.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(HistoryProperties.class)
class HistoryConfiguration {
}
