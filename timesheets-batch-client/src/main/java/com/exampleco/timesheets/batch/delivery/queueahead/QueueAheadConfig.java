package com.exampleco.timesheets.batch.delivery.queueahead;

import com.exampleco.timesheets.batch.delivery.ChunksAhead;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Performance add-on: a second chunk queued behind each uploader, so that an uploader
 * that gets its answer takes the next chunk at once instead of waiting for the reading
 * thread, which waits for the oldest answer of the file. With one chunk per uploader, a
 * slow chunk at the head of the window leaves the uploaders behind it idle.
 *
 * <p>
 * The cost: twice as many chunks out ahead of the journal, so a crash resends up to twice
 * as many (the API answers {@code duplicate}). Its measured gain is in
 * {@code docs/performance.md}. Off with {@code batch.delivery.queue-ahead.enabled=false};
 * deleting this package leaves one chunk per uploader.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueAheadProperties.class)
@ConditionalOnBooleanProperty(name = "batch.delivery.queue-ahead.enabled", matchIfMissing = true)
public class QueueAheadConfig {

	@Bean
	public ChunksAhead twoChunksPerUploader() {
		return (uploaders) -> 2 * uploaders;
	}

}
