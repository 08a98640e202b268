package com.exampleco.authserver.quota;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Auth0's {@code token_quota.client_credentials} of a client or an organization: at most
 * {@code perHour} tokens in each UTC hour and {@code perDay} in each UTC day, refused
 * beyond when {@code enforce} is true, only reported (in the quota headers and the log)
 * when it is false. A limit left out is not applied.
 *
 * @param enforce whether a token request beyond a limit is refused ({@code 429}); Auth0's
 * default is true
 * @param perHour tokens per UTC hour, or {@code null}
 * @param perDay tokens per UTC day, or {@code null}
 */
public record TokenQuota(@DefaultValue("true") boolean enforce, @Positive Integer perHour, @Positive Integer perDay) {

	/** Whether it limits anything at all. */
	public boolean limitsAnything() {
		return perHour != null || perDay != null;
	}

	/**
	 * The Auth0 nesting of a quota in a configuration: {@code token-quota:
	 * {client-credentials: {...}}}, in the seed and in the tenant defaults.
	 *
	 * @param clientCredentials the quota on tokens of the client credentials grant, or
	 * {@code null} for none
	 */
	public record Setting(@Valid TokenQuota clientCredentials) {
	}
}
