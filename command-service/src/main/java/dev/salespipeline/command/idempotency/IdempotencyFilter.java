package dev.salespipeline.command.idempotency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.salespipeline.command.web.RequestWithBody;

/**
 * Makes every command safe to retry: a request with an {@value #HEADER} header is executed once per
 * caller and key; a repetition gets the first answer again (status, ETag, Location, body) and stores
 * nothing, also after a restart.
 *
 * <p>The whole request runs in one database transaction, which Axon's unit of work joins: the events
 * a command stores and the row remembering its answer are committed together or not at all. A
 * second request with the same key waits on the first one's row and then replays its answer. Only
 * successful answers are remembered; a refused command stored nothing and may simply be sent again.
 * The same key with a different request is refused with 422.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_KEY_LENGTH = 255;
    private static final String REPLAYED = "Idempotent-Replayed";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public IdempotencyFilter(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !COMMAND_METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String key = request.getHeader(HEADER).strip();
        if (authentication == null || !authentication.isAuthenticated() || key.isEmpty()
                || key.length() > MAX_KEY_LENGTH) {
            if (authentication != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
                problem(response, 400, "Invalid request", HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        // The body is read up front so that its hash can be compared before anything runs. BodyLimitFilter,
        // ahead of this one, has refused a body over pipeline.http.max-body-bytes with 413, chunked or not.
        byte[] body = request.getInputStream().readAllBytes();
        String requestHash = hash(request.getMethod(), target(request), body);
        String actor = authentication.getName();
        ContentCachingResponseWrapper cachedResponse = new ContentCachingResponseWrapper(response);
        RequestWithBody replayableRequest = new RequestWithBody(request, body);

        Outcome outcome = transactions.execute(status -> {
            // Claims the key. A concurrent request with the same key waits here until the first one
            // commits (then finds its answer) or rolls back (then runs itself).
            int claimed = jdbc.update("insert into idempotency_keys (actor, idempotency_key, request_hash, status) "
                    + "values (?, ?, ?, 0) on conflict do nothing", actor, key, requestHash);
            if (claimed == 0) {
                Stored earlier = jdbc.queryForObject("select request_hash, status, content_type, etag, location, body "
                                + "from idempotency_keys where actor = ? and idempotency_key = ?",
                        (row, n) -> new Stored(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                                row.getString(5), row.getBytes(6)), actor, key);
                return new Outcome(earlier, !earlier.requestHash().equals(requestHash));
            }
            try {
                chain.doFilter(replayableRequest, cachedResponse);
            } catch (IOException | ServletException e) {
                throw new IllegalStateException(e);
            }
            if (cachedResponse.getStatus() >= 300) {
                // Nothing was stored; neither is the key, so the request may be sent again.
                status.setRollbackOnly();
                return null;
            }
            jdbc.update("update idempotency_keys set status = ?, content_type = ?, etag = ?, location = ?, body = ? "
                            + "where actor = ? and idempotency_key = ?",
                    cachedResponse.getStatus(), cachedResponse.getContentType(),
                    cachedResponse.getHeader(HttpHeaders.ETAG), cachedResponse.getHeader(HttpHeaders.LOCATION),
                    cachedResponse.getContentAsByteArray(), actor, key);
            return null;
        });

        if (outcome == null) {
            cachedResponse.copyBodyToResponse();
        } else if (outcome.conflicting()) {
            problem(response, 422, "Idempotency key reused",
                    "This " + HEADER + " was used for a different request; use a new key for a new request.");
        } else {
            replay(outcome.stored(), response);
        }
    }

    private static void replay(Stored stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED, "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private static void problem(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The path with the query string, if any: a DELETE carries its business time and reason there, so
     * {@code ?occurredAt=} of another instant is another request. A request without a query hashes as before.
     */
    private static String target(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    private static String hash(String method, String path, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Stored(String requestHash, int status, String contentType, String etag, String location,
                          byte[] body) {
    }

    private record Outcome(Stored stored, boolean conflicting) {
    }
}
