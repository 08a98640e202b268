package com.exampleco.authserver.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.exampleco.authserver.resourceserver.ResourceServer;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;
import com.exampleco.authserver.token.IssuerProperties;

/**
 * {@code /api/v2/resource-servers}: Auth0's APIs. An API's {@code id} is derived from its
 * identifier ({@code rs_} and 24 characters of its SHA-256), so that it can stand in a
 * path: an identifier is usually a URL, and an encoded slash in a path is refused before
 * any endpoint sees it. The management API itself is {@code is_system} and cannot be
 * changed or deleted here. Every token request reads its API, so a changed lifetime or
 * scope list decides the next token.
 */
@ManagementApi
@RequestMapping(ManagementScopes.BASE_PATH + "/resource-servers")
class ResourceServersEndpoint {

	private static final int MAX_SCOPES = 200;

	private static final Pattern SCOPE_VALUE = Pattern.compile("[\\x21-\\x7e]{1,280}");

	/** Auth0's bound: 30 days. */
	private static final int MAX_TOKEN_LIFETIME = 2_592_000;

	private final JdbcClient jdbc;

	private final ResourceServerRepository apis;

	private final ManagementJson json;

	private final String systemApi;

	ResourceServersEndpoint(JdbcClient jdbc, ResourceServerRepository apis, ManagementJson json,
			IssuerProperties issuer) {
		this.jdbc = jdbc;
		this.apis = apis;
		this.json = json;
		this.systemApi = ManagementApiSecurity.audience(issuer);
	}

	record ScopeJson(String value, String description) {
	}

	record CreateApi(String name, String identifier, List<ScopeJson> scopes,
			@JsonProperty("signing_alg") String signingAlg, @JsonProperty("token_lifetime") Integer tokenLifetime) {
	}

	record UpdateApi(String name, List<ScopeJson> scopes, @JsonProperty("signing_alg") String signingAlg,
			@JsonProperty("token_lifetime") Integer tokenLifetime) {
	}

	record ApiJson(String id, String name, String identifier, List<ScopeJson> scopes,
			@JsonProperty("signing_alg") String signingAlg, @JsonProperty("token_lifetime") long tokenLifetime,
			@JsonProperty("is_system") boolean system) {
	}

	@GetMapping
	Object list(HttpServletRequest request, @RequestParam(required = false) Integer page,
			@RequestParam(name = "per_page", required = false) Integer perPage,
			@RequestParam(name = "include_totals", required = false) Boolean includeTotals) {
		ManagementQuery.allowOnly(request, Set.of("page", "per_page", "include_totals"));
		Page p = Page.of(page, perPage, includeTotals);
		List<ApiJson> items = jdbc
			.sql("select identifier from resource_server order by created_at, identifier "
					+ "offset ? rows fetch next ? rows only")
			.params(p.offset(), p.perPage())
			.query(String.class)
			.list()
			.stream()
			.map(apis::findByIdentifier)
			.flatMap(Optional::stream)
			.map(this::json)
			.toList();
		long total = p.includeTotals() ? jdbc.sql("select count(*) from resource_server").query(Long.class).single()
				: items.size();
		return p.answer("resource_servers", items, total);
	}

	@GetMapping("/{id}")
	ApiJson get(@PathVariable String id) {
		return json(find(id));
	}

	@PostMapping
	@Transactional
	ResponseEntity<ApiJson> create(HttpServletRequest request) {
		CreateApi body = json.read(request, CreateApi.class);
		if (body.identifier() == null) {
			throw ManagementApiException
				.invalidBody("Payload validation error: 'Missing required property: " + "identifier'.");
		}
		text("identifier", body.identifier(), 1, 255);
		String name = body.name() == null ? body.identifier() : body.name();
		ResourceServer api = new ResourceServer(body.identifier(), checkedName(name),
				lifetime(body.tokenLifetime(), 86_400), scopes(body.scopes() == null ? List.of() : body.scopes()));
		algorithm(body.signingAlg());
		if (apis.findByIdentifier(api.identifier()).isPresent()) {
			throw ManagementApiException.conflict("A resource server with the same identifier already exists",
					"conflict");
		}
		apis.save(api);
		return ResponseEntity.status(HttpStatus.CREATED).body(json(api));
	}

