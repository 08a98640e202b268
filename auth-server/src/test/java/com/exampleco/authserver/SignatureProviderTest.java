package com.exampleco.authserver;

import com.exampleco.authserver.keys.SignatureProvider;
import com.exampleco.authserver.keys.SigningKeyProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/** Which JCA provider signs tokens, as the server reports it at startup. */
class SignatureProviderTest {

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void onLinuxX8664TheBuildShipsAmazonCorrettoCryptoProviderAndItSigns() {
        var provider = new SignatureProvider(properties(true));

        assertThat(provider.provider()).isPresent();
        assertThat(provider.describe()).startsWith("AmazonCorrettoCryptoProvider");
    }

    @Test
    void turningTheFastProviderOffSignsWithTheJdk() {
        var provider = new SignatureProvider(properties(false));

        assertThat(provider.provider()).isEmpty();
        assertThat(provider.describe()).contains("JDK");
    }

    static SigningKeyProperties properties(boolean fastProvider) {
        return new SigningKeyProperties("A/SX5Jp2xiUfuKr8MAG16QdQWT81UK2HD5KQgMYx2eE=", 2048, fastProvider);
    }
}
