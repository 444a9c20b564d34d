package com.collectwise.fees;

import static org.mockito.ArgumentMatchers.any;
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
    final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RateController(rates, event -> { }))
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
        when(rates.enter(any(), any(), any(), any())).thenAnswer(i -> new ReferenceRate(i.getArgument(1),
            i.getArgument(2), i.getArgument(3), Instant.EPOCH));
        mvc.perform(post("/api/rates/ecb").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2026-07-01\",\"ratePercent\":\"2.00\"}"))
            .andExpect(status().isCreated());
        verify(rates).enter(eq(ReferenceRates.Kind.ECB), eq(LocalDate.of(2026, 7, 1)), eq(new BigDecimal("2.00")),
            any());
    }

    /** The rate in force for a date posted again (a replay, a feed sent twice) is 200 with that row; nothing stored. */
    @Test
    void theSameRateForTheSameDateAgainIsAReplay() throws Exception {
        when(rates.current(ReferenceRates.Kind.LPR)).thenReturn(List.of(
            new ReferenceRate(LocalDate.of(2025, 5, 20), new BigDecimal("3.0000"), "flyway", Instant.EPOCH)));
        when(rates.enter(any(), any(), any(), any())).thenAnswer(i -> new ReferenceRate(i.getArgument(1),
            i.getArgument(2), i.getArgument(3), Instant.EPOCH));
        mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2025-05-20\",\"ratePercent\":\"3.00\"}"))
            .andExpect(status().isOk()).andExpect(jsonPath("$.enteredBy").value("flyway"));
        verify(rates, org.mockito.Mockito.never()).enter(any(), any(), any(), any());
        // another rate for that date corrects it (appended, the latest entered wins)
        mvc.perform(post("/api/rates/lpr").contentType(MediaType.APPLICATION_JSON)
                .content("{\"effectiveFrom\":\"2025-05-20\",\"ratePercent\":\"3.05\"}"))
            .andExpect(status().isCreated());
        verify(rates).enter(eq(ReferenceRates.Kind.LPR), eq(LocalDate.of(2025, 5, 20)), eq(new BigDecimal("3.05")),
            any());
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

    @Test
    void unknownTableIs404() throws Exception {
        mvc.perform(get("/api/rates/libor")).andExpect(status().isNotFound())
            .andExpect(jsonPath("$.title").value("Not found"));
    }
}
