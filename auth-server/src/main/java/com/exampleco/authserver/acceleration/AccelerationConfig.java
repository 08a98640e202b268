package com.exampleco.authserver.acceleration;

import java.security.Provider;

import com.nimbusds.jose.crypto.RSASSASigner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.exampleco.authserver.keys.RsaSignerFactory;

/**
 * Each add-on on unless its property says {@code false}. They are independent: with the
 * reusable signer off, Nimbus's signer still uses Corretto if that add-on is on.
 */
@Configuration(proxyBeanMethods = false)
public class AccelerationConfig {

	@Bean
	@ConditionalOnBooleanProperty(name = "auth-server.acceleration.corretto.enabled", matchIfMissing = true)
	CorrettoSignatures correttoSignatures() {
		return new CorrettoSignatures();
	}

	@Bean
	RsaSignerFactory acceleratedRsaSigners(AccelerationProperties properties,
			ObjectProvider<CorrettoSignatures> corretto) {
		Provider provider = corretto.stream().findFirst().flatMap(CorrettoSignatures::provider).orElse(null);
		if (properties.reusableSigner().enabled()) {
			return (key) -> new ReusableRsaSigner(key, provider);
		}
		return (key) -> {
			RSASSASigner signer = new RSASSASigner(key);
			signer.getJCAContext().setProvider(provider);
			return signer;
		};
	}

}
