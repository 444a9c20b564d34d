package com.collectwise.kernel;

/** Customer segments; the policy and late-fee DMN tables decide per segment. */
public enum Segment {
    DOMESTIC, FOREIGN, KEY_ACCOUNT, SMALL_BUSINESS
}
