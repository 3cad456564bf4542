package io.voicepartner.command.tool;

import io.voicepartner.support.outbound.AddressRange;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The address ranges an operator granted a tenant beyond the public internet, for its on-premise tools
 * ({@code infra/scripts/outbound-allow-list}, ADR 0025). Only an operator grants them: a tenant that could would
 * open the platform's own network to itself.
 */
@Repository
class OutboundGrants {

    private static final Logger log = LoggerFactory.getLogger(OutboundGrants.class);

    private final JdbcClient jdbc;

    OutboundGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<AddressRange> of(String userId) {
        List<AddressRange> ranges = new ArrayList<>();
        for (String cidr : jdbc.sql("SELECT cidr FROM command.outbound_allow_list WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .list()) {
            try {
                ranges.add(AddressRange.parse(cidr));
            } catch (IllegalArgumentException e) {
                // the operator's command checks what it grants; a row written past it opens nothing
                log.warn("Ignoring the outbound grant {} of user {}: {}", cidr, userId, e.getMessage());
            }
        }
        return ranges;
    }
}
