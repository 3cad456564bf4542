package io.voicepartner.api.user;

/** What can be asked of a user account. */
public sealed interface UserCommand permits RegisterUser, ChangePassword, SignOut, RequestErasure, EraseUser {

    String userId();
}
