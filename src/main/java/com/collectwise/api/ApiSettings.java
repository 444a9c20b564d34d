package com.collectwise.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * The {@code /api} edge, {@code collectwise.api.*} (defaults in application.yaml, docs/operations.md "Settings").
 *
 * @param maxRequestSize     the largest CSV body ({@code text/csv}, {@code text/plain}: the invoice import); a larger
 *                           one is a 413 (a CSV of 10,000 invoices is about 1 MB)
 * @param maxJsonRequestSize the largest body of any other type (JSON): the largest one a client needs, an agreement of
 *                           100 instalments, is about 6 KB; a larger one is a 413 before it is read, so that no body
 *                           (100,000 instalments: 4 MB, 4 s of a core to read and refuse) keeps a core busy
 */
@Validated
@ConfigurationProperties(prefix = "collectwise.api")
public record ApiSettings(@NotNull DataSize maxRequestSize, DataSize maxJsonRequestSize) {

    public ApiSettings {
        if (maxJsonRequestSize == null) {
            maxJsonRequestSize = DataSize.ofKilobytes(64);
        }
    }
}
