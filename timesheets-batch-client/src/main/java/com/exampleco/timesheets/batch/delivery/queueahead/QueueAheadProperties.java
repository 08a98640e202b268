package com.exampleco.timesheets.batch.delivery.queueahead;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled queue a second chunk behind each uploader (twice
 * {@code batch.delivery.concurrency} chunks out ahead of the journal); {@code false}
 * keeps one chunk per uploader
 */
@ConfigurationProperties("batch.delivery.queue-ahead")
public record QueueAheadProperties(@DefaultValue("true") boolean enabled) {
}
