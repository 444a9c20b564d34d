package com.collectwise.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Random;

import org.camunda.bpm.engine.impl.calendar.DateTimeUtil;

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

    /**
     * A plan date becomes the instant Camunda's timer made of the same text (its Joda parse, DateTimeUtil) and
     * OffsetDateTime.parse: the plan's own shape (seconds, {@code +08:00}, {@code Z}, negative offsets, offsets of 45
     * minutes) and the rest of ISO (fractions of a second), over random instants from 1990 to 2100.
     */
    @Test
    void aPlanDateIsTheInstantTheEngineReadFromTheText() {
        assertThat(CasePlans.date(null)).isNull();
        assertThat(CasePlans.date("2026-03-13T09:00:00+08:00"))
            .isEqualTo(Date.from(Instant.parse("2026-03-13T01:00:00Z")));
        Random random = new Random(18);
        int[] offsets = {8 * 3600, 0, -5 * 3600, 5 * 3600 + 45 * 60, -(9 * 3600 + 30 * 60), 14 * 3600, -12 * 3600};
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(631_152_000L + (long) (random.nextDouble() * 3_471_292_800L));
            if (i % 3 == 0) {
                instant = instant.plusMillis(random.nextInt(1000));
            }
            OffsetDateTime t = instant.atOffset(ZoneOffset.ofTotalSeconds(offsets[i % offsets.length]));
            String text = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            Date date = CasePlans.date(text);
            assertThat(date).as(text).isEqualTo(DateTimeUtil.parseDate(text))
                .isEqualTo(Date.from(OffsetDateTime.parse(text).toInstant()));
        }
        // what is not a date fails as OffsetDateTime.parse fails, in the plain shape too
        for (String wrong : new String[] {"2026-02-30T09:00:00+08:00", "2026-03-13T24:00:00+08:00",
            "2026-03-13T09:00:00+08:75", "2026-03-13T09:00:00+19:00", "2026-03-13 09:00:00+08:00", "2026-03-13"}) {
            assertThatThrownBy(() -> CasePlans.date(wrong)).as(wrong).isInstanceOf(DateTimeParseException.class);
        }
    }
}
