package com.exampleco.authserver.management;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DuplicateKeyException;
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

import com.exampleco.authserver.SpaceDelimited;
import com.exampleco.authserver.client.ClientGrant;
import com.exampleco.authserver.client.ClientGrantRepository;
import com.exampleco.authserver.client.OrganizationUsage;
import com.exampleco.authserver.resourceserver.ResourceServer;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;

/**
 * {@code /api/v2/client-grants}: which scopes a client may get for an API. The token
 * endpoint reads the grant on every request, so a grant created, narrowed or deleted here
 * decides the next token, on every instance.
 */
@ManagementApi
@RequestMapping(ManagementScopes.BASE_PATH + "/client-grants")
class ClientGrantsEndpoint {

	private static final int MAX_SCOPES = 200;

	private final JdbcClient jdbc;

	private final ClientGrantRepository grants;

	private final ResourceServerRepository apis;

	private final ManagedClients clients;

	private final ManagementJson json;

	ClientGrantsEndpoint(JdbcClient jdbc, ClientGrantRepository grants, ResourceServerRepository apis,
			ManagedClients clients, ManagementJson json) {
		this.jdbc = jdbc;
		this.grants = grants;
		this.apis = apis;
		this.clients = clients;
		this.json = json;
	}

	record CreateGrant(@JsonProperty("client_id") String clientId, String audience, List<String> scope,
			@JsonProperty("organization_usage") String organizationUsage,
			@JsonProperty("allow_any_organization") Boolean allowAnyOrganization) {
	}

	record UpdateGrant(List<String> scope, @JsonProperty("organization_usage") String organizationUsage,
			@JsonProperty("allow_any_organization") Boolean allowAnyOrganization) {
	}

	record GrantJson(String id, @JsonProperty("client_id") String clientId, String audience, List<String> scope,
			@JsonProperty("organization_usage") String organizationUsage,
			@JsonProperty("allow_any_organization") boolean allowAnyOrganization) {

		static GrantJson of(ClientGrant grant) {
			return new GrantJson(grant.id(), grant.clientId(), grant.audience(), grant.scopes(),
					grant.organizationUsage().value(), grant.allowAnyOrganization());
		}
	}

	@GetMapping
	Object list(HttpServletRequest request, @RequestParam(required = false) Integer page,
			@RequestParam(name = "per_page", required = false) Integer perPage,
			@RequestParam(name = "include_totals", required = false) Boolean includeTotals,
			@RequestParam(required = false) String audience,
			@RequestParam(name = "client_id", required = false) String clientId) {
		ManagementQuery.allowOnly(request, Set.of("page", "per_page", "include_totals", "audience", "client_id"));
		Page p = Page.of(page, perPage, includeTotals);
		StringBuilder where = new StringBuilder(" where 1 = 1");
		List<Object> params = new ArrayList<>();
		if (audience != null) {
			where.append(" and audience = ?");
			params.add(audience);
		}
		if (clientId != null) {
			where.append(" and client_id = ?");
			params.add(clientId);
		}
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(p.offset());
		pageParams.add(p.perPage());
		List<GrantJson> items = jdbc
			.sql(SELECT + where + " order by client_id, audience offset ? rows fetch next ? rows only")
			.params(pageParams)
			.query((rs, n) -> GrantJson.of(grant(rs)))
			.list();
		long total = p.includeTotals()
				? jdbc.sql("select count(*) from client_grant" + where).params(params).query(Long.class).single()
				: items.size();
		return p.answer("client_grants", items, total);
	}

