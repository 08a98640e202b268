package com.exampleco.authserver.management;

import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import com.exampleco.authserver.log.LogValues;

/**
 * The query string of a management request, checked as Auth0 checks it: a parameter the
 * endpoint does not define is refused
 * ({@code Query validation error: 'Additional properties not allowed: x'}), and so is one
 * given twice, whose meaning would depend on which value a framework picks.
 */
final class ManagementQuery {

	private ManagementQuery() {
	}

	static void allowOnly(HttpServletRequest request, Set<String> allowed) {
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (!allowed.contains(parameter.getKey())) {
				throw ManagementApiException.invalidQuery("Query validation error: 'Additional properties not "
						+ "allowed: " + LogValues.safe(parameter.getKey()) + "'.");
			}
			if (parameter.getValue().length > 1) {
				throw ManagementApiException.invalidQuery("Query validation error: '"
						+ LogValues.safe(parameter.getKey()) + "' is given more than once.");
			}
		}
	}

}
