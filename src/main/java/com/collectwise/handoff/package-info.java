/**
 * Hand-offs beyond the collector: credit hold for the order system, collection agency, legal action,
 * with the cost-benefit figures (agency commission, CN court fee) supervisors and legal decide on.
 */
package com.collectwise.handoff;
