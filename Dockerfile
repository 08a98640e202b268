# The three applications' images, built from source by the Maven wrapper: `docker compose up` needs Docker only, no
# JDK and no Maven on the host. docker-compose.yml picks a stage per service (`build.target`); by hand:
#
#   DOCKER_BUILDKIT=1 docker build --target auth-server -t exampleco/auth-server:0.1.0-SNAPSHOT .
#
# Targets: auth-server, timesheets-api, timesheets-batch-client, and timesheets-batch-client-demo (the import job with
# the sample inbox of demo/inbox, for the demo compose file only).
#
# Base images are build arguments, so that an offline or air-gapped team (or a CI machine without Docker Hub) builds on
# its own mirror: any JDK 17+ image with a POSIX shell for BUILD_IMAGE, any JRE 17+ image (no shell needed) for
# RUNTIME_IMAGE.
#
# A TLS-intercepting proxy: pass its trust store as a build secret, never as a file in the image:
#   docker build --secret id=cacerts,src=$JAVA_HOME/lib/security/cacerts ...
# Needs BuildKit (Docker 23+ by default; DOCKER_BUILDKIT=1 on 18.09-20.10) for the cache and secret mounts.

ARG BUILD_IMAGE=eclipse-temurin:21-jdk
ARG RUNTIME_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Poms first: every module's pom is read by the reactor, whichever modules are built.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY auth-server/pom.xml auth-server/
COPY timesheets-api/pom.xml timesheets-api/
COPY timesheets-batch-client/pom.xml timesheets-batch-client/
COPY e2e-tests/pom.xml e2e-tests/
COPY auth-server/src/ auth-server/src/
COPY timesheets-api/src/ timesheets-api/src/
COPY timesheets-batch-client/src/ timesheets-batch-client/src/
COPY docker/tools/ docker/tools/
# One stage builds all three jars: the three images share it, so it runs once per source change.
# ~/.m2 is a cache mount: the Maven distribution and the dependencies survive between builds without being layers.
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=secret,id=cacerts \
    set -e; \
    if [ -f /run/secrets/cacerts ]; then export JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=/run/secrets/cacerts"; fi; \
    ./mvnw -B -q -Dmaven.test.skip=true -pl auth-server,timesheets-api,timesheets-batch-client package; \
    mkdir -p /out/tools /out/workspace/data; \
    javac --release 17 -d /out/tools docker/tools/*.java; \
    for module in auth-server timesheets-api timesheets-batch-client; do \
      cp "$module/target/$module-"*.jar "/out/$module.jar"; \
    done

# What every application image has: the healthcheck, a data folder owned by the user that runs the application, and
# that user. The user is a number, so the base image needs no useradd (and no /etc/passwd entry).
FROM ${RUNTIME_IMAGE} AS runtime
COPY --from=build /out/tools/ /opt/exampleco/
COPY --from=build --chown=10001:10001 /out/workspace/ /workspace/
# ./data (H2 files, signing keys, the import job's inbox and journal) is /workspace/data: a volume in docker-compose.yml.
WORKDIR /workspace
USER 10001:10001

# JVM flags: the same as the module's Jib <jvmFlags> (DockerComposeFileTest compares them), and docker-compose.yml's
# mem_limit leaves room for the heap plus the JVM's own memory.
FROM runtime AS auth-server
COPY --from=build /out/auth-server.jar /opt/exampleco/app.jar
EXPOSE 9000
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-jar", "/opt/exampleco/app.jar"]

FROM runtime AS timesheets-api
COPY --from=build /out/timesheets-api.jar /opt/exampleco/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/opt/exampleco/app.jar"]

FROM runtime AS timesheets-batch-client
COPY --from=build /out/timesheets-batch-client.jar /opt/exampleco/app.jar
EXPOSE 8081
ENTRYPOINT ["java", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=50", "-jar", "/opt/exampleco/app.jar"]

# The import job with demo/inbox in its inbox: a new volume mounted on /workspace/data starts with these files, so the
# first `docker compose up` delivers them, and a restart on the same volume does not deliver them again.
FROM timesheets-batch-client AS timesheets-batch-client-demo
COPY --chown=10001:10001 demo/inbox/ /workspace/data/inbox/
