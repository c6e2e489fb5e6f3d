# The silo: Orleans, the HTTP API, the analytics page and the dashboard in one process.
# Build from the repository root:  docker build -f deploy/docker/silo.Dockerfile -t recovery-cluster-silo .
# Every setting comes from environment variables (see README, "Configuration and defaults").

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so a source change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY eng/analyzers/BannedSymbols.txt eng/analyzers/
COPY Grains.Interfaces/RecoveryCluster.Grains.Interfaces.csproj Grains.Interfaces/
COPY Shared/RecoveryCluster.Shared.csproj Shared/
COPY Grains/RecoveryCluster.Grains.csproj Grains/
COPY Persistence/RecoveryCluster.Persistence.csproj Persistence/
COPY Silo/RecoveryCluster.Silo.csproj Silo/
RUN dotnet restore Silo/RecoveryCluster.Silo.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Shared/ Shared/
COPY Grains/ Grains/
COPY Persistence/ Persistence/
COPY Silo/ Silo/
RUN dotnet publish Silo/RecoveryCluster.Silo.csproj --configuration Release --no-restore --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# curl only serves the health check; the runtime image has no HTTP client of its own.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The silo binds its own HTTP endpoint (RecoveryCluster__Silo__HttpAddress/HttpPort); the image's default would only add a warning.
ENV ASPNETCORE_HTTP_PORTS=
# 11111 silo-to-silo, 30000 Orleans gateway, 8080 HTTP (API, page, dashboard, /healthz, /readyz).
EXPOSE 11111 30000 8080
# The non-root user every .NET image ships (uid 1654).
USER $APP_UID
# /healthz needs no API key. It assumes the default HTTP port; compose and Kubernetes declare their own probes.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error --max-time 2 http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "RecoveryCluster.Silo.dll"]
