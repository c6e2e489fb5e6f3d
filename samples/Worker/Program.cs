using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RecoveryCluster.Client.Hosting;
using RecoveryCluster.Worker;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddRecoveryClient();
builder.Services.AddDemoWorkload();
builder.Services.AddHostedService<WorkloadService>();
await builder.Build().RunAsync();
