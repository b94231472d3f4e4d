# The AudioMusic silo: hosts the grains and this machine's generation devices. Also runs schema migrations:
#   docker run --rm -e ConnectionStrings__AudioMusic=... audiomusic-silo migrate
# Build from the repository root:
#   docker build -f deploy/docker/silo.Dockerfile -t audiomusic-silo .
# For GPU silos, pick the CUDA build of libtorch (build/TorchSharp.targets) and run the container with GPU access:
#   docker build -f deploy/docker/silo.Dockerfile --build-arg TORCH_BACKEND=cuda -t audiomusic-silo:cuda .

# The .NET 10 SDK and ASP.NET 10 runtime images are passed in, so the files name no registry:
#   --build-arg SDK_IMAGE=<.NET 10 SDK image> --build-arg RUNTIME_IMAGE=<ASP.NET Core 10 runtime image>
ARG SDK_IMAGE
ARG RUNTIME_IMAGE
FROM ${SDK_IMAGE} AS build
ARG TORCH_BACKEND=cpu
WORKDIR /source
# Central build settings (package versions, the libtorch switch) come with the sources.
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./
COPY build/ build/
COPY src/ src/
COPY deploy/sql/ deploy/sql/
RUN dotnet restore src/Silo/Silo.csproj -p:TorchBackend=$TORCH_BACKEND
RUN dotnet publish src/Silo/Silo.csproj --configuration Release --no-restore -p:TorchBackend=$TORCH_BACKEND --output /app

# The ASP.NET runtime (a superset of the plain one) so a silo can also serve HTTP endpoints such as a dashboard.
FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
COPY --from=build /app ./
# 11111: silo-to-silo; 30000: gateway for API hosts (Orleans:SiloPort, Orleans:GatewayPort).
EXPOSE 11111 30000
ENV DOTNET_gcServer=1 \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000
# The images' unprivileged "app" user; the silo needs no root.
USER $APP_UID
ENTRYPOINT ["dotnet", "AudioMusic.Silo.dll"]
