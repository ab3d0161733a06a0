package dev.salespipeline.command.web;

import java.util.UUID;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Builds {@link RequestMetadata} from the request. Until authentication is in place the actor comes
 * from the {@value #ACTOR_HEADER} header, which is therefore required. A client may pass its own
 * correlation id in {@value #CORRELATION_HEADER}; otherwise one is generated.
 */
public class RequestMetadataResolver implements HandlerMethodArgumentResolver {

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final String SOURCE_API = "api";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(RequestMetadata.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) throws Exception {
        String actor = request.getHeader(ACTOR_HEADER);
        if (actor == null || actor.isBlank()) {
            throw new MissingRequestHeaderException(ACTOR_HEADER, parameter);
        }
        String correlationId = request.getHeader(CORRELATION_HEADER);
        if (correlationId == null || correlationId.isBlank()) {
            correlationId = UUID.randomUUID().toString();
        }
        return new RequestMetadata(actor.strip(), SOURCE_API, correlationId.strip());
    }
}
