-- Go-live imports (issue 18): a file is checked and its invoices are stored in the request, all or nothing; a
-- large file's cases are started afterwards in batches by every node (ImportCaseStarter), so the request returns
-- at once with an import id whose progress GET /api/invoices/imports/{importId} shows.
CREATE TABLE invoice_imports (
    import_id      VARCHAR(40)  NOT NULL PRIMARY KEY,
    created_at     TIMESTAMP    NOT NULL,
    created_by     VARCHAR(100),
    invoices       INTEGER      NOT NULL,
    cases_started  INTEGER      NOT NULL DEFAULT 0,
    started_at     TIMESTAMP,
    finished_at    TIMESTAMP
);

-- an invoice whose case could not be started; kept for finance, never retried in a loop
CREATE TABLE invoice_import_errors (
    import_id      VARCHAR(40)  NOT NULL,
    invoice_number VARCHAR(64)  NOT NULL,
    message        VARCHAR(1000) NOT NULL,
    created_at     TIMESTAMP    NOT NULL,
    PRIMARY KEY (import_id, invoice_number)
);

ALTER TABLE invoices ADD COLUMN import_id VARCHAR(40);
CREATE INDEX ix_invoices_import_pending ON invoices (import_id, process_instance_id);
