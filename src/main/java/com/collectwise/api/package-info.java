/**
 * What every HTTP endpoint shares: RFC 7807 problem answers with a list of bad fields, and the
 * field-by-field reading of request bodies that reports every mistake of a caller at once.
 */
package com.collectwise.api;
