package com.exampleco.authserver.quota;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Auth0's fine-grained M2M token quotas, applied to a token request that is otherwise
 * decided: the client's own quota or else the tenant default for clients, and, when the
 * request names an organization, the organization's own or else the tenant default for
 * organizations. Every bucket of both is counted; an enforced one that is spent refuses
 * the request ({@link TokenQuotaExceeded}) and nothing is counted for it; one that is not
 * enforced only reports.
 * <p>
 * Windows follow the {@link Clock} bean, so tests move time instead of waiting for the
 * next hour.
 */
@Component
public class TokenQuotas {

	private static final Logger log = LoggerFactory.getLogger(TokenQuotas.class);

	private final TokenQuotaProperties properties;

	private final TokenQuotaRepository quotas;

	private final TokenQuotaCounter counter;

	private final Clock clock;

	TokenQuotas(TokenQuotaProperties properties, TokenQuotaRepository quotas, TokenQuotaCounter counter, Clock clock) {
		this.properties = properties;
		this.quotas = quotas;
		this.counter = counter;
		this.clock = clock;
	}

	/**
	 * Counts one token for the client and the organization ({@code null}: none named).
	 * @return the quota headers of the response
	 * @throws TokenQuotaExceeded when an enforced quota is spent; nothing was counted
	 */
	public QuotaHeaders take(String clientId, String organizationId) {
		if (!properties.enabled()) {
			return QuotaHeaders.NONE;
		}
		TokenQuotaRepository.Stored stored = quotas.find(clientId, organizationId);
		TokenQuota clientQuota = stored.client() != null ? stored.client() : properties.defaults().client();
		TokenQuota organizationQuota = organizationId == null ? null
				: stored.organization() != null ? stored.organization() : properties.defaults().organization();
		if (!applies(clientQuota) && !applies(organizationQuota)) {
			return QuotaHeaders.NONE;
		}
		Instant now = clock.instant();
		List<Counted> counted = new ArrayList<>(4);
		count(counted, "client", "client:" + clientId, clientQuota, now);
		count(counted, "organization", "organization:" + organizationId, organizationQuota, now);

		Counted spent = null;
		for (Counted c : counted) {
			if (!c.taken() && (spent == null || c.window().end(now) > spent.window().end(now))) {
				spent = c;
			}
		}
		if (spent != null) {
			for (Counted c : counted) {
				if (c.taken()) {
					counter.giveBack(c.subject(), c.window(), now);
				}
			}
		}
		boolean refused = spent != null;
		QuotaHeaders headers = new QuotaHeaders(header(counted, "client", refused, now),
				header(counted, "organization", refused, now));
		if (refused) {
			String entity = spent.entity().equals("client") ? "Client" : "Organization";
			throw new TokenQuotaExceeded(entity + " quota exceeded", headers, spent.window().secondsToReset(now),
					spent.limit(), spent.window().end(now));
		}
		for (Counted c : counted) {
			if (c.count() == c.limit() + 1 && !c.enforce()) {
				// Auth0 writes a consumption warning log at 100%; here the first token
				// past an unenforced quota.
				log.warn("Token quota exceeded, not enforced: {} {} {} of {}", c.entity(), c.subject(),
						c.window().bucket(), c.limit());
			}
		}
		return headers;
	}

	private static boolean applies(TokenQuota quota) {
		return quota != null && quota.limitsAnything();
	}

	private void count(List<Counted> counted, String entity, String subject, TokenQuota quota, Instant now) {
		if (!applies(quota)) {
			return;
		}
		for (QuotaWindow window : QuotaWindow.values()) {
			Integer limit = window.limitOf(quota);
			if (limit != null) {
				TokenQuotaCounter.Count count = counter.take(subject, window, limit, quota.enforce(), now);
				counted.add(new Counted(entity, subject, window, limit, quota.enforce(), count.taken(), count.count()));
			}
		}
	}

	/**
	 * Auth0's header value for one entity; on a refusal, units taken were given back, so
	 * they are not counted.
	 */
	private static String header(List<Counted> counted, String entity, boolean refused, Instant now) {
		StringBuilder value = new StringBuilder();
		for (Counted c : counted) {
			if (!c.entity().equals(entity)) {
				continue;
			}
			long count = refused && c.taken() ? c.count() - 1 : c.count();
			long remaining = c.taken() ? Math.max(0, c.limit() - count) : 0;
			if (!value.isEmpty()) {
				value.append(',');
			}
			value.append("b=")
				.append(c.window().bucket())
				.append(";q=")
				.append(c.limit())
				.append(";r=")
				.append(remaining)
				.append(";t=")
				.append(c.window().secondsToReset(now));
		}
		return value.isEmpty() ? null : value.toString();
	}

	private record Counted(String entity, String subject, QuotaWindow window, long limit, boolean enforce,
			boolean taken, long count) {
	}

}
