# syntax=docker/dockerfile:1
# The query side on its own, for the split deployment (docker-compose.yml). Build from the
# repository root, which is the build context:
#   docker build -f infra/docker/query-side.Dockerfile -t voicepartner/query-side .

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /workspace
# the whole reactor: Maven reads every module's POM even when it builds only some (.dockerignore
# keeps target/ folders and other local state out)
COPY . .
# the cache mount keeps the Maven distribution of the wrapper and the local repository between builds
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests -pl query-side -am package
# The repackaged, runnable jar (classifier exec; the plain jar is what the all-in-one launcher uses),
# split into its layers: dependencies change least, the application's own classes most.
RUN java -Djarmode=tools -jar query-side/target/query-side-*-exec.jar extract --layers --launcher \
        --destination /workspace/extracted

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 voicepartner \
    && useradd --system --uid 10001 --gid voicepartner --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin voicepartner
# the knowledge file store (FILE_STORAGE_DIR), a volume shared by both sides: owned by the service's user,
# so that a new named volume is too
RUN mkdir -p /data/files && chown 10001:10001 /data/files
WORKDIR /app
# one image layer per jar layer, least changing first, so that a change to the code alone rebuilds
# and ships only the last one
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER 10001:10001
ENV PORT=8082
EXPOSE 8082
# ready = started and the database answers (GET /readyz, which is /actuator/health/readiness on the API's port); /health, which also asks
# Kafka, would mark the side unhealthy while writes still succeed and wait in the event store
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/readyz" || exit 1
# exec form: the JVM is PID 1 and gets SIGTERM, so Spring shuts down gracefully
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
    "org.springframework.boot.loader.launch.JarLauncher"]
