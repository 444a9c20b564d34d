/**
 * Who may call what: HTTP Basic against the Camunda identity store for /api (groups = authorities),
 * Camunda's own authentication for /engine-rest, and the webapps left to their own login.
 */
package com.collectwise.security;
