package com.exampleco.timesheets.batch.delivery;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Opens the {@link UploadWindow} of each file, sized by
 * {@code batch.delivery.concurrency} and {@link ChunksAhead}.
 */
@Component
public class UploadWindows {

	private final ChunkDelivery delivery;

	private final int uploaders;

	private final int limit;

	public UploadWindows(ChunkDelivery delivery, DeliveryProperties properties, ObjectProvider<ChunksAhead> ahead) {
		this.delivery = delivery;
		this.uploaders = properties.concurrency();
		this.limit = Math.max(this.uploaders,
				ahead.getIfAvailable(() -> ChunksAhead.ONE_PER_UPLOADER).limit(this.uploaders));
	}

	public UploadWindow open() {
		return new UploadWindow(this.delivery, this.uploaders, this.limit);
	}

	public int uploaders() {
		return this.uploaders;
	}

}
