/**
 * The top of the collection case: the case view and case requests over HTTP, invoice registration and import,
 * the stage plan, calls, promises, visits and closing, with the delegates and listeners of the collection model
 * next to the plain services they call. It orchestrates the capabilities below it; they tell it things with
 * Spring application events (e.g. {@code kernel.CaseFiguresChanged}), never by calling it.
 */
package com.collectwise.cases;
