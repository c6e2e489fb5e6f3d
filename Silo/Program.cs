using RecoveryCluster.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddRecoveryClusterSilo();

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok(new { status = "healthy" }));
app.WarnIfNotDurable();
app.Run();
