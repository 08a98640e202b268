package com.exampleco.authserver.action;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import tools.jackson.databind.ObjectMapper;

/**
 * An Auth0 Action's JavaScript, run as it is: a CommonJS module exporting
 * {@code onExecuteCredentialsExchange(event,
 * api)}, async or not, with modern syntax ({@code async}/{@code await}, arrow functions,
 * optional chaining).
 * <p>
 * Each execution borrows a warm context from a small pool: creating a context costs about
 * 1 ms of CPU, reusing one 20-45 us (docs/design/actions-engine.md). A context holds the
 * evaluated module, so module-level variables live as long as the context, as they do in
 * Auth0's warm containers; an Action must not count on them (use {@code api.cache}). Only
 * strings cross between Java and JavaScript (the event and the result as JSON, and the
 * cache calls), so no Java object is reachable from the Action.
 */
final class JavaScriptAction implements CredentialsExchangeAction, AutoCloseable {

	/**
	 * Longest result (claims, denial) read back from an execution; the claims themselves
	 * are bounded later.
	 */
	private static final int MAX_RESULT_CHARS = 1024 * 1024;

	/**
	 * Wraps the module: {@code exports}, {@code module} and a {@code require} that finds
	 * no module (Node's message), since npm packages are not installed here.
	 * {@code run(eventJson)} calls the handler with Auth0's {@code api} and returns a
	 * function that reads the outcome as JSON: by then GraalJS has run the microtasks of
	 * the handler's promise, so a handler that awaits only settled work has settled; one
	 * still pending never will.
	 */
	private static final String RUNNER = """
			(function (moduleFunction, cache) {
			  'use strict';
			  const module = { exports: {} };
			  const require = (name) => { throw new Error("Cannot find module '" + name + "'"); };
			  moduleFunction.call(module.exports, module.exports, module, require);
			  const handler = module.exports.onExecuteCredentialsExchange;
			  if (typeof handler !== 'function') {
			    throw new Error('The Action does not export onExecuteCredentialsExchange');
			  }
			  const describe = (e) => {
			    try { return e instanceof Error ? e.message : String(e); }
			    catch (_) { return 'an error that cannot be described'; }
			  };
			  const optional = (value) => value === undefined || value === null ? null : Number(value);
			  return function run(eventJson) {
			    const out = { claims: {}, deny: null, state: 'pending', error: null };
			    const api = {
			      access: {
			        deny(code, reason) {
			          if (out.deny === null) {
			            out.deny = { code: String(code), reason: reason === undefined || reason === null ? null : String(reason) };
			          }
			          return api;
			        }
			      },
			      accessToken: {
			        setCustomClaim(name, value) { out.claims[String(name)] = value; return api; }
			      },
			      cache: {
			        get(key) { const r = cache.get(String(key)); return r === null ? undefined : JSON.parse(r); },
			        set(key, value, options) {
			          return JSON.parse(cache.set(String(key), String(value), optional(options?.ttl), optional(options?.expires_at)));
			        },
			        delete(key) { return JSON.parse(cache.remove(String(key))); }
			      }
			    };
			    try {
			      Promise.resolve(handler(JSON.parse(eventJson), api)).then(
			        () => { out.state = 'done'; },
			        (e) => { out.state = 'error'; out.error = describe(e); });
			    } catch (e) {
			      out.state = 'error';
			      out.error = describe(e);
			    }
			    return () => {
			      try { return JSON.stringify(out); }
			      catch (e) { return JSON.stringify({ claims: {}, deny: null, state: 'error', error: describe(e) }); }
			    };
			  };
			})
			""";

	private final String name;

	private final Source module;

	private final Source runner;

	private final ActionSandbox sandbox;

	private final ObjectMapper json;

	private final BlockingQueue<Warm> pool;

	JavaScriptAction(String name, String script, ActionSandbox sandbox, ObjectMapper json, int poolSize) {
		this.name = name;
		// The wrapper opens on the script's first line, so that line numbers in errors
		// are the file's own.
		this.module = Source.newBuilder("js", "(function (exports, module, require) {" + script + "\n})", name + ".js")
			.cached(true)
			.buildLiteral();
		this.runner = Source.newBuilder("js", RUNNER, "action-runner.js").cached(true).buildLiteral();
		this.sandbox = sandbox;
		this.json = json;
		this.pool = new ArrayBlockingQueue<>(poolSize);
		// Loaded at startup: a syntax error, a missing export or a require() at the top
		// fails the start, not the first token request.
		pool.add(warm());
	}

