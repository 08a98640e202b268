package com.exampleco.timesheets.api.system;

import java.net.URI;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param tokenUrl the authorization server's token endpoint, where Swagger UI asks for a
 * client-credentials token
 */
@Validated
@ConfigurationProperties("timesheets.openapi")
public record OpenApiProperties(@DefaultValue("http://localhost:9000/oauth/token") @NotNull URI tokenUrl) {
}
