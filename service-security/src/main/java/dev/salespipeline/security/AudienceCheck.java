package dev.salespipeline.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Accepts only tokens issued for this service: after the decoder has verified signature, issuer and
 * lifetime, the token's {@code aud} claim must name at least one of the configured audiences. An
 * identity provider issues tokens for many applications; without this check, a token a user got for
 * another application of the same issuer would be accepted here too.
 */
final class AudienceCheck implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> audience;

    AudienceCheck(JwtDecoder decoder, List<String> audiences) {
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("an audience check needs at least one audience");
        }
        List<String> accepted = List.copyOf(audiences);
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.audience = new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.stream().anyMatch(accepted::contains));
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = decoder.decode(token);
        OAuth2TokenValidatorResult result = audience.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("The token is not meant for this service (aud)", result.getErrors());
        }
        return jwt;
    }
}