	@PostMapping
	@Transactional
	ResponseEntity<GrantJson> create(HttpServletRequest request) {
		CreateGrant body = json.read(request, CreateGrant.class);
		if (body.clientId() == null || body.audience() == null || body.scope() == null) {
			throw ManagementApiException.invalidBody("Payload validation error: 'Missing required property: "
					+ (body.clientId() == null ? "client_id" : body.audience() == null ? "audience" : "scope") + "'.");
		}
		if (clients.find(body.clientId()).isEmpty()) {
			throw ManagementApiException.notFound("The client does not exist", ClientsEndpoint.NOT_FOUND_CODE);
		}
		ResourceServer api = apis.findByIdentifier(body.audience())
			.orElseThrow(() -> ManagementApiException.notFound("No resource server found by specified identifier",
					"inexistent_resource_server"));
		List<String> scopes = scopes(body.scope(), api);
		OrganizationUsage usage = usage(body.organizationUsage(), OrganizationUsage.DENY);
		if (grants.find(body.clientId(), body.audience()).isPresent()) {
			throw conflict();
		}
		try {
			ClientGrant grant = grants.save(body.clientId(), body.audience(), scopes, usage,
					Boolean.TRUE.equals(body.allowAnyOrganization()), List.of());
			return ResponseEntity.status(HttpStatus.CREATED).body(GrantJson.of(grant));
		}
		catch (DuplicateKeyException e) {
			// Another request created the same grant between the check and the insert.
			throw conflict();
		}
	}

	@PatchMapping("/{id}")
	@Transactional
	GrantJson update(@PathVariable String id, HttpServletRequest request) {
		UpdateGrant body = json.read(request, UpdateGrant.class);
		ClientGrant stored = find(id).orElseThrow(ClientGrantsEndpoint::notFound);
		ResourceServer api = apis.findByIdentifier(stored.audience()).orElseThrow(ClientGrantsEndpoint::notFound);
		List<String> scopes = body.scope() == null ? stored.scopes() : scopes(body.scope(), api);
		OrganizationUsage usage = usage(body.organizationUsage(), stored.organizationUsage());
		boolean any = body.allowAnyOrganization() == null ? stored.allowAnyOrganization() : body.allowAnyOrganization();
		jdbc.sql("update client_grant set scope = ?, organization_usage = ?, allow_any_organization = ? where id = ?")
			.params(SpaceDelimited.join(scopes), usage.value(), any, id)
			.update();
		return GrantJson.of(new ClientGrant(id, stored.clientId(), stored.audience(), scopes, usage, any));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (jdbc.sql("delete from client_grant where id = ?").param(id).update() == 0) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	private Optional<ClientGrant> find(String id) {
		return jdbc.sql(SELECT + " where id = ?").param(id).query((rs, n) -> grant(rs)).optional();
	}

	private static List<String> scopes(List<String> requested, ResourceServer api) {
		if (requested.size() > MAX_SCOPES || requested.stream().anyMatch(s -> s == null)) {
			throw ManagementApiException.invalidBody(
					"Payload validation error: 'Array is too long (maximum " + MAX_SCOPES + ")' on property scope.");
		}
		List<String> undefined = requested.stream().filter(s -> !api.defines(s)).limit(5).toList();
		if (!undefined.isEmpty()) {
			throw ManagementApiException.invalidBody("Client grant scopes must be defined by the resource server: "
					+ String.join(", ", undefined.stream().map(com.exampleco.authserver.log.LogValues::safe).toList()));
		}
		return List.copyOf(new LinkedHashSet<>(requested));
	}

	private static OrganizationUsage usage(String value, OrganizationUsage otherwise) {
		if (value == null) {
			return otherwise;
		}
		return switch (value) {
			case "deny", "allow", "require" -> OrganizationUsage.of(value);
			default -> throw ManagementApiException.invalidBody("Payload validation error: 'No enum match for: "
					+ com.exampleco.authserver.log.LogValues.safe(value) + "' on property organization_usage.");
		};
	}

	private static ManagementApiException notFound() {
		return ManagementApiException.notFound("The client grant does not exist", "inexistent_client_grant");
	}

	private static ManagementApiException conflict() {
		return ManagementApiException.conflict("A client grant for this client and audience already exists",
				"client_grant_conflict");
	}

	private static final String SELECT = """
			select id, client_id, audience, scope, organization_usage, allow_any_organization from client_grant""";

	private static ClientGrant grant(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new ClientGrant(rs.getString(1), rs.getString(2), rs.getString(3), SpaceDelimited.split(rs.getString(4)),
				OrganizationUsage.of(rs.getString(5)), rs.getBoolean(6));
	}

}
