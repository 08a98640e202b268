package com.exampleco.authserver.client;

import java.util.Locale;

/**
 * Whether a client grant may be, or must be, used on behalf of an organization (Auth0's
 * {@code organization_usage}).
 */
public enum OrganizationUsage {

	DENY, ALLOW, REQUIRE;

	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static OrganizationUsage of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
