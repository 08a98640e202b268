package com.exampleco.timesheets.api.timesheet;

import java.util.UUID;

/**
 * No entry with this id in the caller's tenant (it may exist in another one; we do not
 * say).
 */
public class EntryNotFoundException extends RuntimeException {

	public EntryNotFoundException(UUID id) {
		super("No timesheet entry " + id);
	}

}
