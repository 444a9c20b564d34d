/**
 * Who may call what: HTTP Basic against the Camunda identity store for /api (groups = authorities),
 * Camunda's own authentication for /engine-rest, and the webapps left to their own login. In front of
 * both engine APIs ({@code /engine-rest}, the webapps' {@code /camunda/api/engine}) the guards refuse what
 * the engine must never see (query expressions, Java-serialized variables, oversized bodies), and the
 * Admin app's first-run setup is closed for good (docs/security.md lists the CVEs behind each).
 */
package com.collectwise.security;
