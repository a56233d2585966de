using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Workflows.Functions;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
FunctionAppSetup.Configure(builder);
builder.Build().Run();
