package io.voicepartner.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured phase: completed operations in the measured window (warm-up excluded) and their latency in
 * microseconds; for open-loop phases also the offered rate and, for writes, the lag to visibility.
 */
record Result(
        String name,
        int clients,
        double offeredRate,
        double throughput,
        Histogram latency,
        Histogram lag,
        long accepted,
        long errors,
        String loadAverage,
        Cpu.Sample cpu,
        long operations) {

    /** CPU milliseconds of the platform's process per completed operation. */
    double platformCpuPerOperation() {
        return operations == 0 || cpu == null ? Double.NaN : cpu.platformMillis() / operations;
    }

    /** CPU milliseconds of the database's backends per completed operation. */
    double databaseCpuPerOperation() {
        return operations == 0 || cpu == null ? Double.NaN : cpu.databaseMillis() / operations;
    }

    double p(Histogram histogram, double percentile) {
        return histogram == null || histogram.getTotalCount() == 0
                ? Double.NaN
                : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double latency(double percentile) {
        return p(latency, percentile);
    }

    double lag(double percentile) {
        return p(lag, percentile);
    }
}
