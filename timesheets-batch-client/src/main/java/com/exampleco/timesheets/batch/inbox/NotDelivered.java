package com.exampleco.timesheets.batch.inbox;

import java.util.List;

/**
 * A line of an inbox file that was not delivered: refused here as invalid, or rejected by
 * the API.
 *
 * @param line the line (record) number, counting the CSV header as line 1
 * @param errors why, one per offending field
 * @param row the line as written back to {@code failed/} for correction, or {@code null}
 * when it is not copied
 */
public record NotDelivered(int line, List<LineError> errors, String row) {
}
