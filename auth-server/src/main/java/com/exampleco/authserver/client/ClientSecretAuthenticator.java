package com.exampleco.authserver.client;

import java.util.List;
import java.util.Optional;

import com.exampleco.authserver.log.LogValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Authenticates {@code client_secret_basic} and {@code client_secret_post} clients
 * against every currently valid secret of the client, so that a rotated secret and its
 * successor both work until the old one expires. Replaces Spring Authorization Server's
 * {@code ClientSecretAuthenticationProvider}, which checks one bcrypt hash.
 */
@Component
public class ClientSecretAuthenticator implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(ClientSecretAuthenticator.class);

	// Compared against when the client does not exist, so that an unknown client_id costs
	// what a wrong secret costs.
	private static final List<String> NO_SUCH_CLIENT = List
		.of("hmac-sha256$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

	private final ClientRepository clients;

	private final ClientSecretHasher hasher;

	private final ClientAuthenticationLimits limits;

	public ClientSecretAuthenticator(ClientRepository clients, ClientSecretHasher hasher,
			ClientAuthenticationLimits limits) {
		this.clients = clients;
		this.hasher = hasher;
		this.limits = limits;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		ClientAuthenticationMethod method = request.getClientAuthenticationMethod();
		if (!isSecretMethod(method) || !(request.getCredentials() instanceof String secret)) {
			return null;
		}
		String clientId = request.getPrincipal().toString();
		// The socket's address, or the trusted proxy's client address when Boot's
		// forward-headers strategy is on.
		String address = request.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
		limits.checkAllowed(clientId, address);
		Optional<Client> client = clients.findById(clientId);
		boolean matches = hasher.matchesAny(secret, client.map(Client::secretHashes).orElse(NO_SUCH_CLIENT));
		if (client.isEmpty() || !matches) {
			limits.recordFailure(clientId, client.isPresent(), address);
			log.info("Client authentication failed: client_id={} method={} reason={}", LogValues.safe(clientId),
					method.getValue(), client.isEmpty() ? "unknown client" : "wrong secret");
			throw invalidClient("Client authentication failed: unknown client_id or wrong client_secret.");
		}
		if (!client.get().authMethods().contains(method.getValue())) {
			throw invalidClient("This client may not authenticate with " + method.getValue() + "; it may use: "
					+ String.join(", ", client.get().authMethods()) + ".");
		}
		// The secret is not kept in the authenticated principal.
		return new OAuth2ClientAuthenticationToken(RegisteredClients.toRegisteredClient(client.get()), method, null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static boolean isSecretMethod(ClientAuthenticationMethod method) {
		return ClientAuthenticationMethod.CLIENT_SECRET_BASIC.equals(method)
				|| ClientAuthenticationMethod.CLIENT_SECRET_POST.equals(method);
	}

	private static OAuth2AuthenticationException invalidClient(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
	}

}
