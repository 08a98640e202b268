package com.exampleco.timesheets.api.timesheet;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to record the hours one employee worked on one project on one day.
 */
public record NewTimesheetEntry(
		@JsonProperty("employee_id") @NotBlank @Size(max = 64) @Pattern(
				regexp = NO_CONTROL_CHARACTERS, message = NO_CONTROL_CHARACTERS_MESSAGE) String employeeId,
		@NotNull @WorkDate LocalDate date,
		@NotBlank @Size(max = 128) @Pattern(regexp = NO_CONTROL_CHARACTERS,
				message = NO_CONTROL_CHARACTERS_MESSAGE) String project,
		@NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("24") @Digits(integer = 2,
				fraction = 2) BigDecimal hours,
		@Size(max = 1000) @Pattern(regexp = "(?:[^\\p{Cc}]|[\\t\\n\\r])*",
				message = "must not contain control characters other than tab and line breaks") String notes) {

	/**
	 * Control characters have no place in an identifier, and PostgreSQL refuses the NUL
	 * character in text outright: without this check such a value passes H2 and ends as a
	 * 500 in production, failing a whole upload each time the client resends it.
	 */
	static final String NO_CONTROL_CHARACTERS = "[^\\p{Cc}]*";

	static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

	/**
	 * A digest of the entry's content, stored with its idempotency key: a retry must
	 * carry the same content, so that a key reused by mistake for another entry is
	 * refused instead of silently answered with the first one. Hours are compared by
	 * value ({@code 7.5} and {@code 7.50} are the same entry).
	 */
	String fingerprint() {
		String canonical = String.join("\n", this.employeeId, String.valueOf(this.date), this.project,
				this.hours.stripTrailingZeros().toPlainString(), Objects.toString(this.notes, ""));
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
