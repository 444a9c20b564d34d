package com.collectwise.communication;

import java.util.Optional;

/**
 * Supplies the file an outbox e-mail carries (e.g. the statement of account as PDF). Implemented by the part that
 * keeps the file as evidence, so the dispatcher attaches exactly the bytes kept; the outbox row holds only text.
 */
public interface MailAttachments {

    /** A file to attach. */
    record Attachment(String fileName, String mediaType, byte[] content) {
    }

    /** The attachment of the message, if this source has one for it. */
    Optional<Attachment> attachmentFor(OutboxMessage message);
}
