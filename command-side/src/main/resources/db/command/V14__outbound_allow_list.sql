-- The address ranges an operator granted a tenant beyond the public internet, for its on-premise tools (ADR 0022):
-- written by infra/scripts/outbound-allow-list only, never through the API, so that no tenant can open the
-- platform's own network to itself. A revocation deletes the row.
CREATE TABLE outbound_allow_list (
    user_id    VARCHAR(64)  NOT NULL,
    -- an address literal and its prefix length, as the operator's command normalised it: 10.20.0.0/16
    cidr       VARCHAR(64)  NOT NULL,
    granted_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, cidr)
);
