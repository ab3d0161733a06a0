package dev.salespipeline.command.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;

import dev.salespipeline.api.Bounds;

/**
 * An amount of money within the bounds {@link dev.salespipeline.api.deal.Money} accepts: at most
 * {@value Bounds#AMOUNT_INTEGER_DIGITS} integer digits and {@value Bounds#AMOUNT_FRACTION_DIGITS} decimal places,
 * in plain or scientific notation ({@code 1.5E+3}); one violation, on the field, whichever part fails. The sign
 * is the field's own constraint ({@code @PositiveOrZero}, {@code @Positive}), so that a negative amount is
 * one violation too.
 */
@Documented
@Constraint(validatedBy = {})
@ReportAsSingleViolation
@DecimalMax(Bounds.MAX_AMOUNT)
@Digits(integer = Bounds.AMOUNT_INTEGER_DIGITS, fraction = Bounds.AMOUNT_FRACTION_DIGITS)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Amount {

    /** For the OpenAPI document, next to {@code minimum} and {@code maximum}. */
    String DESCRIPTION = "Not negative, at most " + Bounds.AMOUNT_INTEGER_DIGITS + " integer digits and "
            + Bounds.AMOUNT_FRACTION_DIGITS + " decimal places, as a number or a string, in plain or scientific "
            + "notation (1.5E+3)";

    String message() default "must have at most " + Bounds.AMOUNT_INTEGER_DIGITS + " integer digits and "
            + Bounds.AMOUNT_FRACTION_DIGITS + " decimal places";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
