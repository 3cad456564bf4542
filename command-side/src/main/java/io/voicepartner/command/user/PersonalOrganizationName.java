package io.voicepartner.command.user;

import io.voicepartner.api.messaging.EventLimits;

/**
 * What a user's personal organization is called when it is opened: "{name}'s organization", or with their
 * e-mail address when they gave no name, shortened to fit an organization's name (an e-mail address may be
 * longer than a name may).
 */
final class PersonalOrganizationName {

    private static final String SUFFIX = "'s organization";

    private PersonalOrganizationName() {}

    static String of(String name, String email) {
        String whose = name == null || name.isBlank() ? email : name.strip();
        int room = EventLimits.NAME - SUFFIX.length();
        if (whose.length() > room) {
            // never half of a surrogate pair, which no event may carry
            int end = Character.isHighSurrogate(whose.charAt(room - 1)) ? room - 1 : room;
            whose = whose.substring(0, end);
        }
        return whose + SUFFIX;
    }
}
