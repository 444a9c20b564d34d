package com.collectwise.communication;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.collectwise.api.NotFoundException;


/** Letters kept as evidence, downloadable as sent, with their SHA-256. */
@RestController
@RequestMapping("/api/invoices/{invoiceNumber}/documents")
public class DocumentController {

    private final DocumentRepository documents;

    public DocumentController(DocumentRepository documents) {
        this.documents = documents;
    }

    @GetMapping
    public List<Map<String, Object>> list(@PathVariable String invoiceNumber) {
        return documents.forInvoice(invoiceNumber).stream()
            .map(d -> Map.<String, Object>of("id", d.id(), "kind", d.kind(), "fileName", d.fileName(),
                "sha256", d.sha256(), "deliveryStatus", d.deliveryStatus(), "createdAt", d.createdAt().toString()))
            .toList();
    }

    /** How a letter travelled: SENT, DELIVERED (with proof: tracking number, signed receipt) or RETURNED. */
    public enum DeliveryStatus {
        SENT, DELIVERED, RETURNED
    }

    /**
     * Records the delivery of a letter. A demand with proof of delivery interrupts the limitation period,
     * so the proof is required for DELIVERED.
     */
    @PostMapping("/{id}/delivery")
    public Map<String, Object> delivery(@PathVariable String invoiceNumber, @PathVariable long id,
                                        @Valid @RequestBody DeliveryRequest request) {
        DeliveryStatus status = request.status();
        String proof = request.proof();
        Document d = documents.find(invoiceNumber, id).orElseThrow(() -> new NotFoundException(
            "no document " + id + " for invoice " + invoiceNumber));
        documents.recordDelivery(d.id(), status.name(), proof);
        return Map.of("id", d.id(), "deliveryStatus", status.name(), "deliveryProof", proof == null ? "" : proof);
    }

    @GetMapping("/{id}")
    public ResponseEntity<byte[]> download(@PathVariable String invoiceNumber, @PathVariable long id) {
        Document d = documents.find(invoiceNumber, id).orElseThrow(() -> new NotFoundException(
            "no document " + id + " for invoice " + invoiceNumber));
        return ResponseEntity.ok()
            .contentType(MediaType.parseMediaType(d.mediaType()))
            .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + d.fileName() + "\"")
            .header("X-Content-SHA256", d.sha256())
            .eTag("\"" + d.sha256() + "\"")
            .body(d.content());
    }
}
