package com.exampleco.authserver.organization;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class OrganizationRepository {

	private final JdbcClient jdbc;

	public OrganizationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Auth0 accepts an organization's id or its name in the {@code organization}
	 * parameter.
	 */
	public Optional<Organization> findByIdOrName(String idOrName) {
		return jdbc.sql("select id, name, display_name from organization where id = ? or name = ?")
			.params(idOrName, idOrName)
			.query((rs, n) -> new Organization(rs.getString(1), rs.getString(2), rs.getString(3)))
			.optional();
	}

	public void save(Organization organization) {
		int updated = jdbc.sql("update organization set name = ?, display_name = ? where id = ?")
			.params(organization.name(), organization.displayName(), organization.id())
			.update();
		if (updated == 0) {
			jdbc.sql("insert into organization (id, name, display_name) values (?, ?, ?)")
				.params(organization.id(), organization.name(), organization.displayName())
				.update();
		}
	}

}
