/**
 * The limitation date of a case (Civil Code art. 188, 195): three years from the due date, restarted by
 * each acknowledgement, delivered demand or suit; and the warning to legal 90 days before it.
 */
package com.collectwise.limitation;
