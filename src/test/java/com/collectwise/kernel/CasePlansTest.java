package com.collectwise.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

/** A plan written on this thread is read back without parsing it, and equal to what parsing it gives. */
class CasePlansTest {

    @Test
    void aPlanJustWrittenIsReadBackAsWrittenAndEqualToItsParse() throws Exception {
        CasePlan decided = new CasePlan(null, null, null, null, null, null, true, 10, 3, 10, "P90D", 7, 10, 20, 60);
        CasePlan planned = decided.withStages("PRE_DUE", "2026-12-24T09:00:00+08:00", "2027-01-01T00:00:00+08:00",
            "2027-01-11T09:00:00+08:00", "2027-01-21T09:00:00+08:00", "2027-03-02T09:00:00+08:00");
        for (CasePlan plan : new CasePlan[] {decided, planned}) {
            String json = CasePlans.toJson(plan);
            CasePlan parsedElsewhere = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build().readValue(json, CasePlan.class);
            assertThat(parsedElsewhere).isEqualTo(plan);
            assertThat(CasePlans.parse(json)).isSameAs(plan).isEqualTo(parsedElsewhere);
        }
    }
}
