package dev.salespipeline.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-16T09:00:00Z");

    /** A verifier that accepts tokens named "good-…" until their expiry and notes every token it checks. */
    private final List<String> checked = new ArrayList<>();
    private Instant expiresAt = NOW.plus(Duration.ofMinutes(5));
    private final JwtDecoder verifier = token -> {
        checked.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("anna").issuedAt(NOW.minusSeconds(60))
                .expiresAt(expiresAt).build();
    };

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    @Test
    void aTokenIsVerifiedOnceAndThenAnsweredFromMemoryUntilItExpires() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, at(NOW), 10);

        Jwt first = tokens.decode("good-1");
        Jwt second = tokens.decode("good-1");

        assertThat(second).isSameAs(first);
        assertThat(checked).containsExactly("good-1");
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndAnInvalidOneIsNeverKept() {
        VerifiedTokens early = new VerifiedTokens(verifier, at(NOW), 10);
        early.decode("good-1");
        VerifiedTokens late = new VerifiedTokens(token -> early.decode(token), at(expiresAt), 10);

        late.decode("good-1");
        assertThat(late.size()).as("not kept: it expires now").isZero();

        assertThatThrownBy(() -> early.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> early.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(checked).containsExactly("good-1", "forged", "forged");
        assertThat(early.size()).isEqualTo(1);
    }

    @Test
    void aRememberedTokenIsCheckedAgainstTheClockOnEveryUse() {
        MutableClock clock = new MutableClock(NOW);
        VerifiedTokens tokens = new VerifiedTokens(verifier, clock, 10);
        tokens.decode("good-1");

        clock.now = expiresAt.plusSeconds(1);
        expiresAt = NOW.minusSeconds(1);
        Jwt again = tokens.decode("good-1");

        assertThat(checked).as("expired in memory: the verifier decides").containsExactly("good-1", "good-1");
        assertThat(again.getExpiresAt()).isEqualTo(NOW.minusSeconds(1));
    }

    @Test
    void theLeastRecentlyUsedTokenLeavesWhenTheMemoryIsFull() {
        VerifiedTokens tokens = new VerifiedTokens(verifier, at(NOW), 2);
        tokens.decode("good-1");
        tokens.decode("good-2");
        tokens.decode("good-1");
        tokens.decode("good-3");

        tokens.decode("good-1");
        tokens.decode("good-2");

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(checked).containsExactly("good-1", "good-2", "good-3", "good-2");
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
