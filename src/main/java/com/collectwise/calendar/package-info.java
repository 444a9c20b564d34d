/**
 * The working calendar as data (issue 17): {@code GET/PUT /api/calendar/{year}} for supervisors and finance to load
 * each year's public holidays and make-up working weekends per country, and the December reminder that next year's
 * calendar is missing. The working-day rules themselves read it through {@link com.collectwise.kernel.BusinessCalendar}.
 */
package com.collectwise.calendar;
