package com.exampleco.authserver.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.exampleco.authserver.SpaceDelimited;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class ClientRepository {

	private final JdbcClient jdbc;

	public ClientRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The client with the hashes of its secrets that have not expired; one query, as it
	 * runs on every token request.
	 */
	public Optional<Client> findById(String clientId) {
		List<Row> rows = jdbc.sql("""
				select c.client_id, c.name, c.grant_types, c.auth_methods, c.default_audience,
				       c.default_organization, c.client_metadata, s.secret_hash
				from client c
				left join client_secret s on s.client_id = c.client_id
				     and (s.expires_at is null or s.expires_at > current_timestamp)
				where c.client_id = ?
				""")
			.param(clientId)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		Row first = rows.get(0);
		List<String> hashes = new ArrayList<>();
		rows.stream().map(Row::secretHash).filter(h -> h != null).forEach(hashes::add);
		return Optional.of(new Client(first.clientId(), first.name(),
				new LinkedHashSet<>(SpaceDelimited.split(first.grantTypes())),
				new LinkedHashSet<>(SpaceDelimited.split(first.authMethods())), first.defaultAudience(),
				first.defaultOrganization(), hashes, ClientMetadata.fromJson(first.metadata())));
	}

	/** Creates or replaces the client and its secrets. */
	@Transactional
	public void save(Client client) {
		int updated = jdbc.sql("""
				update client set name = ?, grant_types = ?, auth_methods = ?, default_audience = ?,
				                  default_organization = ?, client_metadata = ?
				where client_id = ?
				""")
			.params(client.name(), SpaceDelimited.join(client.grantTypes()), SpaceDelimited.join(client.authMethods()),
					client.defaultAudience(), client.defaultOrganization(), ClientMetadata.toJson(client.metadata()),
					client.clientId())
			.update();
		if (updated == 0) {
			jdbc.sql("""
					insert into client (client_id, name, grant_types, auth_methods, default_audience,
					                    default_organization, client_metadata)
					values (?, ?, ?, ?, ?, ?, ?)
					""")
				.params(client.clientId(), client.name(), SpaceDelimited.join(client.grantTypes()),
						SpaceDelimited.join(client.authMethods()), client.defaultAudience(),
						client.defaultOrganization(), ClientMetadata.toJson(client.metadata()))
				.update();
		}
		jdbc.sql("delete from client_secret where client_id = ?").param(client.clientId()).update();
		for (String hash : client.secretHashes()) {
			jdbc.sql("insert into client_secret (id, client_id, secret_hash) values (?, ?, ?)")
				.params(UUID.randomUUID().toString(), client.clientId(), hash)
				.update();
		}
	}

	/**
	 * Adds one more valid secret to an existing client; its other secrets stay valid
	 * (rotation without downtime).
	 */
	public void addSecretHash(String clientId, String hash) {
		jdbc.sql("insert into client_secret (id, client_id, secret_hash) values (?, ?, ?)")
			.params(UUID.randomUUID().toString(), clientId, hash)
			.update();
	}

	private record Row(String clientId, String name, String grantTypes, String authMethods, String defaultAudience,
			String defaultOrganization, String metadata, String secretHash) {
	}

}
