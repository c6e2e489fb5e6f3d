# The demo worker: a workload over simulated components that reports its failures to the silos' gateways.
# Build from the repository root:  docker build -f deploy/docker/worker.Dockerfile -t recovery-cluster-worker .
# Settings come from environment variables: RecoveryCluster__Client__Gateways__0=silo-1:30000 ..., Worker__* options.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY eng/analyzers/BannedSymbols.txt eng/analyzers/
COPY Grains.Interfaces/RecoveryCluster.Grains.Interfaces.csproj Grains.Interfaces/
COPY Shared/RecoveryCluster.Shared.csproj Shared/
COPY Client/RecoveryCluster.Client.csproj Client/
COPY samples/Worker/RecoveryCluster.Worker.csproj samples/Worker/
RUN dotnet restore samples/Worker/RecoveryCluster.Worker.csproj
COPY Grains.Interfaces/ Grains.Interfaces/
COPY Shared/ Shared/
COPY Client/ Client/
COPY samples/Worker/ samples/Worker/
RUN dotnet publish samples/Worker/RecoveryCluster.Worker.csproj --configuration Release --no-restore --output /app -p:UseAppHost=false

# The worker serves no HTTP, so the smaller runtime image (no ASP.NET Core) is enough.
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENTRYPOINT ["dotnet", "RecoveryCluster.Worker.dll"]
