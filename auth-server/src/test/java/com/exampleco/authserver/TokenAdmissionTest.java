package com.exampleco.authserver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.exampleco.authserver.TokenEndpointClient.Answer;
import com.exampleco.authserver.client.ClientSecretAuthenticator;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static com.exampleco.authserver.TestClients.IMPORT_JOB;
import static com.exampleco.authserver.TestClients.TIMESHEETS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token requests take turns: one at a time here, the others in arrival order, each
 * getting its token when its turn comes, and a clear 503 when the wait is too long. Real
 * HTTP against a running server, whose token requests pass a test filter (behind the
 * admission) that can hold a turn for as long as a test needs.
 */
class TokenAdmissionTest {

	private static RunningServer server;

	/**
	 * A thread per client: the common pool may have fewer threads than the requests these
	 * tests hold at once.
	 */
	private static final ExecutorService clients = Executors.newCachedThreadPool();

	private static final List<String> arrivals = new CopyOnWriteArrayList<>();

	private static volatile CountDownLatch holding;

	private static volatile CountDownLatch release;

	@BeforeAll
	static void start() {
		server = RunningServer.start(new String[] { "test" }, new Class<?>[] { Turns.class },
				"--spring.datasource.url=jdbc:h2:mem:admission-test;DB_CLOSE_DELAY=-1",
				"--auth-server.token.admission.max-concurrent=1", "--auth-server.token.admission.max-wait=1500ms");
	}

	@AfterAll
	static void stop() {
		clients.shutdownNow();
		server.close();
	}

	@BeforeEach
	void reset() {
		arrivals.clear();
		holding = new CountDownLatch(1);
		release = new CountDownLatch(1);
	}

	@AfterEach
	void letGo() {
		release.countDown();
	}

	@Test
	void aQueuedRequestGetsItsTokenAsSoonAsTheTurnIsFree() throws Exception {
		CompletableFuture<Answer> holder = holdTheOnlyTurn();

		CompletableFuture<Answer> queued = tokenRequest("queued");
		Thread.sleep(300);
		assertThat(queued).as("waits while the turn is taken").isNotDone();

		release.countDown();
		assertThat(queued.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(queued.get().accessToken()).isNotBlank();
		assertThat(holder.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
	}

	@Test
	void waitingRequestsAreServedInTheOrderTheyArrived() throws Exception {
		holdTheOnlyTurn();
		List<CompletableFuture<Answer>> queued = new ArrayList<>();
		for (String name : List.of("first", "second", "third")) {
			queued.add(tokenRequest(name));
			Thread.sleep(150);
		}

		release.countDown();
		for (CompletableFuture<Answer> answer : queued) {
			assertThat(answer.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
		}
		assertThat(arrivals).containsExactly("holder", "first", "second", "third");
	}

	@Test
	void aRequestThatCannotGetATurnInTimeIsToldToRetryInTheTokenEndpointsErrorFormat() throws Exception {
		holdTheOnlyTurn();

		Answer answer = tokenRequest("too-late").get(5, TimeUnit.SECONDS);

		assertThat(answer.status()).isEqualTo(503);
		assertThat(answer.header("Retry-After")).isEqualTo("1");
		assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
		assertThat(answer.error()).isEqualTo("temporarily_unavailable");
		assertThat(answer.description()).contains("retry after 1 second");
		assertThat(arrivals).as("it never reached the token endpoint").containsExactly("holder");
	}

	@Test
	void aRequestThatFailsGivesItsTurnBack() throws Exception {
		Answer failed = tokenRequest("failing").get(5, TimeUnit.SECONDS);
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.error()).isEqualTo("server_error");

		assertThat(tokenRequest("next").get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
	}

	@Test
	void theJwksStaysAvailableWhileEveryTokenTurnIsTaken() throws Exception {
		holdTheOnlyTurn();

		Answer jwks = server.client().get("/.well-known/jwks.json");

		assertThat(jwks.status()).isEqualTo(200);
		assertThat(jwks.body()).contains("\"keys\"");
	}

	private static CompletableFuture<Answer> holdTheOnlyTurn() throws InterruptedException {
		CompletableFuture<Answer> holder = tokenRequest("holder");
		assertThat(holding.await(5, TimeUnit.SECONDS)).as("the holder has the turn").isTrue();
		return holder;
	}

	private static CompletableFuture<Answer> tokenRequest(String name) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/oauth/token")))
			.header("Authorization", TokenEndpointClient.basic(IMPORT_JOB.clientId(), IMPORT_JOB.secret()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(Turns.HEADER, name)
			.POST(HttpRequest.BodyPublishers
				.ofString(TokenEndpointClient.form("grant_type", "client_credentials", "audience", TIMESHEETS)));
		return CompletableFuture.supplyAsync(() -> server.client().send(request), clients);
	}

	/**
	 * Behind the admission: notes who got a turn, holds it for "holder", fails for
	 * "failing". It wraps the client secret check, the first step a request takes once it
	 * has its turn.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Turns {

		static final String HEADER = "X-Test-Request";

		@Bean
		static BeanPostProcessor turnRecorder() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					// Component scanning may find this configuration a second time: wrap
					// the bean once.
					if (!(bean instanceof ClientSecretAuthenticator) || AopUtils.isAopProxy(bean)) {
						return bean;
					}
					ProxyFactory proxy = new ProxyFactory(bean);
					proxy.setProxyTargetClass(true);
					proxy.addAdvice((MethodInterceptor) invocation -> {
						if (invocation.getMethod().getName().equals("authenticate")) {
							record(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
								.getRequest()
								.getHeader(HEADER));
						}
						return invocation.proceed();
					});
					return proxy.getProxy();
				}
			};
		}

		private static void record(String name) {
			if (name == null) {
				return;
			}
			arrivals.add(name);
			if (name.equals("holder")) {
				holding.countDown();
				await(release);
			}
			if (name.equals("failing")) {
				throw new IllegalStateException("a fault behind the admission");
			}
		}

		private static void await(CountDownLatch latch) {
			try {
				latch.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
