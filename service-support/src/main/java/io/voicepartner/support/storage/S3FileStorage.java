package io.voicepartner.support.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Files as objects in one bucket of an S3-compatible store (MinIO in docker-compose, or AWS S3), created
 * on start if it is missing. A put replaces an object whole, so a reader sees the old or the new content.
 *
 * <p>S3 needs an object's length before its first byte, so content is first copied to a temporary file:
 * an upload is never held in memory, whatever its size.
 */
class S3FileStorage implements FileStorage {

    private static final String SCHEME = "s3";

    private final S3Client s3;
    private final String bucket;

    S3FileStorage(S3Client s3, String bucket) throws IOException {
        this.s3 = s3;
        this.bucket = bucket;
        createBucketIfMissing();
    }

    @Override
    public String store(String key, InputStream content) throws IOException {
        StorageKeys.require(key);
        Path spooled = Files.createTempFile("voicepartner-s3-", ".upload");
        try {
            Files.copy(content, spooled, StandardCopyOption.REPLACE_EXISTING);
            s3.putObject(put -> put.bucket(bucket).key(key), RequestBody.fromFile(spooled));
        } catch (SdkException e) {
            throw new IOException("Storing " + key + " in bucket " + bucket + " failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(spooled);
        }
        return SCHEME + "://" + bucket + "/" + key;
    }

    @Override
    public InputStream open(String location) throws IOException {
        String key = keyOf(location);
        try {
            return s3.getObject(get -> get.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location);
        } catch (SdkException e) {
            throw new IOException("Reading " + location + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String location) throws IOException {
        String key = keyOf(location);
        try {
            s3.deleteObject(delete -> delete.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("Deleting " + location + " failed: " + e.getMessage(), e);
        }
    }

    /** Locations come from events, which are data: only an object of this store's own bucket is ever touched. */
    private String keyOf(String location) {
        URI uri = URI.create(location);
        String key = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (!SCHEME.equals(uri.getScheme()) || !bucket.equals(uri.getHost()) || !StorageKeys.valid(key)) {
            throw new IllegalArgumentException("Not a location of the S3 store: " + location);
        }
        return key;
    }

    private void createBucketIfMissing() throws IOException {
        try {
            s3.headBucket(head -> head.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            try {
                s3.createBucket(create -> create.bucket(bucket));
            } catch (BucketAlreadyOwnedByYouException createdByTheOtherSide) {
                // both sides start at once and share the bucket: whoever came first created it
            }
        } catch (SdkException e) {
            throw new IOException("The file store's bucket " + bucket + " cannot be reached: " + e.getMessage(), e);
        }
    }
}
