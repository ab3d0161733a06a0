package dev.salespipeline.query.webapp;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboard's scripts, styles and translations: kept by the browser and checked with the server before each use
 * ({@code no-cache} with {@code Last-Modified}), so that the page's second load after the sign-in redirect gets
 * answers without bodies, and a new release is picked up at once.
 */
@Configuration
class WebAppResources implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/app/**")
                .addResourceLocations("classpath:/static/app/")
                .setCacheControl(CacheControl.noCache())
                .setUseLastModified(true);
    }
}
