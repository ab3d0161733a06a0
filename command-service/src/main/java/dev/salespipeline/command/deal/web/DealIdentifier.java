package dev.salespipeline.command.deal.web;

import dev.salespipeline.command.web.Identifiers;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/** A deal id in a path: see {@link Identifiers}. */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = Identifiers.PATTERN)
@ReportAsSingleViolation
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@interface DealIdentifier {

    String message() default Identifiers.MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
