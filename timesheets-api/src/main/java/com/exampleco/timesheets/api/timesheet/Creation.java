package com.exampleco.timesheets.api.timesheet;

import java.util.UUID;

/**
 * The outcome of an idempotent create.
 *
 * @param id the entry's id: the new one, or for a replay the one created by the first
 * request with the key
 * @param entry the entry as stored, or {@code null} when a replayed key's entry has been
 * deleted since
 * @param replayed whether the key had been used before with the same content, so nothing
 * was created
 */
record Creation(UUID id, TimesheetEntry entry, boolean replayed) {
}