	@Override
	public void onExecuteCredentialsExchange(CredentialsExchangeEvent event, ActionApi api) {
		String eventJson = json.writeValueAsString(event);
		Warm warm = pool.poll();
		if (warm == null) {
			warm = warm();
		}
		String resultJson = null;
		ActionFailure.Kind stoppedBy;
		ActionSandbox.Guard guard = sandbox.watch(warm.context());
		try {
			warm.cache().target = api.cache();
			resultJson = warm.run().execute(eventJson).execute().asString();
		}
		catch (PolyglotException e) {
			stoppedBy = guard.stop();
			if (stoppedBy == null && e.isResourceExhausted()) {
				stoppedBy = ActionFailure.Kind.MEMORY;
			}
			if (stoppedBy == null && (e.isCancelled() || e.isInterrupted())) {
				stoppedBy = ActionFailure.Kind.TIMEOUT;
			}
			if (stoppedBy != null) {
				throw limitReached(stoppedBy);
			}
			throw new ActionFailure(ActionFailure.Kind.ERROR, e.getMessage());
		}
		finally {
			stoppedBy = guard.stop();
			warm.cache().target = null;
			if (resultJson != null && stoppedBy == null && !pool.offer(warm)) {
				warm.context().close();
			}
			else if (resultJson == null || stoppedBy != null) {
				// Cancelled or failed mid-way: the context may hold half-done state;
				// never reuse it.
				closeQuietly(warm.context());
			}
		}
		apply(resultJson, api);
	}

	/**
	 * Runs the Action {@code executions} times against {@code event} with a cache of its
	 * own, discarding what it does; stops early if it hits a limit (an Action that loops
	 * would only burn CPU here). Returns the executions run.
	 */
	int warmUp(CredentialsExchangeEvent event, int executions, ActionCache scratch) {
		for (int i = 0; i < executions; i++) {
			try {
				onExecuteCredentialsExchange(event, new ActionApi(scratch));
			}
			catch (ActionFailure e) {
				if (e.kind() != ActionFailure.Kind.ERROR) {
					return i + 1;
				}
			}
			catch (RuntimeException e) {
				// a denial with a bad code, and the like: the interpreter warmed up all
				// the same
			}
		}
		return executions;
	}

	private ActionFailure limitReached(ActionFailure.Kind kind) {
		return new ActionFailure(kind,
				kind == ActionFailure.Kind.TIMEOUT
						? "The Action exceeded its time limit of " + sandbox.timeout().toMillis() + " ms."
						: "The Action exceeded its memory limit of " + sandbox.maxBytes() / (1024 * 1024) + " MB.");
	}

	private void apply(String resultJson, ActionApi api) {
		if (resultJson.length() > MAX_RESULT_CHARS) {
			throw new ActionFailure(ActionFailure.Kind.ERROR, "Custom claims payload exceeds 100 KB.");
		}
		Result result = json.readValue(resultJson, Result.class);
		if ("error".equals(result.state())) {
			throw new ActionFailure(ActionFailure.Kind.ERROR, result.error());
		}
		if (!"done".equals(result.state())) {
			// Nothing can settle it any more: there is no event loop, timer or I/O to
			// wait for.
			throw new ActionFailure(ActionFailure.Kind.TIMEOUT,
					"The Action did not complete: it awaits a promise that never settles.");
		}
		if (result.claims() != null) {
			result.claims().forEach((claim, value) -> api.accessToken().setCustomClaim(claim, value));
		}
		if (result.deny() != null) {
			api.access().deny(result.deny().code(), result.deny().reason());
		}
	}

	private Warm warm() {
		Context context = sandbox.newContext();
		try {
			CacheBridge cache = new CacheBridge(json);
			Value run = context.eval(runner).execute(context.eval(module), cache);
			return new Warm(context, run, cache);
		}
		catch (PolyglotException e) {
			closeQuietly(context);
			throw new IllegalStateException("Action '" + name + "' could not be loaded: " + e.getMessage());
		}
	}

	private static void closeQuietly(Context context) {
		try {
			context.close(true);
		}
		catch (RuntimeException alreadyClosed) {
			// cancelled by the watchdog
		}
	}

	@Override
	public void close() {
		Warm warm;
		while ((warm = pool.poll()) != null) {
			closeQuietly(warm.context());
		}
	}

	private record Warm(Context context, Value run, CacheBridge cache) {
	}

	private record Result(Map<String, Object> claims, Denial deny, String state, String error) {
	}

	private record Denial(String code, String reason) {
	}

	/**
	 * {@code api.cache} as the JavaScript side sees it: strings in, JSON out. Only the
	 * exported methods can be called from the Action; the target is the running Action's
	 * cache, set for the length of one execution.
	 */
	public static final class CacheBridge {

		private final ObjectMapper json;

		private volatile ActionCache target;

		CacheBridge(ObjectMapper json) {
			this.json = json;
		}

		@HostAccess.Export
		public String get(String key) {
			ActionCache.CacheRecord record = target.get(key);
			if (record == null) {
				return null;
			}
			Map<String, Object> value = new LinkedHashMap<>();
			value.put("value", record.value());
			value.put("expires_at", record.expiresAt());
			return json.writeValueAsString(value);
		}

		@HostAccess.Export
		public String set(String key, String value, Object ttl, Object expiresAt) {
			return written(target.set(key, value, millis(ttl), millis(expiresAt)));
		}

		@HostAccess.Export
		public String remove(String key) {
			return written(target.delete(key));
		}

		private String written(ActionCache.CacheWriteResult result) {
			return result.code() == null ? "{\"type\":\"success\"}"
					: "{\"type\":\"error\",\"code\":\"" + result.code() + "\"}";
		}

		private static Long millis(Object value) {
			return value instanceof Number number && Double.isFinite(number.doubleValue()) ? number.longValue() : null;
		}

	}

}
