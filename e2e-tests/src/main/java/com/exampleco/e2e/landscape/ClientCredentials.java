package com.exampleco.e2e.landscape;

/**
 * A machine-to-machine application's id and secret, as the authorization server knows
 * them.
 *
 * @param clientId the client id
 * @param secret the client secret; shown only {@linkplain #maskedSecret() masked}
 */
public record ClientCredentials(String clientId, String secret) {

	/**
	 * The first four characters and the length: enough to tell two secrets apart, useless
	 * to an onlooker.
	 */
	public String maskedSecret() {
		return this.secret.substring(0, Math.min(4, this.secret.length())) + "*".repeat(8) + " (" + this.secret.length()
				+ " characters)";
	}

	@Override
	public String toString() {
		return "ClientCredentials[clientId=" + this.clientId + ", secret=" + maskedSecret() + "]";
	}

}
