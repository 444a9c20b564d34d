package com.collectwise.fees;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The jurisdiction settings of the statutory interest, {@code collectwise.interest.*} (defaults and comments in
 * application.yaml, every key in docs/operations.md).
 *
 * @param homeCountry the company's home jurisdiction (ISO 3166 alpha-2): a customer without a country is in it
 * @param eu          the EU statutory rate (Directive 2011/7/EU): reference rate + margin, per member state
 */
@ConfigurationProperties(prefix = "collectwise.interest")
public record InterestSettings(String homeCountry, Eu eu) {

    /** Directive 2011/7/EU art. 2(7): reference rate + at least eight percentage points. */
    public static final BigDecimal DIRECTIVE_MARGIN_POINTS = new BigDecimal("8");

    public InterestSettings {
        homeCountry = homeCountry == null || homeCountry.isBlank() ? "CN" : homeCountry.trim().toUpperCase(Locale.ROOT);
        eu = eu == null ? new Eu(null, null) : eu;
    }

    /** Home CN, every member state at the Directive minimum (ECB + 8). */
    public static InterestSettings defaults() {
        return new InterestSettings(null, null);
    }

    /**
     * The reference of a member state's statutory rate, read off the one reference table there is (ecb_rates: the ECB
     * main refinancing rate in force on 1 January / 1 July of the half-year), and how the customer is told it.
     */
    public enum Reference {
        /** The ECB main refinancing rate in force on 1 January / 1 July of the half-year (ecb_rates). */
        ECB(BigDecimal.ZERO, "ECB main refinancing rate in force on 1 January / 1 July of each half-year"),
        /**
         * Germany's base rate (Basiszinssatz, BGB section 247), the reference of BGB section 288(2). It moves on 1
         * January / 1 July by the points the ECB main refinancing rate moved and has stood 0.88 points below the ECB
         * reference since 2012 (H2 2025: ECB 2.15, base rate 1.27), so it is read as the ECB reference - 0.88.
         */
        DE_BASE_RATE(new BigDecimal("-0.88"), "German base rate (Basiszinssatz, BGB section 247: the ECB main"
            + " refinancing rate in force on 1 January / 1 July of each half-year less 0.88 points)");

        private final BigDecimal pointsOverEcb;
        private final String description;

        Reference(BigDecimal pointsOverEcb, String description) {
            this.pointsOverEcb = pointsOverEcb;
            this.description = description;
        }

        /** The reference of a half-year is the ECB rate of that half-year plus these points. */
        public BigDecimal pointsOverEcb() {
            return pointsOverEcb;
        }

        /** The reference in the words the customer reads. */
        public String description() {
            return description;
        }
    }

    /**
     * @param defaultMarginPoints margin of a member state without its own entry (the Directive minimum, 8)
     * @param countries           per member state (ISO alpha-2 key): its margin and reference, where national law
     *                            sets more than the minimum
     */
    public record Eu(BigDecimal defaultMarginPoints, Map<String, Country> countries) {

        public Eu {
            defaultMarginPoints = defaultMarginPoints == null ? DIRECTIVE_MARGIN_POINTS : defaultMarginPoints;
            if (defaultMarginPoints.compareTo(DIRECTIVE_MARGIN_POINTS) < 0) {
                // the Directive is a floor: a smaller margin would under-claim by mistake, not by policy
                throw new IllegalArgumentException("collectwise.interest.eu.default-margin-points must be at least 8"
                    + " (Directive 2011/7/EU), was " + defaultMarginPoints);
            }
            Map<String, Country> byCode = new TreeMap<>();
            if (countries != null) {
                countries.forEach((code, c) -> {
                    // the Directive's floor is 8 points over the ECB reference, whatever the national reference
                    BigDecimal overEcb = c == null || c.marginPoints() == null ? null : c.marginPoints()
                        .add(c.reference() == null ? BigDecimal.ZERO : c.reference().pointsOverEcb());
                    if (overEcb != null && overEcb.compareTo(DIRECTIVE_MARGIN_POINTS) < 0) {
                        throw new IllegalArgumentException("collectwise.interest.eu.countries." + code
                            + ".margin-points must be at least 8 over the ECB rate (Directive 2011/7/EU), was "
                            + c.marginPoints() + " over " + c.reference());
                    }
                    byCode.put(code.trim().toUpperCase(Locale.ROOT), c == null ? new Country(null, null) : c);
                });
            }
            countries = Map.copyOf(byCode);
        }

        public BigDecimal marginPoints(String country) {
            Country c = countries.get(country);
            return c == null || c.marginPoints() == null ? defaultMarginPoints : c.marginPoints();
        }

        public Reference reference(String country) {
            Country c = countries.get(country);
            return c == null || c.reference() == null ? Reference.ECB : c.reference();
        }
    }

    /** @param marginPoints percentage points over the reference; null = the default margin */
    public record Country(BigDecimal marginPoints, Reference reference) {
    }
}
