package com.exampleco.timesheets.api.support;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.exampleco.timesheets.api.security.AccessTokenDecoderConfig;

/**
 * The API's {@link JwtDecoder} as the application builds it, without the web server or
 * the database: the decoder configuration, the add-ons of the {@code acceleration}
 * package that the properties leave on (found by scanning, so this compiles without that
 * package), and the properties bound as Boot binds them.
 */
public final class AccessTokenDecoders implements AutoCloseable {

	static final String ACCELERATION = "com.exampleco.timesheets.api.acceleration";

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

	public AccessTokenDecoders(Map<String, String> properties) {
		this.context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.copyOf(properties)));
		this.context.register(Properties.class, AccessTokenDecoderConfig.class);
		this.context.scan(ACCELERATION);
		this.context.refresh();
	}

	public JwtDecoder decoder() {
		return this.context.getBean(JwtDecoder.class);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan("com.exampleco.timesheets.api")
	static class Properties {

	}

}
