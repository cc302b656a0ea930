# syntax=docker/dockerfile:1
#
# Rez in a container: built with the Maven Wrapper on a JDK 21 image (with Node.js for the dashboard),
# run on a JRE 21 image as a non-root user, configured only by environment variables.
#
#   docker build -t rez .
#   docker run --rm -p 127.0.0.1:7070:7070 -v rez-data:/data --env-file rez.env rez
#
# See README.md, "Deploying (Docker / TEE)", for the environment it needs.

ARG JDK_IMAGE=eclipse-temurin:21-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:21-jre-noble
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS node

FROM ${JDK_IMAGE} AS build
# Node.js and npm build the dashboard's static export (rez-dashboard), which the app jar serves.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
WORKDIR /src
# The wrapper first, so that the Maven download is a cached layer of its own.
COPY mvnw ./
COPY .mvn/ .mvn/
RUN ./mvnw -B -ntp --version
COPY . .
# DASHBOARD_SKIP=true builds a back-end-only image (then "/" says the dashboard was not built).
ARG DASHBOARD_SKIP=false
RUN --mount=type=cache,target=/root/.m2/repository \
    ./mvnw -B -ntp -pl rez-app -am package -DskipTests -Drez.dashboard.skip=${DASHBOARD_SKIP} \
 && cp rez-app/target/rez.jar /rez.jar

FROM ${JRE_IMAGE}
RUN groupadd --system --gid 10001 rez \
 && useradd --system --uid 10001 --gid rez --home-dir /data --no-create-home --shell /usr/sbin/nologin rez \
 && mkdir -p /data /app \
 && chown rez:rez /data
COPY --from=build /rez.jar /app/rez.jar
USER 10001:10001
# The diary, the index sidecar and the loop's persisted state live here: mount a volume to keep them.
WORKDIR /data
VOLUME ["/data"]
# Listen on every interface of the container: the app then refuses to start without REZ_API_TOKEN.
ENV API_HOST=0.0.0.0 \
    API_PORT=7070 \
    REZ_DIARY=/data/diary.jsonl
EXPOSE 7070
# No attach mechanism: nothing else in the container (jcmd, an agent) can attach to the JVM and read the keys in
# its memory.
ENTRYPOINT ["java", "-XX:+DisableAttachMechanism", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/rez.jar"]
CMD ["run"]
