package com.collectwise.reporting;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
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

import com.collectwise.api.ApiExceptionHandler;
import com.collectwise.kernel.BusinessClock;

/**
 * The HTTP edge of the report without the application: a bad asOf, or one outside 2000-01-01 .. today + 10 years,
 * is a 400 problem naming asOf, rendered by the shared API handler. Security is tested by the API tests.
 */
class AgingReportControllerTest {

    final AgingReportService service = mock(AgingReportService.class);
    final BusinessClock clock = new BusinessClock("Asia/Shanghai");
    final MockMvc mvc = MockMvcBuilders
        .standaloneSetup(new AgingReportController(service, clock))
        .setControllerAdvice(new ApiExceptionHandler())
        .setMessageConverters(new org.springframework.http.converter.json.MappingJackson2HttpMessageConverter(
            org.springframework.http.converter.json.Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()))
        .build();

    @Test
    void badAsOfIs400ProblemNamingAsOf() throws Exception {
        for (String bad : List.of("2026-13-01", "02.03.2026", "yesterday", "+999999999-12-31")) {
            mvc.perform(get("/api/reports/aging").param("asOf", bad))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors[0].field").value("asOf"))
                .andExpect(jsonPath("$.errors[0].message").value("must be an ISO date (yyyy-MM-dd)"));
        }
    }

    @Test
    void asOfOutside2000UpToTodayPlus10YearsIs400NamingAsOf_andTheReportIsNotComputed() throws Exception {
        LocalDate today = clock.today();
        for (LocalDate bad : List.of(LocalDate.of(1999, 12, 31), today.plusYears(10).plusDays(1),
                LocalDate.of(9999, 12, 31))) {
            mvc.perform(get("/api/reports/aging").param("asOf", bad.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
        }
        verify(service, never()).report(any());
    }

    @Test
    void theBoundsThemselvesAreAnswered() throws Exception {
        LocalDate latest = clock.today().plusYears(10);
        when(service.report(any())).thenAnswer(call -> new AgingReport(call.getArgument(0), List.of()));
        for (LocalDate edge : List.of(LocalDate.of(2000, 1, 1), latest)) {
            mvc.perform(get("/api/reports/aging").param("asOf", edge.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value(edge.toString()));
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
}
