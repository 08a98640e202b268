package com.exampleco.timesheets.batch.inbox;

import java.io.IOException;

/**
 * An inbox file that is not read at all: not a regular file (a symbolic link, a
 * directory, a FIFO, a device) or one that cannot be opened. It goes to {@code failed/}
 * with this reason, and the other files are still delivered.
 */
public class FileRefusedException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param reason what is wrong with the file, without its name (names are printed
	 * escaped, by the caller)
	 */
	public FileRefusedException(String reason) {
		super(reason);
	}

}
