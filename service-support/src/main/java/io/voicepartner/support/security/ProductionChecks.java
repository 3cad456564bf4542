package io.voicepartner.support.security;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What {@code VOICEPARTNER_PRODUCTION=true} refuses to start with (issue 17): the operators' endpoints (metrics,
 * the schema) on the API's port, where every client of the API reaches them, and {@code OUTBOUND_ALLOW_LIST}, which
 * opens private ranges to the calls the platform makes for every tenant and exists for development only (a tenant
 * that needs one is granted its own, ADR 0025).
 */
@Component
class ProductionChecks {

    static final String PRODUCTION = "voicepartner.security.production";

    ProductionChecks(Environment environment) {
        if (!environment.getProperty(PRODUCTION, Boolean.class, false)) {
            return;
        }
        String managementPort = environment.getProperty("management.server.port", "");
        boolean apiPort = !managementPort.equals("0") && managementPort.equals(environment.getProperty("server.port"));
        if (managementPort.isBlank() || apiPort) {
            throw new IllegalStateException("VOICEPARTNER_PRODUCTION=true serves metrics and the schema on a port of "
                    + "their own, for operators: set MANAGEMENT_PORT to a port other than the API's (PORT)");
        }
        if (!environment.getProperty("voicepartner.outbound.allow-list", "").isBlank()
                || !environment.getProperty("OUTBOUND_ALLOW_LIST", "").isBlank()) {
            throw new IllegalStateException("OUTBOUND_ALLOW_LIST is for development only and is refused under "
                    + "VOICEPARTNER_PRODUCTION=true: it would let every tenant's tools reach the private ranges it "
                    + "lists; grant a tenant the ranges it needs with infra/scripts/outbound-allow-list");
        }
    }
}
