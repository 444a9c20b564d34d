package com.collectwise.reporting;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.collectwise.cases.BusinessClock;

/**
 * The HTTP edge of the report without the application: a bad asOf is a 400 problem naming asOf when rendered by
 * any ResponseEntityExceptionHandler (the shared API handler extends it). Security is tested by the API tests.
 */
class AgingReportControllerTest {

    final AgingReportService service = mock(AgingReportService.class);
    final MockMvc mvc = MockMvcBuilders
        .standaloneSetup(new AgingReportController(service, new BusinessClock("Asia/Shanghai")))
        .setControllerAdvice(new ProblemDetails())
        .setMessageConverters(new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(
            org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
        .build();

    @Test
    void badAsOfIs400ProblemNamingAsOf() throws Exception {
        for (String bad : List.of("2026-13-01", "02.03.2026", "yesterday")) {
            mvc.perform(get("/api/reports/aging").param("asOf", bad))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("asOf"))
                .andExpect(jsonPath("$.errors[0].message").value("must be a date yyyy-MM-dd"));
        }
    }

    @Test
    void validAsOfIsPassedOn() throws Exception {
        when(service.report(any())).thenReturn(new AgingReport(LocalDate.of(2026, 3, 2), List.of()));
        mvc.perform(get("/api/reports/aging").param("asOf", "2026-03-02"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.asOf").value("2026-03-02"));
        verify(service).report(LocalDate.of(2026, 3, 2));
    }

    /** Stands in for the shared API error handler, which extends the same Spring base class. */
    @org.springframework.web.bind.annotation.ControllerAdvice
    static class ProblemDetails extends ResponseEntityExceptionHandler {
    }
}
