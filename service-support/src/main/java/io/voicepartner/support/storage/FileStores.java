package io.voicepartner.support.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Opens the file store a configuration names: an S3-compatible bucket when a bucket is given, otherwise the
 * local directory. One place for the platform's processes and for the operators' commands (backup, restore),
 * which must reach the same store by the same settings ({@code FILE_STORAGE_*}).
 */
public final class FileStores {

    /** The settings as the environment gives them; a blank bucket, endpoint or access key means "not set". */
    public record Settings(
            String directory, String bucket, String endpoint, String region, String accessKey, String secretKey) {

        /** From the platform's environment variables, with the platform's defaults. */
        public static Settings fromEnvironment(Map<String, String> environment) {
            return new Settings(
                    environment.getOrDefault("FILE_STORAGE_DIR", "./.data/files"),
                    environment.getOrDefault("FILE_STORAGE_S3_BUCKET", ""),
                    environment.getOrDefault("FILE_STORAGE_S3_ENDPOINT", ""),
                    environment.getOrDefault("FILE_STORAGE_S3_REGION", "us-east-1"),
                    environment.getOrDefault("FILE_STORAGE_S3_ACCESS_KEY", ""),
                    environment.getOrDefault("FILE_STORAGE_S3_SECRET_KEY", ""));
        }
    }

    private FileStores() {}

    public static FileStorage open(Settings settings) throws IOException {
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            return new LocalFileStorage(settings.directory());
        }
        return new S3FileStorage(
                s3Client(settings.endpoint(), settings.region(), settings.accessKey(), settings.secretKey()),
                settings.bucket());
    }

    /**
     * Where the store of these settings keeps {@code key}: the location its {@link FileStorage#store} answers,
     * known before anything is stored (the local directory must exist).
     */
    public static String locationOf(Settings settings, String key) throws IOException {
        StorageKeys.require(key);
        if (settings.bucket() == null || settings.bucket().isBlank()) {
            return Path.of(settings.directory())
                    .toRealPath()
                    .resolve(key)
                    .toUri()
                    .toString();
        }
        return "s3://" + settings.bucket() + "/" + key;
    }

    private static S3Client s3Client(String endpoint, String region, String accessKey, String secretKey) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region == null || region.isBlank() ? "us-east-1" : region))
                .credentialsProvider(credentials(accessKey, secretKey));
        if (endpoint != null && !endpoint.isBlank()) {
            // MinIO and other S3-compatible stores address buckets by path, not by host name
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    /** Keys from the environment when given; otherwise AWS's own chain (instance roles, profiles, …). */
    private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        if (accessKey == null || accessKey.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
