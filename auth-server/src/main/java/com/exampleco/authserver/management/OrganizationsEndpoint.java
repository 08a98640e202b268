package com.exampleco.authserver.management;

import java.security.SecureRandom;
import java.util.List;
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

import com.exampleco.authserver.SpaceDelimited;
import com.exampleco.authserver.organization.Organization;
import com.exampleco.authserver.organization.OrganizationRepository;

/**
 * {@code /api/v2/organizations} and {@code /api/v2/organizations/{id}/client-grants}: the
 * organizations tokens may be issued for, and which client grants may be used for each (a
 * grant with {@code allow_any_organization} needs none). The token endpoint reads both on
 * every request.
 */
@ManagementApi
@RequestMapping(ManagementScopes.BASE_PATH + "/organizations")
class OrganizationsEndpoint {

	/**
	 * Auth0's rule for an organization's name: lower case letters, digits, '-' and '_',
	 * at most 50.
	 */
	private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,49}");

	private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final OrganizationRepository organizations;

	private final ManagementJson json;

	OrganizationsEndpoint(JdbcClient jdbc, OrganizationRepository organizations, ManagementJson json) {
		this.jdbc = jdbc;
		this.organizations = organizations;
		this.json = json;
	}

	record OrganizationJson(String id, String name, @JsonProperty("display_name") String displayName) {
	}

	record CreateOrganization(String name, @JsonProperty("display_name") String displayName) {
	}

	record AssociateGrant(@JsonProperty("grant_id") String grantId) {
	}

	record GrantJson(String id, @JsonProperty("client_id") String clientId, String audience, List<String> scope,
			@JsonProperty("organization_usage") String organizationUsage,
			@JsonProperty("allow_any_organization") boolean allowAnyOrganization) {
	}

	@GetMapping
	Object list(HttpServletRequest request, @RequestParam(required = false) Integer page,
			@RequestParam(name = "per_page", required = false) Integer perPage,
			@RequestParam(name = "include_totals", required = false) Boolean includeTotals) {
		ManagementQuery.allowOnly(request, Set.of("page", "per_page", "include_totals"));
		Page p = Page.of(page, perPage, includeTotals);
		List<OrganizationJson> items = jdbc
			.sql("select id, name, display_name from organization order by name "
					+ "offset ? rows fetch next ? rows only")
			.params(p.offset(), p.perPage())
			.query((rs, n) -> new OrganizationJson(rs.getString(1), rs.getString(2), rs.getString(3)))
			.list();
		long total = p.includeTotals() ? jdbc.sql("select count(*) from organization").query(Long.class).single()
				: items.size();
		return p.answer("organizations", items, total);
	}

	@GetMapping("/{id}")
	OrganizationJson get(@PathVariable String id) {
		Organization organization = find(id);
		return new OrganizationJson(organization.id(), organization.name(), organization.displayName());
	}

	@PostMapping
	@Transactional
	ResponseEntity<OrganizationJson> create(HttpServletRequest request) {
		CreateOrganization body = json.read(request, CreateOrganization.class);
		if (body.name() == null) {
			throw ManagementApiException.invalidBody("Payload validation error: 'Missing required property: name'.");
		}
		Organization organization = new Organization(newId(), name(body.name()), displayName(body.displayName()));
		if (organizations.findByIdOrName(organization.name()).isPresent()) {
			throw ManagementApiException.conflict("An organization with this name already exists", "conflict");
		}
		organizations.save(organization);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new OrganizationJson(organization.id(), organization.name(), organization.displayName()));
	}

	@PatchMapping("/{id}")
	@Transactional
	OrganizationJson update(@PathVariable String id, HttpServletRequest request) {
		CreateOrganization body = json.read(request, CreateOrganization.class);
		Organization stored = find(id);
		String name = body.name() == null ? stored.name() : name(body.name());
		if (!name.equals(stored.name()) && organizations.findByIdOrName(name).isPresent()) {
			throw ManagementApiException.conflict("An organization with this name already exists", "conflict");
		}
		Organization updated = new Organization(stored.id(), name,
				body.displayName() == null ? stored.displayName() : displayName(body.displayName()));
		organizations.save(updated);
		return new OrganizationJson(updated.id(), updated.name(), updated.displayName());
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id) {
		if (jdbc.sql("delete from organization where id = ?").param(id).update() == 0) {
			throw notFound();
		}
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/client-grants")
	Object clientGrants(@PathVariable String id, HttpServletRequest request,
			@RequestParam(required = false) Integer page,
			@RequestParam(name = "per_page", required = false) Integer perPage,
			@RequestParam(name = "include_totals", required = false) Boolean includeTotals) {
		ManagementQuery.allowOnly(request, Set.of("page", "per_page", "include_totals"));
		Page p = Page.of(page, perPage, includeTotals);
		find(id);
		List<GrantJson> items = jdbc.sql("""
				select g.id, g.client_id, g.audience, g.scope, g.organization_usage, g.allow_any_organization
				from client_grant g join organization_client_grant o on o.client_grant_id = g.id
				where o.organization_id = ? order by g.client_id, g.audience
				offset ? rows fetch next ? rows only
				""")
			.params(id, p.offset(), p.perPage())
			.query((rs, n) -> new GrantJson(rs.getString(1), rs.getString(2), rs.getString(3),
					SpaceDelimited.split(rs.getString(4)), rs.getString(5), rs.getBoolean(6)))
			.list();
		long total = p.includeTotals()
				? jdbc.sql("select count(*) from organization_client_grant " + "where organization_id = ?")
					.param(id)
					.query(Long.class)
					.single()
				: items.size();
		return p.answer("client_grants", items, total);
	}

	@PostMapping("/{id}/client-grants")
	@Transactional
	ResponseEntity<GrantJson> associate(@PathVariable String id, HttpServletRequest request) {
		AssociateGrant body = json.read(request, AssociateGrant.class);
		find(id);
		if (body.grantId() == null) {
			throw ManagementApiException
				.invalidBody("Payload validation error: 'Missing required property: " + "grant_id'.");
		}
		GrantJson grant = jdbc.sql("""
				select id, client_id, audience, scope, organization_usage, allow_any_organization
				from client_grant where id = ?
				""")
			.param(body.grantId())
			.query((rs, n) -> new GrantJson(rs.getString(1), rs.getString(2), rs.getString(3),
					SpaceDelimited.split(rs.getString(4)), rs.getString(5), rs.getBoolean(6)))
			.optional()
			.orElseThrow(() -> ManagementApiException.notFound("The client grant does not exist",
					"inexistent_client_grant"));
		boolean associated = jdbc
			.sql("select count(*) from organization_client_grant where organization_id = ? "
					+ "and client_grant_id = ?")
			.params(id, grant.id())
			.query(Long.class)
			.single() > 0;
		if (associated) {
			throw ManagementApiException.conflict("The client grant is already associated with this organization",
					"conflict");
		}
		jdbc.sql("insert into organization_client_grant (organization_id, client_grant_id) values (?, ?)")
			.params(id, grant.id())
			.update();
		return ResponseEntity.status(HttpStatus.CREATED).body(grant);
	}

	@DeleteMapping("/{id}/client-grants/{grantId}")
	ResponseEntity<Void> dissociate(@PathVariable String id, @PathVariable String grantId) {
		find(id);
		jdbc.sql("delete from organization_client_grant where organization_id = ? and client_grant_id = ?")
			.params(id, grantId)
			.update();
		return ResponseEntity.noContent().build();
	}

	private Organization find(String id) {
		return jdbc.sql("select id, name, display_name from organization where id = ?")
			.param(id)
			.query((rs, n) -> new Organization(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional()
			.orElseThrow(OrganizationsEndpoint::notFound);
	}

	private static ManagementApiException notFound() {
		return ManagementApiException.notFound("No organization found by that id", "inexistent_organization");
	}

	private static String name(String name) {
		if (!NAME.matcher(name).matches()) {
			throw ManagementApiException.invalidBody("Payload validation error: 'String does not match pattern "
					+ NAME.pattern() + "' on property name.");
		}
		return name;
	}

	private static String displayName(String displayName) {
		if (displayName != null
				&& (displayName.length() > 255 || displayName.chars().anyMatch(Character::isISOControl))) {
			throw ManagementApiException.invalidBody("Payload validation error: 'String length must be between 0 "
					+ "and 255, without control characters' on property display_name.");
		}
		return displayName;
	}

	/** {@code org_} and 16 letters and digits, the shape of Auth0's organization ids. */
	private static String newId() {
		StringBuilder id = new StringBuilder("org_");
		for (int i = 0; i < 16; i++) {
			id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
		}
		return id.toString();
	}

}
