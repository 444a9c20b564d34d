/**
 * Who may do what: groups, Camunda authorizations, the first administrator and the Tasklist filters,
 * made sure of at every start; plus the demo users and sample cases of the {@code demo} profile.
 */
package com.collectwise.identity;
