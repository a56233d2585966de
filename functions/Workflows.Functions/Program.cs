using Microsoft.Extensions.Options;
using Workflows.Functions.Health;
using Workflows.Functions.Hosting;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHostConfiguration();
builder.Services.AddDurableTaskHost(builder.Configuration, tasks => { });
builder.Services.AddProblemDetails();
builder.Services.AddHostHealthChecks();

WebApplication app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHostHealth();

FunctionsHostOptions host = app.Services.GetRequiredService<IOptions<FunctionsHostOptions>>().Value;
Log.HostSettings(app.Logger, host.ScriptRoot, host.DataDirectory);
app.Run();
