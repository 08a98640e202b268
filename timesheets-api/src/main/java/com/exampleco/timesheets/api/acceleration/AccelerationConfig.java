package com.exampleco.timesheets.api.acceleration;

import java.security.Provider;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import com.exampleco.timesheets.api.security.AccessTokenDecoderCustomizer;

/**
 * Each add-on as an {@link AccessTokenDecoderCustomizer} of the API's decoder, on unless
 * its property says {@code false}. They are independent: any of them may be off.
 */
@Configuration(proxyBeanMethods = false)
public class AccelerationConfig {

	@Bean
	@ConditionalOnBooleanProperty(name = "timesheets.acceleration.corretto.enabled", matchIfMissing = true)
	CorrettoVerification correttoVerification() {
		return new CorrettoVerification();
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "timesheets.acceleration.converted-keys.enabled", matchIfMissing = true)
	AccessTokenDecoderCustomizer convertedKeys(ObjectProvider<CorrettoVerification> corretto) {
		Provider provider = corretto.stream().findFirst().flatMap(CorrettoVerification::provider).orElse(null);
		return new AccessTokenDecoderCustomizer() {
			@Override
			public void customize(ConfigurableJWTProcessor<SecurityContext> processor) {
				if (processor.getJWSKeySelector() instanceof JWSVerificationKeySelector<SecurityContext> standard) {
					processor.setJWSKeySelector(new ConvertedKeySelector(standard, provider));
				}
			}
		};
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "timesheets.acceleration.verified-tokens.enabled", matchIfMissing = true)
	AccessTokenDecoderCustomizer verifiedTokens(JWKSource<SecurityContext> accessTokenKeys,
			OAuth2TokenValidator<Jwt> accessTokenValidator, AccelerationProperties properties) {
		return new AccessTokenDecoderCustomizer() {
			@Override
			public JwtDecoder decorate(JwtDecoder decoder) {
				return new VerifiedTokens(decoder, accessTokenKeys, accessTokenValidator, properties.verifiedTokens());
			}
		};
	}

}
