package com.collectwise.fees;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class RateControllerTest {

    final ReferenceRates rates = mock(ReferenceRates.class);
    final List<Object> published = new java.util.ArrayList<>();
    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RateController(rates, published::add,
        new com.collectwise.kernel.BusinessClock("UTC")))
        .setControllerAdvice(new com.collectwise.api.ApiExceptionHandler())
        .setMessageConverters(new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(
            org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build())).build();

    @Test
    void listsTheRatesInForce() throws Exception {
        when(rates.current(ReferenceRates.Kind.LPR)).thenReturn(List.of(
            new ReferenceRate(LocalDate.of(2025, 5, 20), new BigDecimal("3.0000"), "flyway", Instant.EPOCH)));
        mvc.perform(get("/api/rates/lpr")).andExpect(status().isOk())
            .andExpect(jsonPath("$[0].ratePercent").value(3.0));
    }

    @Test
    void postAddsARate() throws Exception {
        when(rates.enter(any(), any(), any(), any(), anyInt())).thenAnswer(i -> new ReferenceRate(i.getArgument(1),
            i.getArgument(2), i.getArgument(3), Instant.EPOCH));
        mvc.perform(post("/api/rates/ecb").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-07-01\",\"ratePercent\":\"2.00\"}"))
            .andExpect(status().isCreated());
        verify(rates).enter(eq(ReferenceRates.Kind.ECB), eq(LocalDate.of(2026, 7, 1)), eq(new BigDecimal("2.0000")),
            any(), anyInt());
    }

    /** The rate in force for a date posted again (a replay, a feed sent twice) is 200 with that row; nothing stored. */
    @Test
    void theSameRateForTheSameDateAgainIsAReplay() throws Exception {
        when(rates.entriesOf(ReferenceRates.Kind.LPR, LocalDate.of(2025, 5, 20))).thenReturn(List.of(
            new ReferenceRate(LocalDate.of(2025, 5, 20), new BigDecimal("3.0000"), "flyway", Instant.EPOCH)));
        when(rates.enter(any(), any(), any(), any(), anyInt())).thenAnswer(i -> new ReferenceRate(i.getArgument(1),
            i.getArgument(2), i.getArgument(3), Instant.EPOCH));
        mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2025-05-20\",\"ratePercent\":\"3.00\"}"))
            .andExpect(status().isOk()).andExpect(jsonPath("$.enteredBy").value("flyway"));
        verify(rates, org.mockito.Mockito.never()).enter(any(), any(), any(), any(), anyInt());
        // another rate for that date corrects it (appended, the latest entered wins)
        mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2025-05-20\",\"ratePercent\":\"3.05\"}"))
            .andExpect(status().isCreated());
        verify(rates).enter(eq(ReferenceRates.Kind.LPR), eq(LocalDate.of(2025, 5, 20)), eq(new BigDecimal("3.0500")),
            any(), eq(2));
    }

    @Test
    void badFieldsAreAllNamed_andNothingIsStored() throws Exception {
        mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-02-30\",\"ratePercent\":\"abc\"}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("effectiveFrom"))
            .andExpect(jsonPath("$.errors[1].field").value("ratePercent"));
        mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON).content("{\"effectiveFrom\":\"2026-02-01\",\"ratePercent\":75}"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("ratePercent"));
        verifyNoInteractions(rates);
    }

    /**
     * 0e999999999 is zero (the ECB rate of 2016-2022), but it was stored and answered as 0E+999999999; 3.1 was
     * answered as 3.1 while the table lists 3.1000. A rate is taken at the column's four decimals.
     */
    @Test
    void aRateIsStoredAndAnsweredAtFourDecimals_whateverItsNotation() throws Exception {
        when(rates.enter(any(), any(), any(), any(), anyInt())).thenAnswer(i -> new ReferenceRate(i.getArgument(1),
            i.getArgument(2), i.getArgument(3), Instant.EPOCH));
        mvc.perform(post("/api/rates/ecb").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-07-01\",\"ratePercent\":\"0e999999999\"}"))
            .andExpect(status().isCreated())
            .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                .string(org.hamcrest.Matchers.containsString("\"ratePercent\":0.0000")));
        verify(rates).enter(eq(ReferenceRates.Kind.ECB), eq(LocalDate.of(2026, 7, 1)), eq(new BigDecimal("0.0000")),
            any(), anyInt());
        mvc.perform(post("/api/rates/ecb").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-07-01\",\"ratePercent\":31E-1}"))
            .andExpect(status().isCreated())
            .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                .string(org.hamcrest.Matchers.containsString("\"ratePercent\":3.1000")));
    }

    /** Sizes and dates no rate has: each a field error, nothing stored, nothing reconciled. */
    @Test
    void datesOutOfRangeAndNumbersOfNoSizeAreFieldErrors() throws Exception {
        String[][] bad = {
            {"\"1800-01-01\"", "2.00", "effectiveFrom"},
            {"\"1999-12-31\"", "2.00", "effectiveFrom"},
            {"\"9999-01-01\"", "2.00", "effectiveFrom"},
            {"\"2026-07-01\"", "\"1e-999999999\"", "ratePercent"},
            {"\"2026-07-01\"", "\"-0e999999999\"", null},
            {"\"2026-07-01\"", "\"" + "1".repeat(5000) + "\"", "ratePercent"},
            {"\"2026-07-01\"", "\"0." + "0".repeat(100) + "1\"", "ratePercent"}};
        for (String[] b : bad) {
            var result = mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":" + b[0] + ",\"ratePercent\":" + b[1] + "}"));
            if (b[2] == null) {
                result.andExpect(status().isCreated()); // negative zero is zero
                continue;
            }
            result.andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(1))
                .andExpect(jsonPath("$.errors[0].field").value(b[2]));
        }
        verify(rates, org.mockito.Mockito.times(1)).enter(any(), any(), eq(new BigDecimal("0.0000")), any(), anyInt());
        org.assertj.core.api.Assertions.assertThat(published).hasSize(1);
    }

    /**
     * The integration and finance guides promise corrections: another rate for a date is 201 and appended (the latest
     * wins); the rate in force again, in any notation, is a replay: 200, nothing stored, no customer reconciled.
     */
    @Test
    void onlyAChangeIsStoredAndReconciled() throws Exception {
        when(rates.entriesOf(ReferenceRates.Kind.LPR, LocalDate.of(2025, 5, 20))).thenReturn(List.of(
            new ReferenceRate(LocalDate.of(2025, 5, 20), new BigDecimal("3.0000"), "flyway", Instant.EPOCH)));
        when(rates.enter(any(), any(), any(), any(), anyInt())).thenAnswer(i -> new ReferenceRate(i.getArgument(1),
            i.getArgument(2), i.getArgument(3), Instant.EPOCH));
        for (String same : List.of("3", "\"3.0\"", "\"0.3e1\"", "3.0000")) {
            mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"effectiveFrom\":\"2025-05-20\",\"ratePercent\":" + same + "}"))
                .andExpect(status().isOk());
        }
        org.assertj.core.api.Assertions.assertThat(published).isEmpty();
        mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2025-05-20\",\"ratePercent\":\"2.9\"}"))
            .andExpect(status().isCreated());
        org.assertj.core.api.Assertions.assertThat(published).containsExactly(RateEntered.reference(
            LocalDate.of(2025, 5, 20)));
    }

    /**
     * A request that lost the race for the date's entry number (another entered a rate for it since this one looked):
     * the same rate is its replay (200 with the winner's row, nothing published), another one a 409.
     */
    @Test
    void aRateEnteredMeanwhileIsAReplayWhenTheSame_aConflictWhenNot() throws Exception {
        ReferenceRate winner = new ReferenceRate(LocalDate.of(2026, 7, 1), new BigDecimal("2.1500"), "other",
            Instant.EPOCH);
        when(rates.enter(any(), any(), any(), any(), eq(1))).thenThrow(new ReferenceRates.EnteredMeanwhile(winner,
            null));
        mvc.perform(post("/api/rates/ecb").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-07-01\",\"ratePercent\":\"2.15\"}"))
            .andExpect(status().isOk()).andExpect(jsonPath("$.enteredBy").value("other"));
        mvc.perform(post("/api/rates/ecb").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-07-01\",\"ratePercent\":\"2.40\"}"))
            .andExpect(status().isConflict())
            .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("2.15")));
        org.assertj.core.api.Assertions.assertThat(published).isEmpty();
    }

    @Test
    void unknownTableIs404() throws Exception {
        mvc.perform(get("/api/rates/libor")).andExpect(status().isNotFound())
            .andExpect(jsonPath("$.title").value("Not found"));
    }
}
