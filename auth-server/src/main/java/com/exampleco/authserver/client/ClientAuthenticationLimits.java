package com.exampleco.authserver.client;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits on client authentication: a token bucket of failures per client id and per source address
 * (Bucket4j). Each failed authentication takes a token from both; an empty bucket refuses that client id or address
 * with {@code 429} and {@code Retry-After} until it has refilled, even with the right secret, so guessing a secret
 * costs the attacker time instead of only requests. Other client ids and addresses are not affected.
 * The buckets live in bounded Caffeine caches: client ids and addresses are the attacker's to invent.
 */
@Component
public class ClientAuthenticationLimits {

    /** Auth0's error code for a rate limit; RFC 6749 §5.2 defines none. */
    public static final String TOO_MANY_REQUESTS = "too_many_requests";

    private final Cache<String, Bucket> byClient;
    private final Cache<String, Bucket> byAddress;
    private final Bandwidth perClient;
    private final Bandwidth perAddress;

    public ClientAuthenticationLimits(ClientAuthenticationLimitProperties properties) {
        this.perClient = Bandwidth.builder().capacity(properties.failuresPerClient())
                .refillGreedy(properties.failuresPerClient(), properties.period()).build();
        this.perAddress = Bandwidth.builder().capacity(properties.failuresPerAddress())
                .refillGreedy(properties.failuresPerAddress(), properties.period()).build();
        // A bucket untouched for a whole period is full again: forgetting it changes nothing.
        this.byClient = Caffeine.newBuilder().maximumSize(properties.maxTracked())
                .expireAfterAccess(properties.period()).build();
        this.byAddress = Caffeine.newBuilder().maximumSize(properties.maxTracked())
                .expireAfterAccess(properties.period()).build();
    }

    /** Refuses a client id or address whose failures have emptied its bucket. */
    void checkAllowed(String clientId, String address) {
        refuseIfEmpty(byClient.getIfPresent(clientId), "client_id");
        if (address != null) {
            refuseIfEmpty(byAddress.getIfPresent(address), "address");
        }
    }

    /** Counts a failed authentication against the client id and the address. */
    void recordFailure(String clientId, String address) {
        byClient.get(clientId, id -> Bucket.builder().addLimit(perClient).build()).tryConsume(1);
        if (address != null) {
            byAddress.get(address, a -> Bucket.builder().addLimit(perAddress).build()).tryConsume(1);
        }
    }

    private static void refuseIfEmpty(Bucket bucket, String what) {
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        throw new TooManyFailures(seconds, "Too many failed client authentications for this " + what
                + "; retry after " + seconds + " s.");
    }

    /** {@code 429 too_many_requests}, with the seconds after which one more attempt is allowed. */
    public static final class TooManyFailures extends OAuth2AuthenticationException {

        private final long retryAfterSeconds;

        TooManyFailures(long retryAfterSeconds, String description) {
            super(new OAuth2Error(TOO_MANY_REQUESTS, description, null));
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
