package com.exampleco.authserver.management;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import com.exampleco.authserver.SpaceDelimited;

/**
 * Clients as the management API sees them: with the columns the token endpoint does not
 * read (description, application type, {@code client_metadata}). The token endpoint keeps
 * reading clients through {@code ClientRepository} on every request, so a change made
 * here is in effect for the next token request, on every instance.
 */
@Repository
class ManagedClients {

	private static final TypeReference<LinkedHashMap<String, String>> METADATA = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	ManagedClients(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	record Row(String clientId, String name, String description, String appType, List<String> grantTypes,
			List<String> authMethods, Map<String, String> metadata) {
	}

	Optional<Row> find(String clientId) {
		return jdbc.sql(SELECT + " where client_id = ?").param(clientId).query((rs, n) -> row(rs)).optional();
	}

	List<Row> list(Page page) {
		return jdbc.sql(SELECT + " order by created_at, client_id offset ? rows fetch next ? rows only")
			.params(page.offset(), page.perPage())
			.query((rs, n) -> row(rs))
			.list();
	}

	long count() {
		return jdbc.sql("select count(*) from client").query(Long.class).single();
	}

	@Transactional
	void insert(Row client, String secretHash) {
		jdbc.sql("""
				insert into client (client_id, name, description, app_type, grant_types, auth_methods,
				                    client_metadata)
				values (?, ?, ?, ?, ?, ?, ?)
				""")
			.params(client.clientId(), client.name(), client.description(), client.appType(),
					SpaceDelimited.join(client.grantTypes()), SpaceDelimited.join(client.authMethods()),
					metadataJson(client.metadata()))
			.update();
		jdbc.sql("insert into client_secret (id, client_id, secret_hash) values (?, ?, ?)")
			.params(UUID.randomUUID().toString(), client.clientId(), secretHash)
			.update();
	}

	void update(Row client) {
		jdbc.sql("""
				update client set name = ?, description = ?, app_type = ?, grant_types = ?, auth_methods = ?,
				                  client_metadata = ?
				where client_id = ?
				""")
			.params(client.name(), client.description(), client.appType(), SpaceDelimited.join(client.grantTypes()),
					SpaceDelimited.join(client.authMethods()), metadataJson(client.metadata()), client.clientId())
			.update();
	}

	boolean delete(String clientId) {
		return jdbc.sql("delete from client where client_id = ?").param(clientId).update() > 0;
	}

	/**
	 * Replaces every secret of the client with one: Auth0's rotation, after which the old
	 * secret is refused at once (on every instance, since the token endpoint reads the
	 * secrets on each request).
	 */
	@Transactional
	boolean replaceSecrets(String clientId, String secretHash) {
		if (jdbc.sql("select count(*) from client where client_id = ?")
			.param(clientId)
			.query(Long.class)
			.single() == 0) {
			return false;
		}
		jdbc.sql("delete from client_secret where client_id = ?").param(clientId).update();
		jdbc.sql("insert into client_secret (id, client_id, secret_hash) values (?, ?, ?)")
			.params(UUID.randomUUID().toString(), clientId, secretHash)
			.update();
		return true;
	}

	private static final String SELECT = """
			select client_id, name, description, app_type, grant_types, auth_methods, client_metadata from client""";

	private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
		String metadata = rs.getString(7);
		return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
				new ArrayList<>(SpaceDelimited.split(rs.getString(5))),
				new ArrayList<>(SpaceDelimited.split(rs.getString(6))),
				metadata == null ? new LinkedHashMap<>() : json.readValue(metadata, METADATA));
	}

	private String metadataJson(Map<String, String> metadata) {
		return metadata == null || metadata.isEmpty() ? null : json.writeValueAsString(metadata);
	}

}
