package dev.salespipeline.command.web;

import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import dev.salespipeline.security.ActorAuthentication;

/**
 * Builds {@link RequestMetadata} from the authenticated caller's token. A client may pass its own
 * correlation id in {@value #CORRELATION_HEADER}; otherwise one is generated.
 */
public class RequestMetadataResolver implements HandlerMethodArgumentResolver {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final int MAX_CORRELATION_ID_LENGTH = 100;

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(RequestMetadata.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof ActorAuthentication authentication)) {
            throw new AuthenticationCredentialsNotFoundException("no authenticated caller");
        }
        String correlationId = request.getHeader(CORRELATION_HEADER);
        if (correlationId == null || correlationId.isBlank()) {
            correlationId = UUID.randomUUID().toString();
        } else if (correlationId.length() > MAX_CORRELATION_ID_LENGTH) {
            throw new IllegalArgumentException(CORRELATION_HEADER + " is longer than " + MAX_CORRELATION_ID_LENGTH);
        }
        return RequestMetadata.of(authentication.actor(), correlationId.strip());
    }
}
