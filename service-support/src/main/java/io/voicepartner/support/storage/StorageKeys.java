package io.voicepartner.support.storage;

import java.util.regex.Pattern;

/** The keys every store accepts: safe as a file name and as an object key, with no path in them. */
final class StorageKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private StorageKeys() {}

    static boolean valid(String key) {
        return KEY.matcher(key).matches();
    }

    static String require(String key) {
        if (!valid(key)) {
            throw new IllegalArgumentException("Not a storage key: " + key);
        }
        return key;
    }
}