	@PatchMapping("/{id}")
	@Transactional
	ApiJson update(@PathVariable String id, HttpServletRequest request) {
		UpdateApi body = json.read(request, UpdateApi.class);
		ResourceServer stored = changeable(find(id));
		algorithm(body.signingAlg());
		ResourceServer updated = new ResourceServer(stored.identifier(),
				body.name() == null ? stored.name() : checkedName(body.name()),
				lifetime(body.tokenLifetime(), stored.tokenLifetime().toSeconds()),
				body.scopes() == null ? stored.scopes() : scopes(body.scopes()));
		apis.save(updated);
		return json(updated);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		ResourceServer api = changeable(find(id));
		// Its client grants go with it (the schema cascades): no token can be issued for
		// it from now on.
		jdbc.sql("delete from resource_server where identifier = ?").param(api.identifier()).update();
		return ResponseEntity.noContent().build();
	}

	private ResourceServer find(String id) {
		// The table holds a handful of APIs: the id is found by deriving each one's, not
		// stored.
		return jdbc.sql("select identifier from resource_server")
			.query(String.class)
			.list()
			.stream()
			.filter(identifier -> idOf(identifier).equals(id) || identifier.equals(id))
			.findFirst()
			.flatMap(apis::findByIdentifier)
			.orElseThrow(() -> ManagementApiException.notFound("The resource server does not exist",
					"inexistent_resource_server"));
	}

	private ResourceServer changeable(ResourceServer api) {
		if (api.identifier().equals(systemApi)) {
			throw new ManagementApiException(HttpStatus.FORBIDDEN, "The system resource server cannot be changed",
					"operation_not_supported");
		}
		return api;
	}

	private ApiJson json(ResourceServer api) {
		return new ApiJson(idOf(api.identifier()), api.name(), api.identifier(),
				api.scopes().stream().map(s -> new ScopeJson(s.name(), s.description())).toList(), "RS256",
				api.tokenLifetime().toSeconds(), api.identifier().equals(systemApi));
	}

	static String idOf(String identifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
			return "rs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 24);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static List<ResourceServer.Scope> scopes(List<ScopeJson> scopes) {
		if (scopes.size() > MAX_SCOPES) {
			throw invalid("scopes", "Array is too long (maximum " + MAX_SCOPES + ")");
		}
		List<ResourceServer.Scope> result = new ArrayList<>();
		Set<String> seen = new LinkedHashSet<>();
		for (ScopeJson scope : scopes) {
			if (scope == null || scope.value() == null || !SCOPE_VALUE.matcher(scope.value()).matches()
					|| !seen.add(scope.value())) {
				throw invalid("scopes", "each value must be 1 to 280 visible characters without spaces, and distinct");
			}
			String description = scope.description() == null ? "" : scope.description();
			text("scopes", description, 0, 500);
			result.add(new ResourceServer.Scope(scope.value(), description));
		}
		return result;
	}

	private static Duration lifetime(Integer requested, long otherwise) {
		long seconds = requested == null ? otherwise : requested;
		if (seconds < 1 || seconds > MAX_TOKEN_LIFETIME) {
			throw invalid("token_lifetime", "must be between 1 and " + MAX_TOKEN_LIFETIME);
		}
		return Duration.ofSeconds(seconds);
	}

	private static void algorithm(String signingAlg) {
		if (signingAlg != null && !signingAlg.equals("RS256")) {
			throw invalid("signing_alg", "this server signs with RS256 only");
		}
	}

	private static String checkedName(String name) {
		text("name", name, 1, 255);
		return name;
	}

	private static void text(String property, String value, int min, int max) {
		if (value.length() < min || value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
			throw invalid(property,
					"String length must be between " + min + " and " + max + ", without control characters");
		}
	}

	private static ManagementApiException invalid(String property, String why) {
		return ManagementApiException
			.invalidBody("Payload validation error: '" + why + "' on property " + property + ".");
	}

}
