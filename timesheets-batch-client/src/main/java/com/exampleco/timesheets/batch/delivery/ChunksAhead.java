package com.exampleco.timesheets.batch.delivery;

/**
 * How many chunks a file may have sent or queued and not yet journalled, for its number
 * of uploaders. A crash resends at most these (the API answers {@code duplicate}), and
 * reading the file waits while that many are out.
 *
 * <p>
 * Without a bean of this type, one chunk per uploader ({@link #ONE_PER_UPLOADER}). A
 * performance add-on may declare one that allows more (see {@code delivery.queueahead}).
 */
@FunctionalInterface
public interface ChunksAhead {

	ChunksAhead ONE_PER_UPLOADER = (uploaders) -> uploaders;

	int limit(int uploaders);

}
