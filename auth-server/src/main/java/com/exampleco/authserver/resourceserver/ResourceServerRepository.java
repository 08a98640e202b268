package com.exampleco.authserver.resourceserver;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class ResourceServerRepository {

	private final JdbcClient jdbc;

	public ResourceServerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ResourceServer> findByIdentifier(String identifier) {
		// The scopes are read after the API's row, never from inside its row mapper: a
		// query inside a row mapper holds one pooled connection while it waits for a
		// second, and under load every connection ends up waiting.
		return jdbc.sql("select name, token_lifetime_seconds from resource_server where identifier = ?")
			.param(identifier)
			.query((rs, n) -> new ResourceServer(identifier, rs.getString(1), Duration.ofSeconds(rs.getLong(2)),
					List.of()))
			.optional()
			.map(api -> new ResourceServer(api.identifier(), api.name(), api.tokenLifetime(), scopesOf(identifier)));
	}

	private List<ResourceServer.Scope> scopesOf(String identifier) {
		return jdbc
			.sql("select scope, description from resource_server_scope where resource_server = ? order by position")
			.param(identifier)
			.query((rs, n) -> new ResourceServer.Scope(rs.getString(1), rs.getString(2)))
			.list();
	}

	/** Creates or replaces the API and its scopes. */
	@Transactional
	public void save(ResourceServer api) {
		int updated = jdbc.sql("update resource_server set name = ?, token_lifetime_seconds = ? where identifier = ?")
			.params(api.name(), api.tokenLifetime().toSeconds(), api.identifier())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into resource_server (identifier, name, token_lifetime_seconds) values (?, ?, ?)")
				.params(api.identifier(), api.name(), api.tokenLifetime().toSeconds())
				.update();
		}
		jdbc.sql("delete from resource_server_scope where resource_server = ?").param(api.identifier()).update();
		int position = 0;
		for (ResourceServer.Scope scope : api.scopes()) {
			jdbc.sql(
					"insert into resource_server_scope (resource_server, scope, description, position) values (?, ?, ?, ?)")
				.params(api.identifier(), scope.name(), scope.description(), position++)
				.update();
		}
	}

}
