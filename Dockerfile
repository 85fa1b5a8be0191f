# KubeRpc server image: build with the .NET 10 SDK, run on the ASP.NET Core runtime as a non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/KubeRpc.Server/KubeRpc.Server.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# In a pod: talk to the cluster through the service account, listen on all interfaces, and let in only callers the
# cluster authenticates and authorizes (Auth:Mode Auto would pick that too off loopback; say it rather than rely on it).
ENV Kubernetes__Mode=InCluster \
    Auth__Mode=Kubernetes \
    Server__GrpcUrl=http://0.0.0.0:50051 \
    Server__ManagementUrl=http://0.0.0.0:9464
EXPOSE 50051 9464
USER $APP_UID
ENTRYPOINT ["dotnet", "KubeRpc.Server.dll"]
