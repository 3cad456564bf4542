package io.voicepartner.support.storage;

import java.io.IOException;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The one file store of the process: an S3-compatible bucket when {@code FILE_STORAGE_S3_BUCKET} names
 * one, otherwise the local directory {@code FILE_STORAGE_DIR}. Chosen here rather than by conditional
 * beans so that an empty variable (as docker-compose passes them) means "not configured".
 */
@Configuration(proxyBeanMethods = false)
class FileStorageConfiguration {

    @Bean
    FileStorage fileStorage(
            @Value("${voicepartner.files.storage-dir}") String directory,
            @Value("${voicepartner.files.s3.bucket:}") String bucket,
            @Value("${voicepartner.files.s3.endpoint:}") String endpoint,
            @Value("${voicepartner.files.s3.region:us-east-1}") String region,
            @Value("${voicepartner.files.s3.access-key:}") String accessKey,
            @Value("${voicepartner.files.s3.secret-key:}") String secretKey)
            throws IOException {
        if (bucket.isBlank()) {
            return new LocalFileStorage(directory);
        }
        return new S3FileStorage(s3Client(endpoint, region, accessKey, secretKey), bucket);
    }

    private static S3Client s3Client(String endpoint, String region, String accessKey, String secretKey) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(region))
                .credentialsProvider(credentials(accessKey, secretKey));
        if (!endpoint.isBlank()) {
            // MinIO and other S3-compatible stores address buckets by path, not by host name
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }

    /** Keys from the environment when given; otherwise AWS's own chain (instance roles, profiles, …). */
    private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
        if (accessKey.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
