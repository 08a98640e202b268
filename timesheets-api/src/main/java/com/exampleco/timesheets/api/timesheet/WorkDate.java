package com.exampleco.timesheets.api.timesheet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A date with a four-digit year, 0001-01-01 to 9999-12-31 (RFC 3339's full-date). Java
 * reads "+5874898-01-01" as a date, PostgreSQL cannot store it: without this bound such a
 * value passes H2 and ends as a 500 in production, failing a whole upload each time the
 * client resends it.
 */
@Documented
@Constraint(validatedBy = WorkDate.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface WorkDate {

	LocalDate MIN = LocalDate.of(1, 1, 1);

	LocalDate MAX = LocalDate.of(9999, 12, 31);

	String MESSAGE = "must be between 0001-01-01 and 9999-12-31";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<WorkDate, LocalDate> {

		/**
		 * Whether {@code date} is within the bounds; {@code null} is left to
		 * {@code @NotNull}.
		 */
		static boolean withinBounds(LocalDate date) {
			return date == null || !(date.isBefore(MIN) || date.isAfter(MAX));
		}

		@Override
		public boolean isValid(LocalDate date, ConstraintValidatorContext context) {
			return withinBounds(date);
		}

	}

}
