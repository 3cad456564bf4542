package io.voicepartner.support.storage;

import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
        return FileStores.open(new FileStores.Settings(directory, bucket, endpoint, region, accessKey, secretKey));
    }
}
