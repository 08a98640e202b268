package com.exampleco.authserver.management;

import org.springframework.web.bind.annotation.RequestMapping;

/**
 * A path below {@code /api/v2} that no endpoint serves: Auth0's 404 body rather than the
 * server's RFC 9457 one, so a script that calls an endpoint this server lacks gets the
 * error its SDK can read. Every mapped endpoint is more specific than this pattern and
 * wins over it.
 */
@ManagementApi
class UnknownManagementPath {

	@RequestMapping(ManagementScopes.BASE_PATH + "/**")
	void unknown() {
		throw ManagementApiException.notFound("Not Found", null);
	}

}
