package com.exampleco.authserver.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.stereotype.Component;

/**
 * Brute-force limits on client authentication: token buckets of failures (Bucket4j), one
 * per source address and one per existing client id at that address. Each failed
 * authentication takes a token from the address's bucket, and from the client's bucket at
 * that address when the client exists; an empty bucket refuses that address, or that
 * client from that address, with {@code 429} and {@code Retry-After} until it has
 * refilled, even with the right secret, so guessing costs the attacker time instead of
 * only requests. Other client ids and addresses are not affected: keying the client's
 * bucket by address too means an attacker can lock a client out only at his own address
 * (secrets have at least 256 bits of entropy, so a guess per client spread over many
 * addresses is hopeless anyway). IPv6 addresses count by their /64, the block one
 * subscriber gets. Unknown client ids get no bucket of their own, and a client id longer
 * than any this server issues is refused before it is looked at, so an attacker's
 * invented ids cannot grow the caches nor push a real client's bucket out of them.
 */
@Component
public class ClientAuthenticationLimits {

	/** Auth0's error code for a rate limit; RFC 6749 §5.2 defines none. */
	public static final String TOO_MANY_REQUESTS = "too_many_requests";

	/**
	 * Longest client id accepted; Auth0's are 32 characters, this server's seeded ones
	 * fewer.
	 */
	static final int MAX_CLIENT_ID_LENGTH = 255;

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

	private final Cache<String, Bucket> byClient;

	private final Cache<String, Bucket> byAddress;

	private final Bandwidth perClient;

	private final Bandwidth perAddress;

	public ClientAuthenticationLimits(ClientAuthenticationLimitProperties properties) {
		this.perClient = Bandwidth.builder()
			.capacity(properties.failuresPerClient())
			.refillGreedy(properties.failuresPerClient(), properties.period())
			.build();
		this.perAddress = Bandwidth.builder()
			.capacity(properties.failuresPerAddress())
			.refillGreedy(properties.failuresPerAddress(), properties.period())
			.build();
		// A bucket untouched for a whole period is full again: forgetting it changes
		// nothing.
		this.byClient = Caffeine.newBuilder()
			.maximumSize(properties.maxTracked())
			.expireAfterAccess(properties.period())
			.build();
		this.byAddress = Caffeine.newBuilder()
			.maximumSize(properties.maxTracked())
			.expireAfterAccess(properties.period())
			.build();
	}

	/**
	 * Refuses a client id too long to be one ({@code 400 invalid_request}), and an
	 * address, or a client at that address, whose failures have emptied its bucket
	 * ({@code 429}).
	 */
	void checkAllowed(String clientId, String address) {
		if (clientId.length() > MAX_CLIENT_ID_LENGTH) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
					"client_id is longer than " + MAX_CLIENT_ID_LENGTH + " characters.", null));
		}
		String network = network(address);
		refuseIfEmpty(byClient.getIfPresent(clientKey(clientId, network)), "client_id from this address", true);
		if (network != null) {
			refuseIfEmpty(byAddress.getIfPresent(network), "address", false);
		}
	}

	/**
	 * Counts a failed authentication against the address, and against the client at that
	 * address if it exists.
	 */
	void recordFailure(String clientId, boolean clientExists, String address) {
		String network = network(address);
		if (clientExists) {
			byClient.get(clientKey(clientId, network), key -> Bucket.builder().addLimit(perClient).build())
				.tryConsume(1);
		}
		if (network != null) {
			byAddress.get(network, a -> Bucket.builder().addLimit(perAddress).build()).tryConsume(1);
		}
	}

	private static String clientKey(String clientId, String network) {
		return network == null ? clientId : clientId + " " + network;
	}

	/**
	 * The address an attacker is counted by: an IPv4 address as it is, an IPv6 address by
	 * its /64, since a single subscriber commonly gets a whole /64 and could otherwise
	 * use a new address for every guess.
	 */
	static String network(String address) {
		if (address == null || address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
			// IPv4, or not an IP literal (never resolved: no DNS lookup on a value a
			// proxy header may carry).
			return address;
		}
		try {
			byte[] bytes = InetAddress.getByName(address).getAddress();
			if (bytes.length == 4) {
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			byte[] prefix = Arrays.copyOf(bytes, 16);
			Arrays.fill(prefix, 8, 16, (byte) 0);
			return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
		}
		catch (UnknownHostException e) {
			return address;
		}
	}

	private static void refuseIfEmpty(Bucket bucket, String what, boolean perClient) {
		if (bucket == null || bucket.getAvailableTokens() > 0) {
			return;
		}
		long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
		throw new TooManyFailures(seconds, perClient,
				"Too many failed client authentications for this " + what + "; retry after " + seconds + " s.");
	}

	/**
	 * {@code 429 too_many_requests}, with the seconds after which one more attempt is
	 * allowed.
	 */
	public static final class TooManyFailures extends OAuth2AuthenticationException {

		private final long retryAfterSeconds;

		private final boolean perClient;

		TooManyFailures(long retryAfterSeconds, boolean perClient, String description) {
			super(new OAuth2Error(TOO_MANY_REQUESTS, description, null));
			this.retryAfterSeconds = retryAfterSeconds;
			this.perClient = perClient;
		}

		/**
		 * Whether the client id is blocked at this address (Auth0's {@code limit_wc}),
		 * not the address itself.
		 */
		public boolean perClient() {
			return perClient;
		}

		public long retryAfterSeconds() {
			return retryAfterSeconds;
		}

	}

}
