/**
 * Tests of what happens when things go wrong: the database goes away, the application restarts, the
 * same request arrives twice at once, a message arrives before the case waits for it.
 */
package com.collectwise.faults;
