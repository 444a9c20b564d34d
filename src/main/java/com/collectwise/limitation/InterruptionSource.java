package com.collectwise.limitation;

import java.util.List;

/**
 * One kind of fact that interrupts the limitation period. Every Spring bean of this type is asked, so a new
 * kind of acknowledgement (e.g. a table of signed agreements) plugs in by adding a bean.
 */
public interface InterruptionSource {

    List<Interruption> interruptions(String invoiceNumber);
}
