package dev.salespipeline.command.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body over its limit ({@link HttpProperties}) with 413 problem JSON, before any other
 * filter or handler reads it: before authentication, the idempotency filter, the webhook's signature check
 * and JSON parsing.
 *
 * <p>A declared {@code Content-Length} over the limit is refused without reading a byte; the container
 * delivers no more than a declared length. A body without one ({@code Transfer-Encoding: chunked}) is read
 * here, at most one byte past the limit, and handed on from memory; the limits are small enough for that.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();
    /** The endpoints that take a call's transcript, as method and path pattern. */
    private static final String[][] TRANSCRIPT_ENDPOINTS = {{"POST", "/webhooks/activities"},
            {"POST", "/deals/*/calls"}};

    private final long maxBody;
    private final long maxTranscriptBody;

    public BodyLimitFilter(HttpProperties properties) {
        this.maxBody = properties.maxBodyBytes().toBytes();
        this.maxTranscriptBody = properties.maxTranscriptBodyBytes().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitOf(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, limit);
            return;
        }
        if (declared >= 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit + 1);
        if (body.length > limit) {
            refuse(response, limit);
            return;
        }
        chain.doFilter(new RequestWithBody(request, body), response);
    }

    long limitOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String[] endpoint : TRANSCRIPT_ENDPOINTS) {
            if (endpoint[0].equals(request.getMethod()) && PATHS.match(endpoint[1], path)) {
                return maxTranscriptBody;
            }
        }
        return maxBody;
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
    }

    private static void refuse(HttpServletResponse response, long limit) throws IOException {
        HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // The rest of the body is not read: the container discards it, or closes the connection.
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Content too large\",\"status\":"
                + status.value() + ",\"detail\":\"The request body is larger than " + limit
                + " bytes, the limit of this endpoint.\",\"limit\":" + limit + "}").getBytes(StandardCharsets.UTF_8));
    }
}
