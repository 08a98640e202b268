package com.exampleco.authserver.management;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.exampleco.authserver.client.ClientMetadata;
import com.exampleco.authserver.client.ClientSecretHasher;
import com.exampleco.authserver.client.SecretPolicy;

/**
 * {@code /api/v2/clients}: Auth0's applications. The secret is generated here (384 random
 * bits), returned once on creation and on {@code rotate-secret}, and only its keyed hash
 * is stored: unlike Auth0, a later read never shows it.
 */
@ManagementApi
@RequestMapping(ManagementScopes.BASE_PATH + "/clients")
class ClientsEndpoint {

	static final String NOT_FOUND_CODE = "inexistent_client";

	private static final Set<String> APP_TYPES = Set.of("non_interactive", "regular_web", "native", "spa");

	/**
	 * What a machine-to-machine client of this server can hold. Auth0 also takes
	 * authorization_code, implicit and others, which this server does not implement; a
	 * client holding one would need redirect URIs it cannot have.
	 */
	private static final Set<String> GRANT_TYPES = Set.of("client_credentials",
			"urn:ietf:params:oauth:grant-type:device_code");

	/**
	 * The methods this token endpoint implements; Auth0 also knows none, private_key_jwt
	 * and tls_client_auth.
	 */
	private static final Set<String> AUTH_METHODS = Set.of("client_secret_post", "client_secret_basic");

	/**
	 * Auth0's key characters, within {@link ClientMetadata}'s length: the limits of
	 * {@code client_metadata} are kept in one place, the one the token endpoint reads
	 * with.
	 */
	private static final Pattern METADATA_KEY = Pattern.compile("[A-Za-z0-9_-]{1," + ClientMetadata.MAX_LENGTH + "}");

	private static final int MAX_METADATA_KEYS = ClientMetadata.MAX_KEYS;

	private static final int MAX_METADATA_VALUE = ClientMetadata.MAX_LENGTH;

	private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ManagedClients clients;

	private final ManagementJson json;

	private final ClientSecretHasher hasher;

	private final SecretPolicy secretPolicy;

	ClientsEndpoint(ManagedClients clients, ManagementJson json, ClientSecretHasher hasher, SecretPolicy secretPolicy) {
		this.clients = clients;
		this.json = json;
		this.hasher = hasher;
		this.secretPolicy = secretPolicy;
	}

	record CreateClient(String name, String description, @JsonProperty("app_type") String appType,
			@JsonProperty("grant_types") List<String> grantTypes,
			@JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
			@JsonProperty("client_metadata") Map<String, String> clientMetadata,
			@JsonProperty("is_first_party") Boolean isFirstParty) {
	}

	/**
	 * Absent members keep their value; in {@code client_metadata}, a key set to
	 * {@code null} is removed (Auth0).
	 */
	record UpdateClient(String name, String description, @JsonProperty("app_type") String appType,
			@JsonProperty("grant_types") List<String> grantTypes,
			@JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
			@JsonProperty("client_metadata") Map<String, String> clientMetadata,
			@JsonProperty("is_first_party") Boolean isFirstParty) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ClientJson(@JsonProperty("client_id") String clientId, String name, String description,
			@JsonProperty("app_type") String appType, @JsonProperty("is_first_party") boolean firstParty,
			@JsonProperty("grant_types") List<String> grantTypes,
			@JsonProperty("token_endpoint_auth_method") String tokenEndpointAuthMethod,
			@JsonProperty("client_metadata") Map<String, String> clientMetadata,
			@JsonProperty("client_secret") String clientSecret) {

		static ClientJson of(ManagedClients.Row row, String secret) {
			String method = row.authMethods().contains("client_secret_post") ? "client_secret_post"
					: row.authMethods().isEmpty() ? "none" : row.authMethods().get(0);
			return new ClientJson(row.clientId(), row.name(), row.description(), row.appType(), true, row.grantTypes(),
					method, row.metadata(), secret);
		}
	}

	@GetMapping
	Object list(HttpServletRequest request, @RequestParam(required = false) Integer page,
			@RequestParam(name = "per_page", required = false) Integer perPage,
			@RequestParam(name = "include_totals", required = false) Boolean includeTotals) {
		ManagementQuery.allowOnly(request, Set.of("page", "per_page", "include_totals"));
		Page p = Page.of(page, perPage, includeTotals);
		List<ClientJson> items = clients.list(p).stream().map(r -> ClientJson.of(r, null)).toList();
		return p.answer("clients", items, p.includeTotals() ? clients.count() : items.size());
	}

	@GetMapping("/{id}")
	ClientJson get(@PathVariable String id) {
		return ClientJson.of(find(id), null);
	}

	@PostMapping
	ResponseEntity<ClientJson> create(HttpServletRequest request) {
		CreateClient body = json.read(request, CreateClient.class);
		if (body.name() == null) {
			throw ManagementApiException.invalidBody("Payload validation error: 'Missing required property: name'.");
		}
		String appType = body.appType() == null ? "non_interactive" : body.appType();
		List<String> grantTypes = body.grantTypes() == null ? List.of("client_credentials") : body.grantTypes();
		String method = body.tokenEndpointAuthMethod() == null ? "client_secret_post" : body.tokenEndpointAuthMethod();
		Map<String, String> metadata = body.clientMetadata() == null ? Map.of() : body.clientMetadata();
		ManagedClients.Row row = new ManagedClients.Row(newClientId(), body.name(), body.description(), appType,
				grantTypes, List.of(method), new LinkedHashMap<>(metadata));
		validate(row, body.isFirstParty());
		String secret = newSecret(row.clientId());
		clients.insert(row, hasher.hash(secret));
		return ResponseEntity.status(HttpStatus.CREATED).body(ClientJson.of(row, secret));
	}

