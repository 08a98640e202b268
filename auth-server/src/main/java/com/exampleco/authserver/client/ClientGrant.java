package com.exampleco.authserver.client;

import java.util.List;

/**
 * What one client may get for one API: the scope ceiling, and its use for organizations.
 *
 * @param scopes the scopes the client may request; a request without {@code scope} gets
 * all of them
 * @param allowAnyOrganization whether every organization is allowed, rather than those
 * associated with this grant
 */
public record ClientGrant(String id, String clientId, String audience, List<String> scopes,
		OrganizationUsage organizationUsage, boolean allowAnyOrganization) {

	public ClientGrant {
		scopes = List.copyOf(scopes);
	}
}
