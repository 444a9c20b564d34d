package com.collectwise.kernel;

import java.time.Instant;
import java.util.List;

/**
 * Deadlines of running cases that count working days, as a capability declares them: when a year of a calendar is
 * loaded or replaced ({@link WorkingCalendarChanged}), {@link CalendarRecounts} runs every step of every such bean in
 * the background, a bounded page at a time, each page in its own transaction with the cursor of the next.
 */
public interface WorkingDayRecount {

    /** The steps, each over one kind of deadline (e.g. the timers of one activity). */
    List<Step> steps();

    /** One kind of deadline, counted again a page at a time. */
    interface Step {

        /** Unique among all steps: the job's state names the step it is at. */
        String name();

        /**
         * Counts again at most {@code limit} deadlines after {@code cursor} (null: from the first), in a stable order.
         * A page is applied whole or not at all (it runs in one transaction), so a cursor is never handled twice.
         */
        Page run(WorkingCalendarChanged change, String cursor, int limit);
    }

    /**
     * What a page did.
     *
     * @param cursor    the last deadline handled (the next page starts after it)
     * @param handled   how many deadlines were looked at
     * @param done      no more deadlines of this step
     * @param heldUntil a deadline the job executor holds now (its timer is firing) stopped the page: the next page
     *                  starts with it once the lock has ended; null otherwise
     */
    record Page(String cursor, int handled, boolean done, Instant heldUntil) {

        public static Page finished(String cursor, int handled) {
            return new Page(cursor, handled, true, null);
        }
    }
}
