package io.voicepartner.api.organization;

/** What can be asked of an organization. */
public sealed interface OrganizationCommand
        permits CreateOrganization,
                RenameOrganization,
                DeleteOrganization,
                InviteMember,
                RevokeInvitation,
                AcceptInvitation,
                ChangeMemberRole,
                RemoveMember,
                ForgetMember,
                CreateApiKey,
                RevokeApiKey {

    String organizationId();
}
