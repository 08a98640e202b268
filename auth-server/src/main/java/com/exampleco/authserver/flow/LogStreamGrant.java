package com.exampleco.authserver.flow;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.exampleco.authserver.client.ClientGrantRepository;
import com.exampleco.authserver.client.ClientRepository;
import com.exampleco.authserver.client.OrganizationUsage;
import com.exampleco.authserver.management.ManagementApiSecurity;
import com.exampleco.authserver.resourceserver.ResourceServerRepository;
import com.exampleco.authserver.token.IssuerProperties;

/**
 * The flow-viewer's grant for the tenant log stream ({@code read:logs} on
 * {@code <issuer>api/v2/}). The management API is created by its own seed, after the YAML
 * seed may have run, so the grant is given here, once both exist, when the page starts
 * (the demo profile only); like the seeds, it never changes a grant that exists.
 */
final class LogStreamGrant {

	private static final Logger log = LoggerFactory.getLogger(LogStreamGrant.class);

	static final String READ_LOGS = "read:logs";

	private LogStreamGrant() {
	}

	static void ensure(String clientId, IssuerProperties issuer, ClientRepository clients,
			ResourceServerRepository apis, ClientGrantRepository grants) {
		String audience = ManagementApiSecurity.audience(issuer);
		if (clients.findById(clientId).isEmpty() || apis.findByIdentifier(audience).isEmpty()
				|| grants.find(clientId, audience).isPresent()) {
			return;
		}
		grants.save(clientId, audience, List.of(READ_LOGS), OrganizationUsage.DENY, false, List.of());
		log.info("Flow page: granted {} on {} to the client '{}'", READ_LOGS, audience, clientId);
	}

}
