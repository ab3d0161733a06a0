package dev.salespipeline.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.salespipeline.api.Bounds;

/**
 * A date or an instant in the years {@value Bounds#MIN_YEAR} to {@value Bounds#MAX_YEAR} (UTC), or null: the
 * REST edge's check of {@link Bounds#time} and {@link Bounds#date}, so that the answer names the field.
 */
@Documented
@Constraint(validatedBy = {WithinYears.ForInstant.class, WithinYears.ForDate.class})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface WithinYears {

    String message() default "must lie in the years " + Bounds.MIN_YEAR + " to " + Bounds.MAX_YEAR;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class ForInstant implements ConstraintValidator<WithinYears, Instant> {

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || Bounds.isWithinYears(value);
        }
    }

    class ForDate implements ConstraintValidator<WithinYears, LocalDate> {

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || Bounds.isWithinYears(value);
        }
    }
}
