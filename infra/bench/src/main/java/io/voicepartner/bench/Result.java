package io.voicepartner.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured phase: completed operations in the measured window (warm-up excluded) and their latency in
 * microseconds; for open-loop phases also the offered rate and, for writes, the lag to visibility.
 */
record Result(String name, int clients, double offeredRate, double throughput, Histogram latency, Histogram lag,
              long accepted, long errors, String loadAverage) {

    double p(Histogram histogram, double percentile) {
        return histogram == null || histogram.getTotalCount() == 0 ? Double.NaN
                : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double latency(double percentile) {
        return p(latency, percentile);
    }

    double lag(double percentile) {
        return p(lag, percentile);
    }
}
