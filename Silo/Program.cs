using RecoveryCluster.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.AddRecoveryClusterSilo();

var app = builder.Build();
app.MapRecoveryCluster();
app.WarnIfNotDurable();
app.Run();
