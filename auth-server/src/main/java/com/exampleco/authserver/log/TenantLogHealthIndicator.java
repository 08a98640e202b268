package com.exampleco.authserver.log;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code tenantLog} in {@code /actuator/health}: always UP (losing log events never stops
 * token issuance), with the events written and lost, by reason, in its details, where the
 * health endpoint shows details ({@code management.endpoint.health.show-details}).
 */
@Component
class TenantLogHealthIndicator implements HealthIndicator {

	private final TenantLog log;

	TenantLogHealthIndicator(TenantLog log) {
		this.log = log;
	}

	@Override
	public Health health() {
		TenantLog.Stats stats = log.stats();
		Health.Builder health = Health.up()
			.withDetail("enabled", stats.enabled())
			.withDetail("queued", stats.queued())
			.withDetail("capacity", stats.capacity())
			.withDetail("written", stats.written())
			.withDetail("dropped", stats.droppedQueueFull() + stats.droppedStoreFailed())
			.withDetail("droppedQueueFull", stats.droppedQueueFull())
			.withDetail("droppedStoreFailed", stats.droppedStoreFailed());
		if (stats.lastStoreError() != null) {
			health.withDetail("lastStoreError", stats.lastStoreError());
		}
		return health.build();
	}

}
