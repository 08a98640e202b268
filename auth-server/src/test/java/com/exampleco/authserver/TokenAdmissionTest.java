package com.exampleco.authserver;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.exampleco.authserver.token.TokenAdmissionFilter;
import com.exampleco.authserver.token.TokenAdmissionProperties;
import com.exampleco.authserver.token.TokenErrorResponder;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Token requests take turns: a bounded number at once, the rest in arrival order, and a clear 503 when the queue is too long. */
class TokenAdmissionTest {

    private final CountDownLatch inside = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** A token request that holds its turn until the test lets it go. */
    private final FilterChain slowTokenRequest = (request, response) -> {
        inside.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ((jakarta.servlet.http.HttpServletResponse) response).setStatus(200);
    };

    @AfterEach
    void letGo() {
        release.countDown();
    }

    @Test
    void aRequestThatCannotGetATurnInTimeIsToldToRetryInTheTokenEndpointsErrorFormat() throws Exception {
        var filter = admission(1, Duration.ofMillis(50));
        holdTheOnlyTurn(filter);

        var response = new MockHttpServletResponse();
        filter.doFilter(tokenRequest(), response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
        var body = JsonMapper.shared().readTree(response.getContentAsString());
        assertThat(body.get("error").asString()).isEqualTo("temporarily_unavailable");
        assertThat(body.get("error_description").asString()).contains("retry after 1 second");
    }

    @Test
    void aQueuedRequestGoesAheadAsSoonAsATurnIsFree() throws Exception {
        var filter = admission(1, Duration.ofSeconds(5));
        holdTheOnlyTurn(filter);

        var queued = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        var done = CompletableFuture.runAsync(() -> doFilter(filter, queued, chain));
        Thread.sleep(100);
        assertThat(done).isNotDone();

        release.countDown();
        done.get(5, TimeUnit.SECONDS);
        assertThat(chain.getRequest()).as("the queued request reached the token endpoint").isNotNull();
        assertThat(queued.getStatus()).isEqualTo(200);
    }

    @Test
    void aRequestThatFailsGivesItsTurnBack() throws Exception {
        var filter = admission(1, Duration.ofMillis(50));
        FilterChain failing = (request, response) -> {
            throw new IllegalStateException("boom");
        };
        assertThatThrownBy(() -> filter.doFilter(tokenRequest(), new MockHttpServletResponse(), failing))
                .isInstanceOf(IllegalStateException.class);

        var next = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(tokenRequest(), next, chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(next.getStatus()).isEqualTo(200);
    }

    @Test
    void theJwksStaysAvailableWhileEveryTokenTurnIsTaken() throws Exception {
        var filter = admission(1, Duration.ofMillis(50));
        holdTheOnlyTurn(filter);

        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/.well-known/jwks.json"), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }

    private void holdTheOnlyTurn(TokenAdmissionFilter filter) throws InterruptedException {
        CompletableFuture.runAsync(() -> doFilter(filter, new MockHttpServletResponse(), slowTokenRequest));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
    }

    private static void doFilter(TokenAdmissionFilter filter, MockHttpServletResponse response, FilterChain chain) {
        try {
            filter.doFilter(tokenRequest(), response, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TokenAdmissionFilter admission(int maxConcurrent, Duration maxWait) {
        return new TokenAdmissionFilter(new TokenAdmissionProperties(maxConcurrent, maxWait), new TokenErrorResponder());
    }

    private static MockHttpServletRequest tokenRequest() {
        var request = new MockHttpServletRequest("POST", "/oauth/token");
        request.setContentType("application/x-www-form-urlencoded");
        return request;
    }
}
