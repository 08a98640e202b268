package com.exampleco.authserver.organization;

/**
 * A customer organization (a tenant of the API). Tokens issued for it carry
 * {@code org_id} and {@code org_name}.
 *
 * @param id stable identifier, e.g. {@code org_acme}
 * @param name unique, URL-friendly name, e.g. {@code acme}; a token request may name the
 * organization by either
 */
public record Organization(String id, String name, String displayName) {
}
