package com.exampleco.authserver.action;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Actions bound to the credentials-exchange trigger, run in the order listed, and the
 * limits of every JavaScript Action execution.
 *
 * @param enabled {@code false} runs no Action at all, whatever is bound
 * @param timeout wall-clock time one JavaScript Action may run before the token request
 * fails with {@code server_error}. Auth0 allows 20 s for a whole flow; the default is 1 s
 * because a token request holds one of the token endpoint's few admission turns while it
 * runs, and a request waits at most 2 s for a turn ({@code auth-server.token.admission})
 * @param maxMemory bytes one JavaScript Action execution may allocate before it is
 * cancelled (GraalJS's community edition has no heap limit per context, so the request
 * thread's allocations are watched)
 * @param poolSize warm JavaScript contexts kept per Action (0: twice the processors, the
 * token endpoint's default number of requests processed at once)
 * @param warmUpExecutions executions of each JavaScript Action against a synthetic event,
 * in the background once the server is ready, so that the JIT has compiled the JavaScript
 * interpreter before requests need it (about 30,000 executions; until then each costs
 * 5-10 times as much CPU). Results, claims and cache writes of these executions are
 * discarded. 0: none
 * @param tenant {@code event.tenant.id} (Auth0: the tenant's name)
 * @param credentialsExchange the bound Actions, in the order they run; Auth0 allows 20
 * per trigger
 */
@Validated
@ConfigurationProperties("auth-server.actions")
public record ActionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1s") Duration timeout,
		@DefaultValue("64MB") DataSize maxMemory, @DefaultValue("0") int poolSize,
		@DefaultValue("30000") int warmUpExecutions, @DefaultValue("exampleco") String tenant,
		@Valid @Size(max = 20) List<Binding> credentialsExchange) {

	public ActionProperties {
		credentialsExchange = credentialsExchange == null ? List.of() : credentialsExchange;
	}

	/**
	 * One bound Action: either a JavaScript {@code script} or the name of a Spring
	 * {@code bean} implementing {@link CredentialsExchangeAction}.
	 *
	 * @param script a file path, or {@code classpath:...}, of an Auth0 Action's
	 * JavaScript (at most 100 kB)
	 * @param secrets {@code event.secrets}: Auth0 allows 30, keys of 128 and values of
	 * 4,096 characters. Set them from the environment; a value starting with
	 * {@code demo-} is accepted only under the demo profile
	 */
	public record Binding(@NotBlank String name, String script, String bean,
			@Size(max = 30) Map<String, @Size(max = 4096) String> secrets, @DefaultValue("true") boolean enabled) {

		public Binding {
			secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
		}
	}
}
