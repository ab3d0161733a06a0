package dev.salespipeline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.deal.Money;
import tools.jackson.databind.json.JsonMapper;

/** Amounts always travel as plain decimal strings, whatever notation they were given in. */
class MoneyJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void anAmountGivenWithAnExponentIsWrittenInPlainNotation() {
        assertThat(json.writeValueAsString(new Money(new BigDecimal("1E+3"), "EUR")))
                .isEqualTo("{\"amount\":\"1000\",\"currency\":\"EUR\"}");
        assertThat(json.writeValueAsString(new Money(new BigDecimal("1E-4"), "EUR")))
                .isEqualTo("{\"amount\":\"0.0001\",\"currency\":\"EUR\"}");
        assertThat(json.writeValueAsString(Money.of("1500.00", "EUR")))
                .as("the scale is kept").isEqualTo("{\"amount\":\"1500.00\",\"currency\":\"EUR\"}");
    }

    @Test
    void moreDecimalPlacesThanAnyCurrencyUsesAreRefused() {
        assertThatThrownBy(() -> new Money(new BigDecimal("1E-5"), "EUR"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0.00001");
    }
}
