package com.exampleco.authserver.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The keys of the failure buckets, which a black-box test cannot reach: IPv6 addresses of
 * one /64 share a bucket, and an unknown client id gets no bucket of its own (an
 * attacker's invented ids would otherwise fill the cache and push real clients' buckets
 * out of it).
 */
class ClientAuthenticationLimitsTest {

	private final ClientAuthenticationLimits limits = new ClientAuthenticationLimits(
			new ClientAuthenticationLimitProperties(2, 4, Duration.ofMinutes(1), 1_000));

	@Test
	void ipv6AddressesCountByTheirSlash64AndIpv4ByTheAddress() {
		assertThat(ClientAuthenticationLimits.network("2001:db8:0:0:1:2:3:4"))
			.isEqualTo(ClientAuthenticationLimits.network("2001:db8::ffff"));
		assertThat(ClientAuthenticationLimits.network("2001:db8:0:1::4"))
			.isNotEqualTo(ClientAuthenticationLimits.network("2001:db8::4"));
		assertThat(ClientAuthenticationLimits.network("192.0.2.1")).isEqualTo("192.0.2.1");
		assertThat(ClientAuthenticationLimits.network("not-an-address")).isEqualTo("not-an-address");
	}

	@Test
	void failuresFromOneSlash64EmptyTheBucketOfTheWholeSlash64() {
		for (int i = 1; i <= 4; i++) {
			limits.recordFailure("nobody", false, "2001:db8::" + i);
		}

		assertThatThrownBy(() -> limits.checkAllowed("reader", "2001:db8::99"))
			.isInstanceOf(ClientAuthenticationLimits.TooManyFailures.class);
		assertThatCode(() -> limits.checkAllowed("reader", "2001:db8:0:1::99")).doesNotThrowAnyException();
	}

	@Test
	void anUnknownClientIdCountsAgainstTheAddressOnly() {
		limits.recordFailure("invented", false, "192.0.2.1");
		limits.recordFailure("invented", false, "192.0.2.1");
		limits.recordFailure("invented", false, "192.0.2.1");

		assertThatCode(() -> limits.checkAllowed("invented", "192.0.2.1")).doesNotThrowAnyException();
	}

	@Test
	void aKnownClientIsRefusedAtTheAddressItsFailuresCameFromOnly() {
		limits.recordFailure("reader", true, "192.0.2.1");
		limits.recordFailure("reader", true, "192.0.2.1");

		assertThatThrownBy(() -> limits.checkAllowed("reader", "192.0.2.1"))
			.isInstanceOf(ClientAuthenticationLimits.TooManyFailures.class);
		assertThatCode(() -> limits.checkAllowed("reader", "192.0.2.2")).doesNotThrowAnyException();
		assertThatCode(() -> limits.checkAllowed("writer", "192.0.2.1")).doesNotThrowAnyException();
	}

}
