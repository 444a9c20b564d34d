package com.collectwise.bench;

import java.lang.management.ManagementFactory;

/**
 * The machine's CPU load (all cores, all processes: both nodes and the database), averaged over samples taken
 * every 500 ms while a scenario runs. A drain that keeps the machine near 100% cannot go faster with a second
 * node on the same machine: the figure says whether a two-node result measures the product or the machine.
 */
final class CpuSampler implements AutoCloseable {

    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Thread thread;
    private volatile double sum;
    private volatile int samples;

    CpuSampler() {
        os.getCpuLoad(); // the first reading only starts the interval
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                double load = os.getCpuLoad();
                if (load >= 0) {
                    sum += load;
                    samples++;
                }
            }
        }, "bench-cpu-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Average machine CPU load so far, 0..1 (NaN before the first sample). */
    double average() {
        return samples == 0 ? Double.NaN : sum / samples;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
