package io.voicepartner.command.lookup;

/** Which versions an assistant has published: a phone number can be pinned only to one of them. */
public interface PublishedVersions {

    /** @throws io.voicepartner.command.common.Refusal CONFLICT when the assistant has not published that version */
    void requirePublished(String assistantId, int number);
}
