package com.collectwise.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values computed once per transaction (issue 19: one statement per request): the customer's replayed account is
 * asked for by the booking, the case and the call form of one payment; the first computes it, the others reuse it.
 * The values live with the transaction's synchronizations, so a transaction started inside another (REQUIRES_NEW)
 * has its own, and they are dropped when it ends. Outside a transaction nothing is kept.
 * <p>
 * Whoever changes a fact the values are computed from calls {@link #forget()}: the owners of the ledger, the
 * payments, the invoices and the customers do on every write and on taking a customer's lock (a row read after
 * the lock may be newer than one read before it).
 */
public final class TransactionCache {

    private TransactionCache() {
    }

    private static final class Values implements TransactionSynchronization {
        final Map<Object, Object> values = new HashMap<>();
        /** What this transaction did ({@link #note}): kept until it ends, whatever is forgotten. */
        final java.util.Set<Object> notes = new java.util.HashSet<>();
    }

    /**
     * Notes that this transaction did something (e.g. registered an invoice), for its later steps to ask
     * ({@link #noted}); kept until the transaction ends, {@link #forget()} does not drop it. Nothing outside a
     * transaction.
     */
    public static void note(Object key) {
        Values current = current(true);
        if (current != null) {
            current.notes.add(key);
        }
    }

    /** Whether this transaction {@link #note noted} the key (always false outside a transaction). */
    public static boolean noted(Object key) {
        Values current = current(false);
        return current != null && current.notes.contains(key);
    }

    /** The keys of this type this transaction {@link #note noted} (none outside a transaction), in no order. */
    public static <K> java.util.List<K> noted(Class<K> type) {
        Values current = current(false);
        if (current == null) {
            return java.util.List.of();
        }
        return current.notes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The value under the key in this transaction, computed when absent (every time outside a transaction). */
    @SuppressWarnings("unchecked")
    public static <V> V get(Object key, Supplier<V> compute) {
        Values current = current(true);
        if (current == null) {
            return compute.get();
        }
        Object value = current.values.get(key);
        if (value == null) {
            value = compute.get();
            current.values.put(key, value);
        }
        return (V) value;
    }

    /** The value under the key in this transaction if one was computed or read, else null (nothing is computed). */
    @SuppressWarnings("unchecked")
    public static <V> V peek(Object key) {
        Values current = current(false);
        return current == null ? null : (V) current.values.get(key);
    }

    /**
     * A key of one table row read by the table's owner (an invoice by its number, a customer by id): the row stays as
     * read when other facts change ({@link #forgetComputed()}), only a write to it or {@link #forget()} drops it.
     */
    public interface RowKey {
    }

    /**
     * A fact changed that values computed from several rows depend on (e.g. a new invoice: the customer's account),
     * while no row read so far changed: the computed values are dropped, the rows ({@link RowKey}) stay.
     */
    public static void forgetComputed() {
        Values current = current(false);
        if (current != null) {
            current.values.keySet().removeIf(key -> !(key instanceof RowKey));
        }
    }

    /**
     * The row under the key was changed in this transaction by its owner, who knows the new row: when it was read,
     * the value read becomes {@code change} of it (the row the database now has), instead of being read again.
     */
    @SuppressWarnings("unchecked")
    public static <V> void changed(RowKey key, java.util.function.UnaryOperator<V> change) {
        Values current = current(false);
        if (current != null) {
            current.values.computeIfPresent(key, (k, v) -> change.apply((V) v));
        }
    }

    /** A fact changed in this transaction: everything computed so far is computed again when next asked for. */
    public static void forget() {
        Values current = current(false);
        if (current != null) {
            current.values.clear();
        }
    }

    /** One value changed in this transaction (e.g. an invoice row whose stage changed): only it is read again. */
    public static void forget(Object key) {
        Values current = current(false);
        if (current != null) {
            current.values.remove(key);
        }
    }

    private static Values current(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Values v) {
                return v;
            }
        }
        if (!create) {
            return null;
        }
        Values created = new Values();
        TransactionSynchronizationManager.registerSynchronization(created);
        return created;
    }
}
