package dev.salespipeline.api.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Amounts have at most 15 integer and 4 decimal places, whatever notation they come in. */
class MoneyTest {

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890123456", "1E+400", "1E+15", "1000000000000000",
            "999999999999999.99991", "0.00001", "1.23456", "1E-5", "1E+999999999", "1E-999999999"})
    void anAmountOutsideTheBoundsIsRefusedRatherThanRounded(String amount) {
        assertThatThrownBy(() -> new Money(new BigDecimal(amount), "EUR"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount must have at most 15 integer digits and 4 decimal places");
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999999.9999", "999999999999999", "0.0001", "1E+3", "1.5E+3", "1E+14", "0",
            "0E+400", "0E-400"})
    void anAmountWithinTheBoundsIsAccepted(String amount) {
        Money money = new Money(new BigDecimal(amount), "EUR");

        assertThat(money.amount()).isEqualByComparingTo(amount);
        assertThat(money.amount().scale()).isBetween(0, 4);
    }

    @Test
    void theEdgeValuesKeepTheirDigits() {
        assertThat(Money.of("999999999999999.9999", "EUR").amount().toPlainString()).isEqualTo("999999999999999.9999");
        assertThat(Money.of("1.5E+3", "EUR").amount().toPlainString()).isEqualTo("1500");
        assertThat(Money.of("1E+14", "EUR").amount().toPlainString()).isEqualTo("100000000000000");
    }

    @Test
    void trailingZerosBeyondTheFourthPlaceAreDroppedBecauseTheyChangeNoValue() {
        assertThat(Money.of("1.500000", "EUR").amount().toPlainString()).isEqualTo("1.5000");
        assertThat(Money.of("1500.00", "EUR").amount().toPlainString()).as("the scale is kept").isEqualTo("1500.00");
    }

    @Test
    void aNegativeAmountOrAnotherCurrencyCodeIsRefused() {
        assertThatThrownBy(() -> Money.of("-1", "EUR")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> Money.of("1", "euro")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency");
    }
}
