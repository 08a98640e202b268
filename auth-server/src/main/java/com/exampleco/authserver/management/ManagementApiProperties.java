package com.exampleco.authserver.management;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param clientId     the management client created at the first start, with a grant for every management scope
 * @param clientName   its name
 * @param clientSecret its secret; none is created when empty (a team then creates its management clients through the
 *                     API with an existing one, or seeds one another way). Checked by the secret policy.
 */
@Validated
@ConfigurationProperties("auth-server.management")
public record ManagementApiProperties(@DefaultValue("management-api-client") String clientId,
                                      @DefaultValue("Management API client") String clientName,
                                      String clientSecret) {
}
