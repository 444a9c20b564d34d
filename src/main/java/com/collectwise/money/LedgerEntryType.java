package com.collectwise.money;

/**
 * Kinds of ledger lines. Only FEE adds to the debt; every other kind reduces one component. Interest itself is
 * not booked: it is computed day by day from the principal and the rates, so it can never drift from them.
 */
public enum LedgerEntryType {
    /** A charged fee (reminder fee, letter fee, agency commission passed on). */
    FEE(Component.FEES, true),
    INTEREST_WAIVER(Component.INTEREST, false),
    FEE_WAIVER(Component.FEES, false),
    /** Early-payment discount granted on the principal. */
    DISCOUNT(Component.PRINCIPAL, false),
    /** Invoice reduced, e.g. after an accepted dispute. */
    CREDIT_NOTE(Component.PRINCIPAL, false),
    /** Uncollectible: the line's own component says what is written off. */
    WRITE_OFF(null, false);

    private final Component fixedComponent;
    private final boolean charge;

    LedgerEntryType(Component fixedComponent, boolean charge) {
        this.fixedComponent = fixedComponent;
        this.charge = charge;
    }

    /** The component this kind always books to, or null when the line names it (write-off). */
    public Component fixedComponent() {
        return fixedComponent;
    }

    public boolean isCharge() {
        return charge;
    }
}
