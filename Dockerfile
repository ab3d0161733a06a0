# One image definition for the three services: docker compose passes SERVICE.
# Build stage: the Maven wrapper builds only the requested service and the modules it needs.
FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -pl ${SERVICE} -am package -DskipTests

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN useradd --system --uid 10001 pipeline
USER pipeline
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}.jar /app/service.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
