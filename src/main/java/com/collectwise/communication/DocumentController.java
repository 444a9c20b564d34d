package com.collectwise.communication;

import java.time.LocalDate;
import java.util.LinkedHashMap;
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

import com.collectwise.api.ConflictException;
import com.collectwise.api.InvalidRequestException;
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
        return documents.forInvoice(invoiceNumber).stream().map(d -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", d.id());
            view.put("kind", d.kind());
            view.put("fileName", d.fileName());
            view.put("sha256", d.sha256());
            view.put("deliveryStatus", d.deliveryStatus());
            // the day the proof says it reached the customer; null: not delivered, or delivered without a day
            view.put("deliveredOn", d.deliveredOn() == null ? null : d.deliveredOn().toString());
            view.put("createdAt", d.createdAt().toString());
            return view;
        }).toList();
    }

    /** How a letter travelled: SENT, DELIVERED (with proof: tracking number, signed receipt) or RETURNED. */
    public enum DeliveryStatus {
        SENT, DELIVERED, RETURNED
    }

    /**
     * Records the delivery of a letter. A demand with proof of delivery interrupts the limitation period (DOMAIN.md
     * 7), so the proof is required for DELIVERED; the period restarts from {@code deliveredOn}, the day the proof
     * says it reached the customer (from the letter's date when none is given). {@code deliveredOn} lies between the
     * letter's date and today, else 400. A delivery is recorded once: the same day again (given, or none given both
     * times) is a replay, 200 and nothing changes (the first proof stays); another day for a letter recorded as
     * delivered is a 409 (the evidence of the demand is not rewritten; the limitation date would move).
     */
    @PostMapping("/{id}/delivery")
    public Map<String, Object> delivery(@PathVariable String invoiceNumber, @PathVariable long id,
                                        @Valid @RequestBody DeliveryRequest request) {
        DeliveryStatus status = request.status();
        Document d = documents.find(invoiceNumber, id).orElseThrow(() -> new NotFoundException(
            "no document " + id + " for invoice " + invoiceNumber));
        if (status != DeliveryStatus.DELIVERED) {
            documents.recordDelivery(d.id(), status.name(), request.proof());
            return answer(documents.find(invoiceNumber, id).orElseThrow());
        }
        LocalDate letterDate = documents.letterDate(d);
        if (request.deliveredOn() != null && request.deliveredOn().isBefore(letterDate)) {
            throw InvalidRequestException.of("deliveredOn", "must not be before the letter's date " + letterDate);
        }
        if (!documents.recordDelivered(d.id(), request.proof(), request.deliveredOn())) {
            Document recorded = documents.find(invoiceNumber, id).orElseThrow();
            LocalDate was = recorded.deliveredOn() != null ? recorded.deliveredOn() : letterDate;
            LocalDate asked = request.deliveredOn() != null ? request.deliveredOn() : letterDate;
            if (!was.equals(asked)) {
                throw new ConflictException("Document " + id + " is recorded as delivered on " + was
                    + (recorded.deliveredOn() == null ? " (the letter's date: no day was given)" : "")
                    + "; a delivery on " + asked + " cannot be recorded for it");
            }
        }
        return answer(documents.find(invoiceNumber, id).orElseThrow());
    }

    private static Map<String, Object> answer(Document d) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", d.id());
        answer.put("deliveryStatus", d.deliveryStatus());
        answer.put("deliveryProof", d.deliveryProof() == null ? "" : d.deliveryProof());
        answer.put("deliveredOn", d.deliveredOn() == null ? null : d.deliveredOn().toString());
        return answer;
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
