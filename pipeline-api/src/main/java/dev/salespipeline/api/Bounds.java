package dev.salespipeline.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * The largest (and smallest) values the pipeline accepts, in one place, so that the REST edge, the
 * commands and events, the JSON schemas of the contract and every reader agree on them.
 *
 * <ul>
 * <li>Amounts: at most {@value #AMOUNT_INTEGER_DIGITS} integer and {@value #AMOUNT_FRACTION_DIGITS}
 * fraction digits, at most 19 significant digits: a MongoDB Decimal128 (34 digits) holds any of them and sums
 * of a great many of them exactly, no reader needs binary floating point, and no real deal comes near
 * 10<sup>15</sup> in any currency.</li>
 * <li>Dates and times: years {@value #MIN_YEAR} to {@value #MAX_YEAR}, which every store and every
 * date library represents.</li>
 * <li>Texts: lengths in UTF-16 characters (Java's {@code String.length()}), chosen so that the largest event
 * that any command may produce, every character escaped, stays far below Kafka's default
 * {@code max.request.size} of 1 MiB.</li>
 * </ul>
 * The checks throw {@link IllegalArgumentException} naming the field.
 */
public final class Bounds {

    public static final int AMOUNT_INTEGER_DIGITS = 15;
    public static final int AMOUNT_FRACTION_DIGITS = 4;
    /** The largest amount: 15 nines, a point, 4 nines. */
    public static final String MAX_AMOUNT = "999999999999999.9999";
    /** An amount as the contract writes it: plain decimal notation within the digit bounds. */
    public static final String AMOUNT_PATTERN = "^[0-9]{1,15}(\\.[0-9]{1,4})?$";

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2999;

    /** Ids chosen by clients or by the service: deals, pipelines, stages, tasks, teams, owners... */
    public static final int ID_LENGTH = 100;
    /** Ids given by outside systems: the source system's name and its own id of a call or email. */
    public static final int EXTERNAL_ID_LENGTH = 255;
    /** Names: pipelines, stages, lost reasons, source channels, industries. */
    public static final int NAME_LENGTH = 100;
    /** Titles of deals, tasks and meetings; company, contact and product names. */
    public static final int TITLE_LENGTH = 200;
    /** An email address (RFC 5321's limit for a path). */
    public static final int EMAIL_LENGTH = 254;
    public static final int PHONE_LENGTH = 40;
    /** One line or paragraph: subjects, reasons, a loss's comment, recording URLs. */
    public static final int TEXT_LENGTH = 2_000;
    /** Comments and meeting notes. */
    public static final int NOTE_LENGTH = 10_000;
    /** A call's transcript: about two hours of speech. */
    public static final int TRANSCRIPT_LENGTH = 100_000;

    public static final int MAX_STAGES = 30;
    public static final int MAX_LOST_REASONS = 50;

    /** A call lasts at most a day. */
    public static final long MAX_CALL_SECONDS = 86_400;
    /** A meeting lasts at most a day. */
    public static final long MAX_MEETING_MINUTES = 1_440;
    /** Stage time limits and idle limits: at most ten years (that they are positive is the pipeline's rule). */
    public static final Duration MAX_LIMIT = Duration.ofDays(3_650);

    private static final BigDecimal LARGEST_AMOUNT = new BigDecimal(MAX_AMOUNT);

    private Bounds() {
    }

    /** A text of at most {@code maxLength} characters, or null. */
    public static String text(String field, String value, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be at most " + maxLength + " characters, not "
                    + value.length());
        }
        return value;
    }

    /** A list of at most {@code maxSize} texts of at most {@code maxLength} characters each, or null. */
    public static <T extends Collection<String>> T texts(String field, T values, int maxSize, int maxLength) {
        if (values != null) {
            size(field, values, maxSize);
            values.forEach(value -> text(field, value, maxLength));
        }
        return values;
    }

    /** A collection of at most {@code maxSize} elements, or null. */
    public static <T extends Collection<?>> T size(String field, T values, int maxSize) {
        if (values != null && values.size() > maxSize) {
            throw new IllegalArgumentException(field + " must have at most " + maxSize + " elements, not "
                    + values.size());
        }
        return values;
    }

    /** A whole number from {@code min} to {@code max}. */
    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ": " + value);
        }
        return value;
    }

    /** An instant in the years {@value #MIN_YEAR} to {@value #MAX_YEAR} (UTC), or null. */
    public static Instant time(String field, Instant value) {
        if (value != null && !isWithinYears(value)) {
            throw new IllegalArgumentException(field + " must lie in the years " + MIN_YEAR + " to " + MAX_YEAR
                    + ": " + value);
        }
        return value;
    }

    /** A date in the years {@value #MIN_YEAR} to {@value #MAX_YEAR}, or null. */
    public static LocalDate date(String field, LocalDate value) {
        if (value != null && !isWithinYears(value)) {
            throw new IllegalArgumentException(field + " must lie in the years " + MIN_YEAR + " to " + MAX_YEAR
                    + ": " + value);
        }
        return value;
    }

    /** A duration of at most {@link #MAX_LIMIT}, or null. */
    public static Duration limit(String field, Duration value) {
        if (value != null && value.compareTo(MAX_LIMIT) > 0) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_LIMIT.toDays() + " days: " + value);
        }
        return value;
    }

    public static boolean isWithinYears(Instant value) {
        int year = value.atOffset(ZoneOffset.UTC).getYear();
        return year >= MIN_YEAR && year <= MAX_YEAR;
    }

    public static boolean isWithinYears(LocalDate value) {
        return value.getYear() >= MIN_YEAR && value.getYear() <= MAX_YEAR;
    }

    /**
     * Whether an amount has at most {@value #AMOUNT_INTEGER_DIGITS} integer and {@value #AMOUNT_FRACTION_DIGITS}
     * fraction digits, trailing zeros after the point not counted ({@code 1.50000} is {@code 1.5}). Cheap for
     * any exponent: {@code 1E+400} is refused without being expanded.
     */
    public static boolean isAmount(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits > AMOUNT_INTEGER_DIGITS) {
            return false;
        }
        // Fewer than 15 integer digits, so at most 15 + scale digits: stripping is cheap from here on.
        return fractionDigits(value) <= AMOUNT_FRACTION_DIGITS && value.abs().compareTo(LARGEST_AMOUNT) <= 0;
    }

    /** The number of digits after the point, trailing zeros not counted; 0 for a whole number. */
    public static int fractionDigits(BigDecimal value) {
        if (value.signum() == 0 || value.scale() <= 0) {
            return 0;
        }
        return Math.max(0, value.stripTrailingZeros().scale());
    }
}
