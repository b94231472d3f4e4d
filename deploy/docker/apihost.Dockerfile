# The AudioMusic REST API host, as an Orleans client of the cluster (Hosting:Mode = Client).
# Build from the repository root:
#   docker build -f deploy/docker/apihost.Dockerfile -t audiomusic-api .

# The .NET 10 SDK and ASP.NET 10 runtime images are passed in, so the files name no registry:
#   --build-arg SDK_IMAGE=<.NET 10 SDK image> --build-arg RUNTIME_IMAGE=<ASP.NET Core 10 runtime image>
ARG SDK_IMAGE
ARG RUNTIME_IMAGE
FROM ${SDK_IMAGE} AS build
WORKDIR /source
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
COPY deploy/sql/ deploy/sql/
RUN dotnet restore src/ApiHost/ApiHost.csproj
RUN dotnet publish src/ApiHost/ApiHost.csproj --configuration Release --no-restore --output /app

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
EXPOSE 8080
# Inside a container the API listens on every interface on 8080 (the embedded default is http://localhost:5080).
ENV DOTNET_gcServer=1 \
    Urls=http://+:8080 \
    Hosting__Mode=Client
USER $APP_UID
ENTRYPOINT ["dotnet", "AudioMusic.ApiHost.dll"]