	@PatchMapping("/{id}")
	ClientJson update(@PathVariable String id, HttpServletRequest request) {
		UpdateClient body = json.read(request, UpdateClient.class);
		ManagedClients.Row stored = find(id);
		Map<String, String> metadata = new LinkedHashMap<>(stored.metadata());
		if (body.clientMetadata() != null) {
			body.clientMetadata().forEach((key, value) -> {
				if (value == null) {
					metadata.remove(key);
				}
				else {
					metadata.put(key, value);
				}
			});
		}
		ManagedClients.Row updated = new ManagedClients.Row(stored.clientId(),
				body.name() != null ? body.name() : stored.name(),
				body.description() != null ? body.description() : stored.description(),
				body.appType() != null ? body.appType() : stored.appType(),
				body.grantTypes() != null ? body.grantTypes() : stored.grantTypes(),
				body.tokenEndpointAuthMethod() != null ? List.of(body.tokenEndpointAuthMethod()) : stored.authMethods(),
				metadata);
		validate(updated, body.isFirstParty());
		clients.update(updated);
		return ClientJson.of(updated, null);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (!clients.delete(id)) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * Auth0's rotation: a new secret, shown once; the old one is refused from the next
	 * token request on.
	 */
	@PostMapping("/{id}/rotate-secret")
	ClientJson rotateSecret(@PathVariable String id) {
		ManagedClients.Row stored = find(id);
		String secret = newSecret(id);
		if (!clients.replaceSecrets(id, hasher.hash(secret))) {
			throw notFound();
		}
		return ClientJson.of(stored, secret);
	}

	private ManagedClients.Row find(String id) {
		return clients.find(id).orElseThrow(ClientsEndpoint::notFound);
	}

	static ManagementApiException notFound() {
		return ManagementApiException.notFound("The client does not exist", NOT_FOUND_CODE);
	}

	private static void validate(ManagedClients.Row client, Boolean firstParty) {
		text("name", client.name(), 1, 255);
		if (client.description() != null) {
			text("description", client.description(), 0, 140);
		}
		if (!APP_TYPES.contains(client.appType())) {
			throw invalid("app_type", "must be one of " + String.join(", ", new java.util.TreeSet<>(APP_TYPES)));
		}
		if (client.grantTypes().size() > GRANT_TYPES.size()
				|| new LinkedHashSet<>(client.grantTypes()).size() != client.grantTypes().size()
				|| !GRANT_TYPES.containsAll(client.grantTypes())) {
			throw invalid("grant_types",
					"must be distinct values among " + String.join(", ", new java.util.TreeSet<>(GRANT_TYPES)));
		}
		if (client.authMethods().size() == 1 && !AUTH_METHODS.contains(client.authMethods().get(0))) {
			throw invalid("token_endpoint_auth_method",
					"must be client_secret_post or client_secret_basic (the " + "methods this server implements)");
		}
		if (firstParty != null && !firstParty) {
			throw invalid("is_first_party", "third-party applications are not supported by this server");
		}
		Map<String, String> metadata = client.metadata();
		if (metadata.size() > MAX_METADATA_KEYS) {
			throw invalid("client_metadata", "must have at most " + MAX_METADATA_KEYS + " properties");
		}
		for (Map.Entry<String, String> entry : metadata.entrySet()) {
			if (!METADATA_KEY.matcher(entry.getKey()).matches()) {
				throw invalid("client_metadata",
						"keys must be 1 to " + ClientMetadata.MAX_LENGTH + " letters, digits, '_' or '-'");
			}
			if (entry.getValue() == null || entry.getValue().length() > MAX_METADATA_VALUE) {
				throw invalid("client_metadata",
						"values must be strings of at most " + MAX_METADATA_VALUE + " characters");
			}
		}
	}

	private static void text(String property, String value, int min, int max) {
		if (value.length() < min || value.length() > max) {
			throw invalid(property, "String length must be between " + min + " and " + max);
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw invalid(property, "must not contain control characters");
		}
	}

	private static ManagementApiException invalid(String property, String why) {
		return ManagementApiException
			.invalidBody("Payload validation error: '" + why + "' on property " + property + ".");
	}

	/** 32 letters and digits (190 bits), the shape of Auth0's client ids. */
	private static String newClientId() {
		StringBuilder id = new StringBuilder(32);
		for (int i = 0; i < 32; i++) {
			id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

	/**
	 * 48 random bytes in base64url (64 characters), the policy's minimum and then some.
	 */
	private String newSecret(String clientId) {
		while (true) {
			byte[] bytes = new byte[48];
			RANDOM.nextBytes(bytes);
			String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			try {
				secretPolicy.check(clientId, secret);
				return secret;
			}
			catch (SecretPolicy.WeakSecretException e) {
				// A random draw the simple estimate dislikes (e.g. no digit at all): draw
				// again.
			}
		}
	}

}
