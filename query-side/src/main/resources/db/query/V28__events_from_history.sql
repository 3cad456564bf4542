-- The feed starts with what the platform already knew (ADR 0031): every event the history recorded before the feed
-- existed, in the order they happened, with the public type the events API names it by. The query side never reads
-- the event store, so an event's id comes from the audit log's entry for it (same organization, resource, type and
-- time); where the audit log has none, from the resource and revision, which no other event has. A later redelivery
-- of such an event inserts nothing: (resource_id, revision) is taken. This migration's transaction is every row's.
INSERT INTO events (id, position, organization_id, type, occurred_at, resource_type, resource_id, revision, actor,
                    object, changes)
SELECT coalesce(audit.id, CAST(CAST(md5(h.aggregate_id || '/' || h.revision) AS uuid) AS text)),
       row_number() OVER (ORDER BY h.occurred_at, h.aggregate_id, h.revision),
       h.owner_id,
       public_type.name,
       h.occurred_at,
       h.aggregate_type,
       h.aggregate_id,
       h.revision,
       h.actor,
       h.state || jsonb_build_object(
           'id', h.aggregate_id,
           'organization_id', h.owner_id,
           'created_by', coalesce(first.actor, h.owner_id),
           'revision', h.revision,
           'created_at', to_char(first.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'updated_at', to_char(h.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
       h.changes
FROM history h
JOIN (VALUES ('AssistantCreated', 'assistant.created'),
             ('AssistantUpdated', 'assistant.updated'),
             ('AssistantDeleted', 'assistant.deleted'),
             ('AssistantRestored', 'assistant.restored'),
             ('ToolsAssigned', 'assistant.tools_assigned'),
             ('ToolUnassigned', 'assistant.tool_unassigned'),
             ('FilesAssigned', 'assistant.files_assigned'),
             ('FileAssignmentConfigured', 'assistant.file_assignment_configured'),
             ('FileUnassigned', 'assistant.file_unassigned'),
             ('AssistantVersionPublished', 'assistant.version_published'),
             ('AssistantVersionRestored', 'assistant.version_restored'),
             ('ToolCreated', 'tool.created'),
             ('ToolUpdated', 'tool.updated'),
             ('ToolDeleted', 'tool.deleted'),
             ('ToolRestored', 'tool.restored'),
             ('FileUploaded', 'file.uploaded'),
             ('FileProcessed', 'file.processed'),
             ('FileProcessingFailed', 'file.processing_failed'),
             ('FileDescriptionUpdated', 'file.updated'),
             ('FileDeleted', 'file.deleted'),
             ('PhoneNumberCreated', 'phone_number.created'),
             ('PhoneNumberUpdated', 'phone_number.updated'),
             ('PhoneNumberDeleted', 'phone_number.deleted'),
             ('PhoneNumberRestored', 'phone_number.restored')) AS public_type (event_type, name)
    ON public_type.event_type = h.type
JOIN LATERAL (SELECT actor, occurred_at FROM history f WHERE f.aggregate_id = h.aggregate_id
              ORDER BY f.revision LIMIT 1) AS first ON true
LEFT JOIN LATERAL (SELECT a.id FROM audit_log a
                   WHERE a.organization_id = h.owner_id AND a.resource_id = h.aggregate_id AND a.action = h.type
                     AND a.occurred_at = h.occurred_at
                   ORDER BY a.id LIMIT 1) AS audit ON true
ORDER BY h.occurred_at, h.aggregate_id, h.revision
ON CONFLICT DO NOTHING;

SELECT setval(pg_get_serial_sequence('events', 'position'), coalesce(max(position), 0) + 1, false) FROM events;
